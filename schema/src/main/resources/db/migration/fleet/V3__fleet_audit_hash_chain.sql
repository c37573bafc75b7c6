-- Tamper evidence for the audit trail. The application role cannot change audit rows (it lacks
-- the privileges, and triggers reject UPDATE, DELETE and TRUNCATE even if it is granted them), but
-- the owner can do anything, triggers included. So each row also carries row_hash, chained to the
-- previous row of its organization:
--   row_hash = sha256(previous row_hash || sha256(canonical content))     (empty bytea before #1)
-- where the canonical content is the JSON array of every column except row_hash, timestamps in
-- UTC. A BEFORE INSERT trigger assigns chain_seq and row_hash in the inserting transaction, holding
-- the organization's row in audit_chain_heads FOR UPDATE, so concurrent writers of one organization
-- queue up and build one chain. dal audit verify recomputes the chain with built-in functions only.

ALTER TABLE fleet.audit_logs ADD COLUMN chain_seq bigint, ADD COLUMN row_hash bytea;
COMMENT ON COLUMN fleet.audit_logs.chain_seq IS 'Position in the organization''s hash chain: 1, 2, 3, ... (set by trigger).';
COMMENT ON COLUMN fleet.audit_logs.row_hash IS 'sha256(previous row_hash || sha256(content)): changes if this row or any earlier row of the organization changes (set by trigger).';

CREATE TABLE fleet.audit_chain_heads (
    org_id    uuid PRIMARY KEY REFERENCES fleet.organizations (id),
    chain_seq bigint NOT NULL,
    row_hash  bytea NOT NULL
);
COMMENT ON TABLE fleet.audit_chain_heads IS 'Last link of each organization''s audit chain; locked by every audit insert, so one organization''s audit rows are chained one at a time. The application role has no privilege on it.';
ALTER TABLE fleet.audit_chain_heads ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleet.audit_chain_heads
    USING (org_id = fleet.current_org_id()) WITH CHECK (org_id = fleet.current_org_id());

CREATE FUNCTION fleet.audit_content_digest(a fleet.audit_logs) RETURNS bytea
    LANGUAGE sql STABLE
    SET search_path = pg_catalog
    AS $$ SELECT sha256(convert_to(jsonb_build_array(a.id, a.org_id, a.chain_seq, a.actor_id, a.actor, a.action,
                 a.entity_type, a.entity_id, a.before_state, a.after_state,
                 to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                 to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text, 'UTF8')) $$;
COMMENT ON FUNCTION fleet.audit_content_digest(fleet.audit_logs) IS 'sha256 of an audit row''s canonical content (every column but row_hash); AuditChainVerifier computes the same with built-in functions.';

-- SECURITY DEFINER: the application role inserts audit rows but must not touch the chain heads.
CREATE FUNCTION fleet.chain_audit_row() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
    AS $$
DECLARE
    head fleet.audit_chain_heads%ROWTYPE;
BEGIN
    SELECT * INTO head FROM fleet.audit_chain_heads WHERE org_id = NEW.org_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO fleet.audit_chain_heads (org_id, chain_seq, row_hash) VALUES (NEW.org_id, 0, '')
            ON CONFLICT (org_id) DO NOTHING;
        SELECT * INTO head FROM fleet.audit_chain_heads WHERE org_id = NEW.org_id FOR UPDATE;
        IF NOT FOUND THEN
            -- another transaction started this chain after our snapshot (REPEATABLE READ): retry
            RAISE EXCEPTION 'the audit chain of organization % was started concurrently', NEW.org_id
                USING ERRCODE = 'serialization_failure';
        END IF;
    END IF;
    NEW.chain_seq := head.chain_seq + 1;
    NEW.row_hash := sha256(head.row_hash || fleet.audit_content_digest(NEW));
    UPDATE fleet.audit_chain_heads SET chain_seq = NEW.chain_seq, row_hash = NEW.row_hash WHERE org_id = NEW.org_id;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION fleet.chain_audit_row() IS 'Links each new audit row to the previous row of its organization (chain_seq, row_hash).';

-- Rows written before this migration are chained in the order they happened.
ALTER TABLE fleet.audit_logs DISABLE TRIGGER audit_logs_no_update_delete;
DO $$
DECLARE
    r fleet.audit_logs;
    previous_org uuid;
    previous_hash bytea;
    seq bigint;
BEGIN
    FOR r IN SELECT * FROM fleet.audit_logs ORDER BY org_id, occurred_at, created_at, id LOOP
        IF previous_org IS DISTINCT FROM r.org_id THEN
            previous_org := r.org_id;
            previous_hash := '';
            seq := 0;
        END IF;
        seq := seq + 1;
        r.chain_seq := seq;
        previous_hash := sha256(previous_hash || fleet.audit_content_digest(r));
        UPDATE fleet.audit_logs SET chain_seq = seq, row_hash = previous_hash WHERE id = r.id;
    END LOOP;
END
$$;
ALTER TABLE fleet.audit_logs ENABLE TRIGGER audit_logs_no_update_delete;
INSERT INTO fleet.audit_chain_heads (org_id, chain_seq, row_hash)
SELECT DISTINCT ON (org_id) org_id, chain_seq, row_hash FROM fleet.audit_logs ORDER BY org_id, chain_seq DESC;

ALTER TABLE fleet.audit_logs ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN row_hash SET NOT NULL,
    ADD CONSTRAINT audit_logs_org_id_chain_seq_key UNIQUE (org_id, chain_seq);

CREATE TRIGGER audit_logs_chain
    BEFORE INSERT ON fleet.audit_logs
    FOR EACH ROW EXECUTE FUNCTION fleet.chain_audit_row();

COMMENT ON TABLE fleet.audit_logs IS 'Compliance trail. The application role may only SELECT and INSERT, and triggers reject UPDATE, DELETE and TRUNCATE by any role that has not disabled them; the owner can disable them, so tampering is made detectable instead: see chain_seq and row_hash.';
COMMENT ON FUNCTION fleet.reject_audit_change() IS 'Rejects UPDATE, DELETE and TRUNCATE on audit_logs; the owner of the table can still disable or drop it.';
