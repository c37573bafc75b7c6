-- The dispatch product's own vocabulary (issue #16): operating modes are automation levels, and
-- the columns its API writes that V1 lacked.
--
-- Operating modes. Old value -> new value (no existing organization gains automation it did not
-- ask for: autonomous_assist must be chosen explicitly):
--   standard, elevated, major_incident -> hitl          (people act; suggestions wait for approval)
--   training                           -> monitor_only  (dashboards and alerts, no state changes)
CREATE TYPE fleet.automation_mode AS ENUM ('monitor_only', 'hitl', 'autonomous_assist');
ALTER TABLE fleet.organizations ALTER COLUMN operation_mode DROP DEFAULT;
ALTER TABLE fleet.organizations ALTER COLUMN operation_mode TYPE fleet.automation_mode
    USING (CASE operation_mode WHEN 'training' THEN 'monitor_only' ELSE 'hitl' END)::fleet.automation_mode;
DROP TYPE fleet.operation_mode;
ALTER TYPE fleet.automation_mode RENAME TO operation_mode;
ALTER TABLE fleet.organizations ALTER COLUMN operation_mode SET DEFAULT 'hitl';
COMMENT ON COLUMN fleet.organizations.operation_mode IS 'Automation level: monitor_only (no state changes), hitl (suggestions wait for a person), autonomous_assist (suggestions execute, revertible).';

-- ---------------------------------------------------------------- radio_channels
-- The product requires a talkgroup; channels created before V4 have none, so NULL stays allowed.
ALTER TABLE fleet.radio_channels ADD COLUMN talkgroup varchar(64),
    ADD CONSTRAINT radio_channels_talkgroup_trimmed CHECK (talkgroup IS NULL OR (talkgroup <> '' AND talkgroup = btrim(talkgroup)));
COMMENT ON COLUMN fleet.radio_channels.talkgroup IS 'Trunked-radio talkgroup the channel carries (e.g. FIRE-DISP-1); NULL for channels created before V4.';

-- ---------------------------------------------------------------- transmissions
CREATE TYPE fleet.transmission_status AS ENUM ('received', 'transcribed', 'reviewed', 'failed');
ALTER TABLE fleet.transmissions
    ADD COLUMN priority smallint NOT NULL DEFAULT 3,
    ADD COLUMN status fleet.transmission_status NOT NULL DEFAULT 'received',
    ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
    ADD COLUMN duration_ms integer,
    ADD CONSTRAINT transmissions_priority_range CHECK (priority BETWEEN 1 AND 5),
    ADD CONSTRAINT transmissions_duration_non_negative CHECK (duration_ms >= 0);
UPDATE fleet.transmissions SET status = 'transcribed' WHERE transcription IS NOT NULL;
UPDATE fleet.transmissions SET duration_ms = (extract(epoch FROM ended_at - started_at) * 1000)::integer WHERE ended_at IS NOT NULL;
COMMENT ON COLUMN fleet.transmissions.priority IS '1 (most urgent) to 5.';
COMMENT ON COLUMN fleet.transmissions.status IS 'Processing state: received, transcribed, reviewed (by a person), failed.';
COMMENT ON COLUMN fleet.transmissions.duration_ms IS 'Length of the audio in milliseconds, if known.';

-- ---------------------------------------------------------------- incidents
ALTER TABLE fleet.incidents
    ADD COLUMN assigned_to uuid,
    ADD COLUMN acknowledged_at timestamptz,
    ADD CONSTRAINT incidents_assigned_to_fkey FOREIGN KEY (org_id, assigned_to) REFERENCES fleet.users (org_id, id);
CREATE INDEX incidents_assigned_to_idx ON fleet.incidents (assigned_to);
COMMENT ON COLUMN fleet.incidents.assigned_to IS 'User responsible for the incident (set by acknowledge or assign).';
COMMENT ON COLUMN fleet.incidents.acknowledged_at IS 'When a user first took the incident on; set once.';

-- ---------------------------------------------------------------- tasks
ALTER TABLE fleet.tasks
    ADD COLUMN sla_paused_at timestamptz,
    ADD COLUMN sla_paused_duration_ms bigint NOT NULL DEFAULT 0,
    ADD CONSTRAINT tasks_sla_paused_duration_non_negative CHECK (sla_paused_duration_ms >= 0),
    ADD CONSTRAINT tasks_sla_paused_only_while_open CHECK (sla_paused_at IS NULL OR completed_at IS NULL);
