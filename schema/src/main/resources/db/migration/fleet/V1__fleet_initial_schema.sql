-- Radio fleet dispatch: the 12 tables of the dispatch platform.
-- Tenancy is enforced three ways: every tenant-owned row carries org_id, every reference to
-- another tenant-owned row is a composite foreign key that includes org_id (so it cannot point
-- into another organization), and row-level security keyed by the transaction setting
-- dal.org_id hides other organizations from any role that is not the owner.

CREATE TYPE fleet.operation_mode AS ENUM ('standard', 'elevated', 'major_incident', 'training');
CREATE TYPE fleet.channel_source_type AS ENUM ('SIP', 'HTTP', 'FILE', 'API');
CREATE TYPE fleet.incident_status AS ENUM ('new', 'dispatched', 'on_scene', 'resolved', 'closed', 'cancelled');
CREATE TYPE fleet.task_status AS ENUM ('pending', 'assigned', 'in_progress', 'blocked', 'completed', 'cancelled');
CREATE TYPE fleet.asset_type AS ENUM ('vehicle', 'radio', 'equipment', 'drone');
CREATE TYPE fleet.asset_status AS ENUM ('available', 'assigned', 'in_use', 'maintenance', 'out_of_service');
CREATE TYPE fleet.crew_status AS ENUM ('available', 'dispatched', 'on_scene', 'off_duty');

-- The organization the current transaction acts for; NULL when unset, so nothing is visible.
CREATE FUNCTION fleet.current_org_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('dal.org_id', true), '')::uuid $$;
COMMENT ON FUNCTION fleet.current_org_id() IS 'Organization set for the current transaction (SET LOCAL dal.org_id), NULL if none.';

CREATE FUNCTION fleet.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION fleet.set_updated_at() IS 'Keeps updated_at current on every UPDATE.';

CREATE FUNCTION fleet.reject_audit_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
COMMENT ON FUNCTION fleet.reject_audit_change() IS 'Makes audit_logs immutable, for every role including the owner.';

-- ---------------------------------------------------------------- organizations
CREATE TABLE fleet.organizations (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name           varchar(200) NOT NULL,
    slug           varchar(100) NOT NULL,
    operation_mode fleet.operation_mode NOT NULL DEFAULT 'standard',
    feature_flags  jsonb NOT NULL DEFAULT '{}'::jsonb,
    metadata       jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    deleted_at     timestamptz,
    CONSTRAINT organizations_slug_key UNIQUE (slug),
    CONSTRAINT organizations_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT organizations_feature_flags_object CHECK (jsonb_typeof(feature_flags) = 'object'),
    CONSTRAINT organizations_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);
COMMENT ON TABLE fleet.organizations IS 'Tenants: one agency or dispatch center each.';
COMMENT ON COLUMN fleet.organizations.slug IS 'Stable, URL-safe identifier of the organization.';
COMMENT ON COLUMN fleet.organizations.operation_mode IS 'Current operating posture of the organization.';
COMMENT ON COLUMN fleet.organizations.feature_flags IS 'Feature name to boolean.';

-- ---------------------------------------------------------------- users
CREATE TABLE fleet.users (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id       uuid NOT NULL REFERENCES fleet.organizations (id) ON DELETE CASCADE,
    oidc_subject varchar(255) NOT NULL,
    email        varchar(320) NOT NULL,
    display_name varchar(200) NOT NULL,
    roles        text[] NOT NULL DEFAULT '{}',
    is_active    boolean NOT NULL DEFAULT true,
    last_login_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    CONSTRAINT users_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT users_org_id_oidc_subject_key UNIQUE (org_id, oidc_subject)
);
COMMENT ON TABLE fleet.users IS 'Accounts; identity comes from the OIDC provider.';
COMMENT ON COLUMN fleet.users.oidc_subject IS 'OIDC "sub" claim, unique within the organization.';
COMMENT ON COLUMN fleet.users.roles IS 'Application roles, e.g. dispatcher, supervisor, admin.';

