-- Monthly range partitions (issue #17) for the two tables that grow without bound: transmissions by
-- started_at, audit_logs by occurred_at (the statement's clock time, set by the audit trail).
-- Retention becomes DETACH/DROP of a month instead of DELETE, and a query bounded in time reads
-- only the months it names (partition pruning).
--
-- Layout of each table: one partition per calendar month (UTC), named <table>_YYYY_MM, from the
-- month of the oldest row (or the current month) to three months ahead, and below them one
-- partition <table>_before_YYYY_MM for anything older (backfills), which dal partitions lists
-- like the others. There is no DEFAULT partition: a row later than the last month created is
-- refused ("no partition of relation ... found for row") instead of landing somewhere unseen;
-- 'dal partitions create' (run it monthly) keeps months ahead.
--
-- Every row is copied (a new partitioned table is filled from the old one, which is dropped);
-- grants on the old table are carried over. PostgreSQL requires the partition key in every
-- primary key and unique constraint of a partitioned table, so:
--   transmissions: PRIMARY KEY (org_id, id, started_at); a suggested action refers to its
--     evidence by (org_id, transmission_id, transmission_started_at);
--   audit_logs: PRIMARY KEY (org_id, id, occurred_at); (org_id, chain_seq) is no longer a unique
--     constraint but an index: the chain trigger (one writer per organization, holding its head
--     row) still numbers links 1, 2, 3, ..., and AuditChainVerifier reports a repeated link.
-- Row-level security: the parent's policy applies to every query through the parent; each
-- partition also gets row-level security and the same policy, and no grant, so a role given
-- the application's grants cannot read a partition directly.

CREATE FUNCTION fleet.create_partition(parent regclass, lower_bound timestamptz, upper_bound timestamptz) RETURNS text
    LANGUAGE plpgsql
    SET search_path = pg_catalog
    AS $$
DECLARE
    base text := (SELECT relname FROM pg_class WHERE oid = parent);
    name text := base || CASE WHEN lower_bound IS NULL THEN to_char(upper_bound AT TIME ZONE 'UTC', '"_before_"YYYY_MM')
                              ELSE to_char(lower_bound AT TIME ZONE 'UTC', '"_"YYYY_MM') END;
BEGIN
    IF to_regclass(format('fleet.%I', name)) IS NOT NULL THEN
        RETURN name;
    END IF;
    EXECUTE format('CREATE TABLE fleet.%I PARTITION OF %s FOR VALUES FROM (%s) TO (%L)', name, parent,
                   coalesce(quote_literal(lower_bound), 'MINVALUE'), upper_bound);
    EXECUTE format('ALTER TABLE fleet.%I ENABLE ROW LEVEL SECURITY', name);
    EXECUTE format('CREATE POLICY tenant_isolation ON fleet.%I USING (org_id = fleet.current_org_id()) WITH CHECK (org_id = fleet.current_org_id())', name);
    IF base = 'audit_logs' THEN
        -- statement triggers are not inherited: without this, TRUNCATE of the partition would pass
        EXECUTE format('CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON fleet.%I FOR EACH STATEMENT EXECUTE FUNCTION fleet.reject_audit_change()', name);
    END IF;
    RETURN name;
END
$$;
COMMENT ON FUNCTION fleet.create_partition(regclass, timestamptz, timestamptz) IS 'Creates (if absent) the partition of fleet.transmissions or fleet.audit_logs for [lower_bound, upper_bound) (lower_bound NULL: everything below), with row-level security, its policy and, for audit_logs, the TRUNCATE guard; returns its name.';
REVOKE EXECUTE ON FUNCTION fleet.create_partition(regclass, timestamptz, timestamptz) FROM PUBLIC;

-- The audit chain's digest takes the old table's row type: it goes now and comes back for the new table.
DROP TRIGGER audit_logs_chain ON fleet.audit_logs;
DROP FUNCTION fleet.audit_content_digest(fleet.audit_logs);
ALTER TABLE fleet.suggested_actions DROP CONSTRAINT suggested_actions_transmission_fkey;

DO $$
DECLARE
    spec record;
    first_month timestamptz;
    last_month timestamptz;
    month timestamptz;
    columns text;
    acl record;
BEGIN
    FOR spec IN SELECT * FROM (VALUES ('transmissions', 'started_at'), ('audit_logs', 'occurred_at')) AS s (tbl, key) LOOP
        EXECUTE format('ALTER TABLE fleet.%I RENAME TO %I', spec.tbl, spec.tbl || '_unpartitioned');
        EXECUTE format('CREATE TABLE fleet.%I (LIKE fleet.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED'
                       ' INCLUDING COMMENTS INCLUDING STORAGE) PARTITION BY RANGE (%I)',
                       spec.tbl, spec.tbl || '_unpartitioned', spec.key);
        EXECUTE format('SELECT date_trunc(''month'', least(min(%1$I), now()) AT TIME ZONE ''UTC'') AT TIME ZONE ''UTC'','
                       ' date_trunc(''month'', greatest(max(%1$I), now()) AT TIME ZONE ''UTC'') AT TIME ZONE ''UTC'''
                       ' FROM fleet.%2$I', spec.key, spec.tbl || '_unpartitioned')
            INTO first_month, last_month;
        PERFORM fleet.create_partition(format('fleet.%I', spec.tbl)::regclass, NULL, first_month);
        month := first_month;
        WHILE month <= last_month + interval '3 months' LOOP
            PERFORM fleet.create_partition(format('fleet.%I', spec.tbl)::regclass, month,
                                           ((month AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC');
            month := ((month AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
        END LOOP;
        SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
          FROM pg_attribute
         WHERE attrelid = format('fleet.%I', spec.tbl)::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
        EXECUTE format('INSERT INTO fleet.%I (%s) SELECT %s FROM fleet.%I', spec.tbl, columns, columns, spec.tbl || '_unpartitioned');
        FOR acl IN SELECT a.grantee, a.privilege_type
                     FROM pg_class c, aclexplode(c.relacl) a
                    WHERE c.oid = format('fleet.%I', spec.tbl || '_unpartitioned')::regclass AND a.grantee <> c.relowner LOOP
            EXECUTE format('GRANT %s ON fleet.%I TO %s', acl.privilege_type, spec.tbl,
                           CASE acl.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(acl.grantee)) END);
        END LOOP;
        EXECUTE format('DROP TABLE fleet.%I', spec.tbl || '_unpartitioned');
        EXECUTE format('ALTER TABLE fleet.%I ENABLE ROW LEVEL SECURITY', spec.tbl);
        EXECUTE format('CREATE POLICY tenant_isolation ON fleet.%I USING (org_id = fleet.current_org_id()) WITH CHECK (org_id = fleet.current_org_id())', spec.tbl);
    END LOOP;
END
$$;

-- ---------------------------------------------------------------- transmissions
ALTER TABLE fleet.transmissions
    ADD CONSTRAINT transmissions_pkey PRIMARY KEY (org_id, id, started_at),
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
COMMENT ON TABLE fleet.transmissions IS 'Recorded radio traffic with its AI transcription and extracted entities; partitioned by month of started_at.';

ALTER TABLE fleet.suggested_actions DISABLE TRIGGER suggested_actions_set_updated_at;
ALTER TABLE fleet.suggested_actions ADD COLUMN transmission_started_at timestamptz;
UPDATE fleet.suggested_actions s SET transmission_started_at = t.started_at
  FROM fleet.transmissions t WHERE t.org_id = s.org_id AND t.id = s.transmission_id;
ALTER TABLE fleet.suggested_actions ENABLE TRIGGER suggested_actions_set_updated_at;
ALTER TABLE fleet.suggested_actions
    ADD CONSTRAINT suggested_actions_transmission_complete CHECK ((transmission_id IS NULL) = (transmission_started_at IS NULL)),
    ADD CONSTRAINT suggested_actions_transmission_fkey FOREIGN KEY (org_id, transmission_id, transmission_started_at)
        REFERENCES fleet.transmissions (org_id, id, started_at);
COMMENT ON COLUMN fleet.suggested_actions.transmission_started_at IS 'started_at of the evidence transmission: with transmission_id, its key in the partitioned fleet.transmissions.';

-- ---------------------------------------------------------------- audit_logs
ALTER TABLE fleet.audit_logs
    ADD CONSTRAINT audit_logs_pkey PRIMARY KEY (org_id, id, occurred_at),
    ADD CONSTRAINT audit_logs_org_id_fkey FOREIGN KEY (org_id) REFERENCES fleet.organizations (id);
CREATE INDEX audit_logs_org_id_chain_seq_idx ON fleet.audit_logs (org_id, chain_seq);
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
COMMENT ON TABLE fleet.audit_logs IS 'Compliance trail, partitioned by month of occurred_at. The application role may only SELECT and INSERT, and triggers reject UPDATE, DELETE and TRUNCATE by any role that has not disabled them; the owner can disable them, so tampering is made detectable instead: see chain_seq and row_hash.';

-- Retention detaches old audit months (dal partitions): each organization's chain in the table
-- then starts after link base_seq, whose hash was base_hash. No row: nothing detached, the chain
-- starts at link 1. Written only by the owner's retention; the application role gets nothing.
CREATE TABLE fleet.audit_chain_bases (
    org_id    uuid PRIMARY KEY REFERENCES fleet.organizations (id),
    base_seq  bigint NOT NULL,
    base_hash bytea NOT NULL,
    CONSTRAINT audit_chain_bases_seq_positive CHECK (base_seq > 0)
);
COMMENT ON TABLE fleet.audit_chain_bases IS 'Where each organization''s audit chain in fleet.audit_logs starts after retention detached older months: link base_seq + 1, chained to base_hash.';
COMMENT ON COLUMN fleet.audit_chain_bases.base_seq IS 'Last link detached by retention: the chain in fleet.audit_logs starts at base_seq + 1.';
COMMENT ON COLUMN fleet.audit_chain_bases.base_hash IS 'row_hash of link base_seq: what link base_seq + 1 is chained to.';
ALTER TABLE fleet.audit_chain_bases ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleet.audit_chain_bases
    USING (org_id = fleet.current_org_id()) WITH CHECK (org_id = fleet.current_org_id());