COMMENT ON COLUMN fleet.tasks.sla_paused_at IS 'Set while the SLA clock is paused; the deadline moves by the time paused.';
COMMENT ON COLUMN fleet.tasks.sla_paused_duration_ms IS 'Total time the SLA clock was paused, in completed pauses: the effective deadline is due_at plus this.';

-- ---------------------------------------------------------------- webhooks
ALTER TABLE fleet.webhooks
    ADD COLUMN retry_count smallint NOT NULL DEFAULT 3,
    ADD COLUMN timeout_ms integer NOT NULL DEFAULT 5000,
    ADD COLUMN last_triggered_at timestamptz,
    ADD CONSTRAINT webhooks_retry_count_range CHECK (retry_count BETWEEN 0 AND 10),
    ADD CONSTRAINT webhooks_timeout_ms_range CHECK (timeout_ms BETWEEN 100 AND 60000);
COMMENT ON COLUMN fleet.webhooks.retry_count IS 'How many times a failed delivery is retried (0 to 10).';
COMMENT ON COLUMN fleet.webhooks.timeout_ms IS 'How long a delivery may take before it counts as failed (100 to 60000 ms).';
COMMENT ON COLUMN fleet.webhooks.last_triggered_at IS 'When a delivery was last attempted, successful or not.';

-- ---------------------------------------------------------------- assets
ALTER TABLE fleet.assets ADD COLUMN vin_or_serial varchar(64),
    ADD CONSTRAINT assets_vin_or_serial_format CHECK (vin_or_serial ~ '^[A-Z0-9][A-Z0-9-]*$'),
    ADD CONSTRAINT assets_org_id_vin_or_serial_key UNIQUE (org_id, vin_or_serial);
COMMENT ON COLUMN fleet.assets.vin_or_serial IS 'Vehicle identification number or serial number, upper case; unique within the organization.';

-- ---------------------------------------------------------------- crews
ALTER TABLE fleet.crews ADD COLUMN shift_start timestamptz, ADD COLUMN shift_end timestamptz,
    ADD CONSTRAINT crews_shift_complete CHECK ((shift_start IS NULL) = (shift_end IS NULL)),
    ADD CONSTRAINT crews_shift_end_after_start CHECK (shift_end > shift_start);
COMMENT ON COLUMN fleet.crews.shift_start IS 'Start of the crew''s current shift; set together with shift_end.';
COMMENT ON COLUMN fleet.crews.shift_end IS 'End of the crew''s current shift, after shift_start.';

-- ---------------------------------------------------------------- audit_logs
-- Where a change came from. Both are hashed into the chain when present; a row with neither keeps
-- exactly the V3 content, so every row written before V4 still verifies.
ALTER TABLE fleet.audit_logs ADD COLUMN ip_address inet, ADD COLUMN correlation_id varchar(100),
    ADD CONSTRAINT audit_logs_correlation_id_format CHECK (correlation_id ~ '^[!-~]+$');
COMMENT ON COLUMN fleet.audit_logs.ip_address IS 'IP address of the request that caused the change, if any.';
COMMENT ON COLUMN fleet.audit_logs.correlation_id IS 'Request or trace id of the change (printable ASCII, no spaces), to find one request''s rows.';
CREATE INDEX audit_logs_org_id_correlation_id_idx ON fleet.audit_logs (org_id, correlation_id) WHERE correlation_id IS NOT NULL;