-- ---------------------------------------------------------------- radio_channels
CREATE TABLE fleet.radio_channels (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      uuid NOT NULL REFERENCES fleet.organizations (id) ON DELETE CASCADE,
    name        varchar(200) NOT NULL,
    source_type fleet.channel_source_type NOT NULL,
    source_config jsonb NOT NULL DEFAULT '{}'::jsonb,
    is_active   boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    CONSTRAINT radio_channels_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT radio_channels_org_id_name_key UNIQUE (org_id, name),
    CONSTRAINT radio_channels_source_config_object CHECK (jsonb_typeof(source_config) = 'object')
);
COMMENT ON TABLE fleet.radio_channels IS 'Audio sources whose traffic is recorded and transcribed.';
COMMENT ON COLUMN fleet.radio_channels.source_config IS 'Connection settings for the source type (SIP URI, HTTP stream URL, file path, API endpoint).';

-- ---------------------------------------------------------------- incidents
CREATE TABLE fleet.incidents (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES fleet.organizations (id) ON DELETE CASCADE,
    incident_number varchar(50) NOT NULL,
    title           varchar(300) NOT NULL,
    description     text,
    incident_type   varchar(100) NOT NULL,
    status          fleet.incident_status NOT NULL DEFAULT 'new',
    priority        smallint NOT NULL DEFAULT 3,
    location        jsonb,
    tags            text[] NOT NULL DEFAULT '{}',
    reported_by     uuid,
    reported_at     timestamptz NOT NULL DEFAULT now(),
    dispatched_at   timestamptz,
    on_scene_at     timestamptz,
    resolved_at     timestamptz,
    closed_at       timestamptz,
    metadata        jsonb NOT NULL DEFAULT '{}'::jsonb,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    CONSTRAINT incidents_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT incidents_org_id_incident_number_key UNIQUE (org_id, incident_number),
    CONSTRAINT incidents_priority_range CHECK (priority BETWEEN 1 AND 5),
    CONSTRAINT incidents_location_object CHECK (location IS NULL OR jsonb_typeof(location) = 'object'),
    CONSTRAINT incidents_metadata_object CHECK (jsonb_typeof(metadata) = 'object'),
    CONSTRAINT incidents_version_positive CHECK (version > 0),
    CONSTRAINT incidents_reported_by_fkey FOREIGN KEY (org_id, reported_by)
        REFERENCES fleet.users (org_id, id)
);
COMMENT ON TABLE fleet.incidents IS 'Emergencies being handled, with their workflow status.';
COMMENT ON COLUMN fleet.incidents.priority IS '1 (most urgent) to 5.';
COMMENT ON COLUMN fleet.incidents.location IS 'Typed location: address, city, region, coordinates.';
COMMENT ON COLUMN fleet.incidents.version IS 'Optimistic lock: incremented by every update.';

-- ---------------------------------------------------------------- transmissions
CREATE TABLE fleet.transmissions (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        uuid NOT NULL REFERENCES fleet.organizations (id) ON DELETE CASCADE,
    channel_id    uuid NOT NULL,
    incident_id   uuid,
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz,
    audio_ref     varchar(1024),
    transcription text,
    transcription_confidence double precision,
    language      varchar(16),
    entities      jsonb NOT NULL DEFAULT '[]'::jsonb,
    metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz,
    CONSTRAINT transmissions_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT transmissions_channel_fkey FOREIGN KEY (org_id, channel_id)
        REFERENCES fleet.radio_channels (org_id, id) ON DELETE CASCADE,
    CONSTRAINT transmissions_incident_fkey FOREIGN KEY (org_id, incident_id)
        REFERENCES fleet.incidents (org_id, id),
    CONSTRAINT transmissions_ended_after_started CHECK (ended_at IS NULL OR ended_at >= started_at),
    CONSTRAINT transmissions_confidence_range CHECK (transcription_confidence BETWEEN 0 AND 1),
    CONSTRAINT transmissions_entities_array CHECK (jsonb_typeof(entities) = 'array'),
    CONSTRAINT transmissions_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);
