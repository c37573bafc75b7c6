-- Undoes V4. Lossy: operating modes map back as hitl -> standard, monitor_only -> training,
-- autonomous_assist -> major_incident, and the V4 columns are dropped with their data. Audit rows that carried an IP address or correlation id no longer verify after
-- this, since the V3 digest cannot see what they were hashed with.
DROP FUNCTION fleet.transcript_matches(text);
DROP INDEX fleet.transmissions_transcript_search_gin;
ALTER TABLE fleet.transmissions DROP COLUMN transcript_search;
DROP INDEX fleet.assets_available_position_gist;
DROP FUNCTION fleet.location_earth(jsonb);
DROP TABLE fleet.suggested_actions;
DROP TYPE fleet.suggestion_kind, fleet.suggestion_status;

CREATE OR REPLACE FUNCTION fleet.audit_content_digest(a fleet.audit_logs) RETURNS bytea
    LANGUAGE sql STABLE
    SET search_path = pg_catalog
    AS $$ SELECT sha256(convert_to(jsonb_build_array(a.id, a.org_id, a.chain_seq, a.actor_id, a.actor, a.action,
                 a.entity_type, a.entity_id, a.before_state, a.after_state,
                 to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                 to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text, 'UTF8')) $$;
COMMENT ON FUNCTION fleet.audit_content_digest(fleet.audit_logs) IS 'sha256 of an audit row''s canonical content (every column but row_hash); AuditChainVerifier computes the same with built-in functions.';
DROP INDEX fleet.audit_logs_org_id_correlation_id_idx;
ALTER TABLE fleet.audit_logs DROP COLUMN ip_address, DROP COLUMN correlation_id;

ALTER TABLE fleet.crews DROP COLUMN shift_start, DROP COLUMN shift_end;
ALTER TABLE fleet.assets DROP COLUMN vin_or_serial;
ALTER TABLE fleet.webhooks DROP COLUMN retry_count, DROP COLUMN timeout_ms, DROP COLUMN last_triggered_at;
ALTER TABLE fleet.tasks DROP COLUMN sla_paused_at, DROP COLUMN sla_paused_duration_ms;
ALTER TABLE fleet.incidents DROP COLUMN assigned_to, DROP COLUMN acknowledged_at;
ALTER TABLE fleet.transmissions DROP COLUMN priority, DROP COLUMN status, DROP COLUMN tags, DROP COLUMN duration_ms;
DROP TYPE fleet.transmission_status;
ALTER TABLE fleet.radio_channels DROP COLUMN talkgroup;

CREATE TYPE fleet.posture_mode AS ENUM ('standard', 'elevated', 'major_incident', 'training');
ALTER TABLE fleet.organizations ALTER COLUMN operation_mode DROP DEFAULT;
ALTER TABLE fleet.organizations ALTER COLUMN operation_mode TYPE fleet.posture_mode
    USING (CASE operation_mode WHEN 'monitor_only' THEN 'training' WHEN 'autonomous_assist' THEN 'major_incident'
           ELSE 'standard' END)::fleet.posture_mode;
DROP TYPE fleet.operation_mode;
ALTER TYPE fleet.posture_mode RENAME TO operation_mode;
ALTER TABLE fleet.organizations ALTER COLUMN operation_mode SET DEFAULT 'standard';
COMMENT ON COLUMN fleet.organizations.operation_mode IS 'Current operating posture of the organization.';
