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