COMMENT ON TABLE fleet.transmissions IS 'Recorded radio traffic with its AI transcription and extracted entities.';
COMMENT ON COLUMN fleet.transmissions.audio_ref IS 'Where the audio is stored (object key or URL).';
COMMENT ON COLUMN fleet.transmissions.entities IS 'Extracted entities: array of {type, value, confidence, start, end}.';
COMMENT ON COLUMN fleet.transmissions.incident_id IS 'Incident this traffic was linked to, if any.';

-- ---------------------------------------------------------------- tasks
CREATE TABLE fleet.tasks (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id       uuid NOT NULL REFERENCES fleet.organizations (id) ON DELETE CASCADE,
    incident_id  uuid NOT NULL,
    title        varchar(300) NOT NULL,
    description  text,
    status       fleet.task_status NOT NULL DEFAULT 'pending',
    priority     smallint NOT NULL DEFAULT 3,
    assignee_id  uuid,
    due_at       timestamptz,
    started_at   timestamptz,
    completed_at timestamptz,
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    CONSTRAINT tasks_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT tasks_incident_fkey FOREIGN KEY (org_id, incident_id)
        REFERENCES fleet.incidents (org_id, id) ON DELETE CASCADE,
    CONSTRAINT tasks_assignee_fkey FOREIGN KEY (org_id, assignee_id)
        REFERENCES fleet.users (org_id, id),
    CONSTRAINT tasks_priority_range CHECK (priority BETWEEN 1 AND 5),
    CONSTRAINT tasks_version_positive CHECK (version > 0)
);
COMMENT ON TABLE fleet.tasks IS 'Action items under an incident, with an assignee and an SLA due time.';
COMMENT ON COLUMN fleet.tasks.due_at IS 'SLA deadline; a task not completed by then is breached.';
COMMENT ON COLUMN fleet.tasks.version IS 'Optimistic lock: incremented by every update.';

-- ---------------------------------------------------------------- task_checklists
CREATE TABLE fleet.task_checklists (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id       uuid NOT NULL REFERENCES fleet.organizations (id) ON DELETE CASCADE,
    task_id      uuid NOT NULL,
    position     integer NOT NULL,
    label        varchar(500) NOT NULL,
    is_completed boolean NOT NULL DEFAULT false,
    completed_at timestamptz,
    completed_by uuid,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    CONSTRAINT task_checklists_org_id_id_key UNIQUE (org_id, id),
    -- Deferrable so that a reorder can swap positions inside one transaction.
    CONSTRAINT task_checklists_task_id_position_key UNIQUE (task_id, position) DEFERRABLE INITIALLY IMMEDIATE,
    CONSTRAINT task_checklists_task_fkey FOREIGN KEY (org_id, task_id)
        REFERENCES fleet.tasks (org_id, id) ON DELETE CASCADE,
    CONSTRAINT task_checklists_completed_by_fkey FOREIGN KEY (org_id, completed_by)
        REFERENCES fleet.users (org_id, id),
    CONSTRAINT task_checklists_position_non_negative CHECK (position >= 0),
    CONSTRAINT task_checklists_completion_consistent CHECK (is_completed = (completed_at IS NOT NULL))
);
COMMENT ON TABLE fleet.task_checklists IS 'Ordered sub-task items of a task.';
COMMENT ON COLUMN fleet.task_checklists.position IS '0-based order of the item within its task.';

-- ---------------------------------------------------------------- crews
CREATE TABLE fleet.crews (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        uuid NOT NULL REFERENCES fleet.organizations (id) ON DELETE CASCADE,
    name          varchar(200) NOT NULL,
    status        fleet.crew_status NOT NULL DEFAULT 'available',
    member_ids    uuid[] NOT NULL DEFAULT '{}',
    leader_id     uuid,
    incident_id   uuid,
    dispatched_at timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz,
    CONSTRAINT crews_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT crews_org_id_name_key UNIQUE (org_id, name),
    CONSTRAINT crews_leader_fkey FOREIGN KEY (org_id, leader_id)
        REFERENCES fleet.users (org_id, id),
    CONSTRAINT crews_incident_fkey FOREIGN KEY (org_id, incident_id)
        REFERENCES fleet.incidents (org_id, id)
);
COMMENT ON TABLE fleet.crews IS 'Teams of users dispatched together.';
COMMENT ON COLUMN fleet.crews.member_ids IS 'Users in the crew; each must belong to the same organization (enforced by trigger).';
COMMENT ON COLUMN fleet.crews.incident_id IS 'Incident the crew is currently dispatched to.';