CREATE OR REPLACE FUNCTION fleet.audit_content_digest(a fleet.audit_logs) RETURNS bytea
    LANGUAGE sql STABLE
    SET search_path = pg_catalog
    AS $$ SELECT sha256(convert_to((jsonb_build_array(a.id, a.org_id, a.chain_seq, a.actor_id, a.actor, a.action,
                 a.entity_type, a.entity_id, a.before_state, a.after_state,
                 to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                 to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                 || CASE WHEN a.ip_address IS NULL AND a.correlation_id IS NULL THEN '[]'::jsonb
                         ELSE jsonb_build_array(host(a.ip_address), a.correlation_id) END)::text, 'UTF8')) $$;
COMMENT ON FUNCTION fleet.audit_content_digest(fleet.audit_logs) IS 'sha256 of an audit row''s canonical content (every column but row_hash; ip_address and correlation_id only when one is set); AuditChainVerifier computes the same with built-in functions.';

-- ---------------------------------------------------------------- suggested_actions
-- What a policy or an AI service proposes, with its evidence. The organization's operating mode
-- when it is proposed decides its life: monitor_only records it (final), hitl keeps it pending
-- until a user approves (it executes) or rejects it, or it expires; autonomous_assist executes it
-- at once. An executed action keeps what reverting it needs (revert_state).
CREATE TYPE fleet.suggestion_kind AS ENUM ('create_incident', 'create_task', 'dispatch_crew', 'set_priority');
CREATE TYPE fleet.suggestion_status AS ENUM ('recorded', 'pending', 'rejected', 'expired', 'executed', 'reverted');
CREATE TABLE fleet.suggested_actions (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES fleet.organizations (id) ON DELETE CASCADE,
    kind            fleet.suggestion_kind NOT NULL,
    status          fleet.suggestion_status NOT NULL,
    proposed_in_mode fleet.operation_mode NOT NULL,
    proposed_by     varchar(255) NOT NULL,
    parameters      jsonb NOT NULL DEFAULT '{}'::jsonb,
    incident_id     uuid,
    transmission_id uuid,
    policy_id       uuid,
    confidence      double precision,
    rationale       text,
    expires_at      timestamptz,
    decided_by      uuid,
    decided_at      timestamptz,
    decision_reason text,
    executed_at     timestamptz,
    result_entity_type varchar(100),
    result_entity_id uuid,
    revert_state    jsonb,
    reverted_by     uuid,
    reverted_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    CONSTRAINT suggested_actions_org_id_id_key UNIQUE (org_id, id),
    CONSTRAINT suggested_actions_incident_fkey FOREIGN KEY (org_id, incident_id) REFERENCES fleet.incidents (org_id, id),
    CONSTRAINT suggested_actions_transmission_fkey FOREIGN KEY (org_id, transmission_id) REFERENCES fleet.transmissions (org_id, id),
    CONSTRAINT suggested_actions_policy_fkey FOREIGN KEY (org_id, policy_id) REFERENCES fleet.policies (org_id, id),
    CONSTRAINT suggested_actions_decided_by_fkey FOREIGN KEY (org_id, decided_by) REFERENCES fleet.users (org_id, id),
    CONSTRAINT suggested_actions_reverted_by_fkey FOREIGN KEY (org_id, reverted_by) REFERENCES fleet.users (org_id, id),
    CONSTRAINT suggested_actions_parameters_object CHECK (jsonb_typeof(parameters) = 'object'),
    CONSTRAINT suggested_actions_confidence_range CHECK (confidence BETWEEN 0 AND 1),
    CONSTRAINT suggested_actions_pending_expires CHECK (status <> 'pending' OR expires_at IS NOT NULL),
    CONSTRAINT suggested_actions_decision_complete CHECK (status <> 'rejected' OR (decided_at IS NOT NULL AND decided_by IS NOT NULL)),
    CONSTRAINT suggested_actions_execution_complete CHECK (status NOT IN ('executed', 'reverted')
        OR (executed_at IS NOT NULL AND result_entity_type IS NOT NULL AND result_entity_id IS NOT NULL AND revert_state IS NOT NULL)),
    CONSTRAINT suggested_actions_revert_complete CHECK (status <> 'reverted' OR reverted_at IS NOT NULL)
);
COMMENT ON TABLE fleet.suggested_actions IS 'Actions proposed by a policy or an AI service, and their approval, execution and revert.';
COMMENT ON COLUMN fleet.suggested_actions.proposed_in_mode IS 'The organization''s operating mode when proposed; it decided the lifecycle.';
COMMENT ON COLUMN fleet.suggested_actions.proposed_by IS 'The proposing policy engine or AI service, as auditors see it.';
COMMENT ON COLUMN fleet.suggested_actions.parameters IS 'What to do, by kind: incident number/title/type/priority, task title/priority, crew_id, priority.';
COMMENT ON COLUMN fleet.suggested_actions.incident_id IS 'Incident the action is about (not for create_incident).';
COMMENT ON COLUMN fleet.suggested_actions.transmission_id IS 'Evidence: the radio traffic that prompted it.';
COMMENT ON COLUMN fleet.suggested_actions.policy_id IS 'Evidence: the policy that proposed it.';
COMMENT ON COLUMN fleet.suggested_actions.confidence IS 'Evidence: the proposer''s confidence, 0 to 1.';
COMMENT ON COLUMN fleet.suggested_actions.expires_at IS 'A pending action not decided by then can no longer be approved.';
COMMENT ON COLUMN fleet.suggested_actions.decided_by IS 'User who approved or rejected it (hitl).';
COMMENT ON COLUMN fleet.suggested_actions.result_entity_id IS 'Row the execution created or changed (result_entity_type names its table).';
COMMENT ON COLUMN fleet.suggested_actions.revert_state IS 'What reverting the execution needs, e.g. the previous priority.';
CREATE INDEX suggested_actions_org_id_status_expires_at_idx ON fleet.suggested_actions (org_id, status, expires_at);
CREATE INDEX suggested_actions_incident_id_idx ON fleet.suggested_actions (incident_id);
CREATE INDEX suggested_actions_transmission_id_idx ON fleet.suggested_actions (transmission_id);
CREATE INDEX suggested_actions_policy_id_idx ON fleet.suggested_actions (policy_id);
CREATE INDEX suggested_actions_created_at_idx ON fleet.suggested_actions (created_at);
CREATE INDEX suggested_actions_updated_at_idx ON fleet.suggested_actions (updated_at);
CREATE INDEX suggested_actions_deleted_at_idx ON fleet.suggested_actions (deleted_at);
CREATE TRIGGER suggested_actions_set_updated_at BEFORE UPDATE ON fleet.suggested_actions
    FOR EACH ROW EXECUTE FUNCTION fleet.set_updated_at();
COMMENT ON COLUMN fleet.suggested_actions.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN fleet.suggested_actions.updated_at IS 'When the row last changed; maintained by a trigger.';
COMMENT ON COLUMN fleet.suggested_actions.deleted_at IS 'Soft delete: set when the row is hidden, NULL while live.';
ALTER TABLE fleet.suggested_actions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleet.suggested_actions
    USING (org_id = fleet.current_org_id()) WITH CHECK (org_id = fleet.current_org_id());

-- ---------------------------------------------------------------- nearest available units
-- cube + earthdistance (contrib, trusted): a location becomes a point on the earth (a cube), a
-- GiST index serves both the radius test (earth_box @>) and nearest-first ordering (<->, KNN).
-- Installed in public, where earthdistance's own functions expect cube; U4 leaves them installed,
-- as other schemas may use them.
CREATE EXTENSION IF NOT EXISTS cube SCHEMA public;
CREATE EXTENSION IF NOT EXISTS earthdistance SCHEMA public;

-- Both location forms (latitude/longitude and the product's lat/lng); NULL without coordinates.
CREATE FUNCTION fleet.location_earth(location jsonb) RETURNS public.earth
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = public, pg_catalog
    AS $$ SELECT public.ll_to_earth(coalesce((location ->> 'latitude')::float8, (location ->> 'lat')::float8),
                                     coalesce((location ->> 'longitude')::float8, (location ->> 'lng')::float8)) $$;
COMMENT ON FUNCTION fleet.location_earth(jsonb) IS 'A location''s coordinates as a point on the earth (earthdistance), NULL without coordinates; what the nearest-unit index is built on.';
CREATE INDEX assets_available_position_gist ON fleet.assets USING gist (fleet.location_earth(location))
    WHERE status = 'available' AND deleted_at IS NULL;

-- ---------------------------------------------------------------- transcript search
ALTER TABLE fleet.transmissions ADD COLUMN transcript_search tsvector
    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(transcription, ''))) STORED;
COMMENT ON COLUMN fleet.transmissions.transcript_search IS 'The transcription as English full-text search terms (computed by the server).';
CREATE INDEX transmissions_transcript_search_gin ON fleet.transmissions USING gin (transcript_search);
-- Row-level security keeps @@ (not leakproof) out of index conditions for the application role, so
-- its own query could not use the GIN index. This function runs the match as the owner (no RLS),
-- for the transaction's organization only (fleet.current_org_id(), never a parameter).
CREATE FUNCTION fleet.transcript_matches(query text) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 100
    SET search_path = pg_catalog
    AS $$ SELECT t.id FROM fleet.transmissions t
           WHERE t.org_id = fleet.current_org_id() AND t.deleted_at IS NULL
             AND t.transcript_search @@ websearch_to_tsquery('english'::regconfig, query) $$;
COMMENT ON FUNCTION fleet.transcript_matches(text) IS 'Ids of the current organization''s live transmissions whose transcription matches query (web search syntax), found through the GIN index.';
