-- Undoes V6: transmissions and audit_logs become plain tables again, every row of every attached
-- partition copied back. Refused while audit months are detached (see dal partitions): their rows
-- are outside the table, and a chain that starts after link 1 does not verify without
-- fleet.audit_chain_bases.
-- Partitions detached into schema fleet_detached are left there.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM fleet.audit_chain_bases) THEN
        RAISE EXCEPTION 'cannot undo V6: audit partitions were detached by retention (fleet.audit_chain_bases has rows); reattach them first'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
END
$$;

DROP TABLE fleet.audit_chain_bases;
DROP TRIGGER audit_logs_chain ON fleet.audit_logs;
DROP FUNCTION fleet.audit_content_digest(fleet.audit_logs);
ALTER TABLE fleet.suggested_actions DROP CONSTRAINT suggested_actions_transmission_fkey,
    DROP CONSTRAINT suggested_actions_transmission_complete, DROP COLUMN transmission_started_at;

DO $$
DECLARE
    t text;
    columns text;
    acl record;
BEGIN
    FOREACH t IN ARRAY ARRAY['transmissions', 'audit_logs'] LOOP
        EXECUTE format('ALTER TABLE fleet.%I RENAME TO %I', t, t || '_partitioned');
        EXECUTE format('CREATE TABLE fleet.%I (LIKE fleet.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED'
                       ' INCLUDING COMMENTS INCLUDING STORAGE)', t, t || '_partitioned');
        SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
          FROM pg_attribute WHERE attrelid = format('fleet.%I', t)::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
        EXECUTE format('INSERT INTO fleet.%I (%s) SELECT %s FROM fleet.%I', t, columns, columns, t || '_partitioned');
        FOR acl IN SELECT a.grantee, a.privilege_type
                     FROM pg_class c, aclexplode(c.relacl) a
                    WHERE c.oid = format('fleet.%I', t || '_partitioned')::regclass AND a.grantee <> c.relowner LOOP
            EXECUTE format('GRANT %s ON fleet.%I TO %s', acl.privilege_type, t,
                           CASE acl.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(acl.grantee)) END);
        END LOOP;
        EXECUTE format('DROP TABLE fleet.%I', t || '_partitioned');
        EXECUTE format('ALTER TABLE fleet.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON fleet.%I USING (org_id = fleet.current_org_id()) WITH CHECK (org_id = fleet.current_org_id())', t);
    END LOOP;
END
$$;
DROP FUNCTION fleet.create_partition(regclass, timestamptz, timestamptz);

ALTER TABLE fleet.transmissions
    ADD CONSTRAINT transmissions_pkey PRIMARY KEY (org_id, id),
    ADD CONSTRAINT transmissions_org_id_fkey FOREIGN KEY (org_id) REFERENCES fleet.organizations (id) ON DELETE CASCADE,
    ADD CONSTRAINT transmissions_channel_fkey FOREIGN KEY (org_id, channel_id)
        REFERENCES fleet.radio_channels (org_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT transmissions_incident_fkey FOREIGN KEY (org_id, incident_id) REFERENCES fleet.incidents (org_id, id);
CREATE INDEX transmissions_channel_id_started_at_idx ON fleet.transmissions (channel_id, started_at);
CREATE INDEX transmissions_org_id_started_at_idx ON fleet.transmissions (org_id, started_at);
CREATE INDEX transmissions_incident_id_idx ON fleet.transmissions (incident_id);
CREATE INDEX transmissions_entities_gin ON fleet.transmissions USING gin (entities jsonb_path_ops);
CREATE INDEX transmissions_metadata_gin ON fleet.transmissions USING gin (metadata);
CREATE INDEX transmissions_transcript_search_gin ON fleet.transmissions USING gin (transcript_search);
CREATE INDEX transmissions_created_at_idx ON fleet.transmissions (created_at);
CREATE INDEX transmissions_updated_at_idx ON fleet.transmissions (updated_at);
CREATE INDEX transmissions_deleted_at_idx ON fleet.transmissions (deleted_at);
CREATE TRIGGER transmissions_set_updated_at BEFORE UPDATE ON fleet.transmissions
    FOR EACH ROW EXECUTE FUNCTION fleet.set_updated_at();
COMMENT ON TABLE fleet.transmissions IS 'Recorded radio traffic with its AI transcription and extracted entities.';
ALTER TABLE fleet.suggested_actions ADD CONSTRAINT suggested_actions_transmission_fkey
    FOREIGN KEY (org_id, transmission_id) REFERENCES fleet.transmissions (org_id, id);

ALTER TABLE fleet.audit_logs
    ADD CONSTRAINT audit_logs_pkey PRIMARY KEY (org_id, id),
    ADD CONSTRAINT audit_logs_org_id_fkey FOREIGN KEY (org_id) REFERENCES fleet.organizations (id),
    ADD CONSTRAINT audit_logs_org_id_chain_seq_key UNIQUE (org_id, chain_seq);
CREATE INDEX audit_logs_org_id_entity_idx ON fleet.audit_logs (org_id, entity_type, entity_id, occurred_at);
CREATE INDEX audit_logs_org_id_actor_id_idx ON fleet.audit_logs (org_id, actor_id, occurred_at);
CREATE INDEX audit_logs_org_id_occurred_at_idx ON fleet.audit_logs (org_id, occurred_at);
CREATE INDEX audit_logs_created_at_idx ON fleet.audit_logs (created_at);
CREATE INDEX audit_logs_org_id_correlation_id_idx ON fleet.audit_logs (org_id, correlation_id) WHERE correlation_id IS NOT NULL;
CREATE FUNCTION fleet.audit_content_digest(a fleet.audit_logs) RETURNS bytea
    LANGUAGE sql STABLE
    SET search_path = pg_catalog
    AS $$ SELECT sha256(convert_to((jsonb_build_array(a.id, a.org_id, a.chain_seq, a.actor_id, a.actor, a.action,
                 a.entity_type, a.entity_id, a.before_state, a.after_state,
                 to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                 to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                 || CASE WHEN a.ip_address IS NULL AND a.correlation_id IS NULL THEN '[]'::jsonb
                         ELSE jsonb_build_array(host(a.ip_address), a.correlation_id) END)::text, 'UTF8')) $$;
COMMENT ON FUNCTION fleet.audit_content_digest(fleet.audit_logs) IS 'sha256 of an audit row''s canonical content (every column but row_hash; ip_address and correlation_id only when one is set); AuditChainVerifier computes the same with built-in functions.';
CREATE TRIGGER audit_logs_no_update_delete BEFORE UPDATE OR DELETE ON fleet.audit_logs
    FOR EACH ROW EXECUTE FUNCTION fleet.reject_audit_change();
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON fleet.audit_logs
    FOR EACH STATEMENT EXECUTE FUNCTION fleet.reject_audit_change();
CREATE TRIGGER audit_logs_chain BEFORE INSERT ON fleet.audit_logs
    FOR EACH ROW EXECUTE FUNCTION fleet.chain_audit_row();
COMMENT ON TABLE fleet.audit_logs IS 'Compliance trail. The application role may only SELECT and INSERT, and triggers reject UPDATE, DELETE and TRUNCATE by any role that has not disabled them; the owner can disable them, so tampering is made detectable instead: see chain_seq and row_hash.';