-- An array cannot carry a foreign key, so a trigger enforces what the composite keys enforce elsewhere.
CREATE FUNCTION fleet.check_crew_members() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    missing uuid;
BEGIN
    SELECT m INTO missing
      FROM unnest(NEW.member_ids) AS m
     WHERE NOT EXISTS (SELECT 1 FROM fleet.users u WHERE u.id = m AND u.org_id = NEW.org_id)
     LIMIT 1;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'crew member % is not a user of organization %', missing, NEW.org_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION fleet.check_crew_members() IS 'Rejects crew members that are not users of the crew''s organization.';

-- ---------------------------------------------------------------- assets
CREATE TABLE fleet.assets (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id       uuid NOT NULL REFERENCES fleet.organizations (id) ON DELETE CASCADE,
    name         varchar(200) NOT NULL,
    asset_type   fleet.asset_type NOT NULL,
    status       fleet.asset_status NOT NULL DEFAULT 'available',
    call_sign    varchar(50),
    crew_id      uuid,
    location     jsonb,
    telematics   jsonb NOT NULL DEFAULT '{}'::jsonb,
    last_seen_at timestamptz,
    metadata     jsonb NOT NULL DEFAULT '{}'::jsonb,
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    CONSTRAINT assets_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT assets_crew_fkey FOREIGN KEY (org_id, crew_id)
        REFERENCES fleet.crews (org_id, id),
    CONSTRAINT assets_location_object CHECK (location IS NULL OR jsonb_typeof(location) = 'object'),
    CONSTRAINT assets_telematics_object CHECK (jsonb_typeof(telematics) = 'object'),
    CONSTRAINT assets_metadata_object CHECK (jsonb_typeof(metadata) = 'object'),
    CONSTRAINT assets_version_positive CHECK (version > 0)
);
COMMENT ON TABLE fleet.assets IS 'Vehicles and equipment, with telematics and last known location.';
COMMENT ON COLUMN fleet.assets.telematics IS 'Latest telematics reading (speed, heading, fuel, odometer, ...).';
COMMENT ON COLUMN fleet.assets.version IS 'Optimistic lock: incremented by every update.';

-- ---------------------------------------------------------------- audit_logs
CREATE TABLE fleet.audit_logs (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id       uuid NOT NULL REFERENCES fleet.organizations (id),
    actor_id     uuid,
    actor        varchar(255) NOT NULL,
    action       varchar(50) NOT NULL,
    entity_type  varchar(100) NOT NULL,
    entity_id    uuid NOT NULL,
    before_state jsonb,
    after_state  jsonb,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    created_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE fleet.audit_logs IS 'Append-only compliance trail: UPDATE, DELETE and TRUNCATE are rejected for every role.';
COMMENT ON COLUMN fleet.audit_logs.actor_id IS 'User who acted, if a user; no foreign key so that the trail outlives the account.';
COMMENT ON COLUMN fleet.audit_logs.actor IS 'Who acted, as shown to auditors (user subject, service name).';
COMMENT ON COLUMN fleet.audit_logs.before_state IS 'Row as it was before the change; NULL for a create.';
COMMENT ON COLUMN fleet.audit_logs.after_state IS 'Row as it is after the change; NULL for a purge.';

-- ---------------------------------------------------------------- webhooks
CREATE TABLE fleet.webhooks (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id               uuid NOT NULL REFERENCES fleet.organizations (id) ON DELETE CASCADE,
    url                  varchar(2048) NOT NULL,
    secret               varchar(255),
    events               text[] NOT NULL DEFAULT '{}',
    is_active            boolean NOT NULL DEFAULT true,
    consecutive_failures integer NOT NULL DEFAULT 0,
    total_failures       integer NOT NULL DEFAULT 0,
    last_success_at      timestamptz,
    last_failure_at      timestamptz,
    last_error           text,
    disabled_at          timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    deleted_at           timestamptz,
    CONSTRAINT webhooks_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT webhooks_failures_non_negative CHECK (consecutive_failures >= 0 AND total_failures >= 0)
);
COMMENT ON TABLE fleet.webhooks IS 'Outbound integrations subscribed to events.';
COMMENT ON COLUMN fleet.webhooks.events IS 'Subscribed event names, e.g. incident.created.';
COMMENT ON COLUMN fleet.webhooks.consecutive_failures IS 'Failed deliveries since the last success; the webhook is disabled past a threshold.';

-- ---------------------------------------------------------------- policies
CREATE TABLE fleet.policies (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      uuid NOT NULL REFERENCES fleet.organizations (id) ON DELETE CASCADE,
    name        varchar(200) NOT NULL,
    description text,
    rules_yaml  text NOT NULL,
    priority    integer NOT NULL DEFAULT 100,
    is_enabled  boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    CONSTRAINT policies_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT policies_org_id_name_key UNIQUE (org_id, name)
);
COMMENT ON TABLE fleet.policies IS 'Automation rules written in YAML; lower priority numbers run first.';
COMMENT ON COLUMN fleet.policies.rules_yaml IS 'The rule set as YAML, validated by the data layer on write.';

CREATE TRIGGER crews_check_members
    BEFORE INSERT OR UPDATE OF member_ids, org_id ON fleet.crews
    FOR EACH ROW EXECUTE FUNCTION fleet.check_crew_members();

CREATE TRIGGER audit_logs_no_update_delete
    BEFORE UPDATE OR DELETE ON fleet.audit_logs
    FOR EACH ROW EXECUTE FUNCTION fleet.reject_audit_change();
CREATE TRIGGER audit_logs_no_truncate
    BEFORE TRUNCATE ON fleet.audit_logs
    FOR EACH STATEMENT EXECUTE FUNCTION fleet.reject_audit_change();

-- ---------------------------------------------------------------- indexes
-- Composite indexes for the common lookups.
CREATE INDEX incidents_org_id_status_idx ON fleet.incidents (org_id, status);
CREATE INDEX incidents_org_id_priority_reported_at_idx ON fleet.incidents (org_id, priority, reported_at);
CREATE INDEX incidents_incident_type_idx ON fleet.incidents (incident_type);
CREATE INDEX incidents_reported_by_idx ON fleet.incidents (reported_by);
CREATE INDEX tasks_org_id_status_idx ON fleet.tasks (org_id, status);
CREATE INDEX tasks_assignee_id_status_idx ON fleet.tasks (assignee_id, status);
CREATE INDEX tasks_incident_id_idx ON fleet.tasks (incident_id);
CREATE INDEX tasks_due_at_idx ON fleet.tasks (due_at) WHERE completed_at IS NULL;
CREATE INDEX task_checklists_completed_by_idx ON fleet.task_checklists (completed_by);
CREATE INDEX transmissions_channel_id_started_at_idx ON fleet.transmissions (channel_id, started_at);
CREATE INDEX transmissions_org_id_started_at_idx ON fleet.transmissions (org_id, started_at);
CREATE INDEX transmissions_incident_id_idx ON fleet.transmissions (incident_id);
CREATE INDEX radio_channels_org_id_source_type_idx ON fleet.radio_channels (org_id, source_type);
CREATE INDEX assets_org_id_status_idx ON fleet.assets (org_id, status);
CREATE INDEX assets_org_id_asset_type_status_idx ON fleet.assets (org_id, asset_type, status);
CREATE INDEX assets_crew_id_idx ON fleet.assets (crew_id);
CREATE INDEX crews_org_id_status_idx ON fleet.crews (org_id, status);
CREATE INDEX crews_incident_id_idx ON fleet.crews (incident_id);
CREATE INDEX crews_leader_id_idx ON fleet.crews (leader_id);
CREATE INDEX webhooks_org_id_is_active_idx ON fleet.webhooks (org_id, is_active);
CREATE INDEX policies_org_id_is_enabled_priority_idx ON fleet.policies (org_id, is_enabled, priority);
CREATE INDEX audit_logs_org_id_entity_idx ON fleet.audit_logs (org_id, entity_type, entity_id, occurred_at);
CREATE INDEX audit_logs_org_id_actor_id_idx ON fleet.audit_logs (org_id, actor_id, occurred_at);
CREATE INDEX audit_logs_org_id_occurred_at_idx ON fleet.audit_logs (org_id, occurred_at);
CREATE INDEX audit_logs_created_at_idx ON fleet.audit_logs (created_at);

-- GIN for containment (@>) and key-existence (?, ?|, ?&) queries.
CREATE INDEX organizations_metadata_gin ON fleet.organizations USING gin (metadata);
CREATE INDEX users_roles_gin ON fleet.users USING gin (roles);
CREATE INDEX incidents_location_gin ON fleet.incidents USING gin (location);
CREATE INDEX incidents_metadata_gin ON fleet.incidents USING gin (metadata);
CREATE INDEX incidents_tags_gin ON fleet.incidents USING gin (tags);
-- Entities are only ever searched by containment, so the smaller jsonb_path_ops suffices.
CREATE INDEX transmissions_entities_gin ON fleet.transmissions USING gin (entities jsonb_path_ops);
CREATE INDEX transmissions_metadata_gin ON fleet.transmissions USING gin (metadata);
CREATE INDEX assets_location_gin ON fleet.assets USING gin (location);
CREATE INDEX assets_metadata_gin ON fleet.assets USING gin (metadata);
CREATE INDEX webhooks_events_gin ON fleet.webhooks USING gin (events);

-- What every mutable table shares: timestamp indexes, the updated_at trigger, and row-level
-- security. Written once as a loop so the tables cannot drift apart.
DO $$
DECLARE
    t text;
    tenant_key text;
BEGIN
    FOREACH t IN ARRAY ARRAY['organizations', 'users', 'radio_channels', 'incidents', 'transmissions',
                             'tasks', 'task_checklists', 'crews', 'assets', 'webhooks', 'policies']
    LOOP
        EXECUTE format('CREATE INDEX %I ON fleet.%I (created_at)', t || '_created_at_idx', t);
        EXECUTE format('CREATE INDEX %I ON fleet.%I (updated_at)', t || '_updated_at_idx', t);
        EXECUTE format('CREATE INDEX %I ON fleet.%I (deleted_at)', t || '_deleted_at_idx', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON fleet.%I FOR EACH ROW EXECUTE FUNCTION fleet.set_updated_at()',
                       t || '_set_updated_at', t);
        EXECUTE format('COMMENT ON COLUMN fleet.%I.created_at IS %L', t, 'When the row was inserted.');
        EXECUTE format('COMMENT ON COLUMN fleet.%I.updated_at IS %L', t, 'When the row last changed; maintained by a trigger.');
        EXECUTE format('COMMENT ON COLUMN fleet.%I.deleted_at IS %L', t, 'Soft delete: set when the row is hidden, NULL while live.');
    END LOOP;

    FOREACH t IN ARRAY ARRAY['organizations', 'users', 'radio_channels', 'incidents', 'transmissions',
                             'tasks', 'task_checklists', 'crews', 'assets', 'audit_logs', 'webhooks', 'policies']
    LOOP
        tenant_key := CASE WHEN t = 'organizations' THEN 'id' ELSE 'org_id' END;
        EXECUTE format('ALTER TABLE fleet.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON fleet.%I USING (%I = fleet.current_org_id()) WITH CHECK (%I = fleet.current_org_id())',
                       t, tenant_key, tenant_key);
    END LOOP;
END
$$;
