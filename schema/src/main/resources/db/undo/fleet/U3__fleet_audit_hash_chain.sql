-- Undoes V3: audit rows lose their hash chain.
DROP TRIGGER audit_logs_chain ON fleet.audit_logs;
DROP FUNCTION fleet.chain_audit_row(), fleet.audit_content_digest(fleet.audit_logs);
DROP TABLE fleet.audit_chain_heads;
ALTER TABLE fleet.audit_logs DROP CONSTRAINT audit_logs_org_id_chain_seq_key, DROP COLUMN chain_seq, DROP COLUMN row_hash;
COMMENT ON TABLE fleet.audit_logs IS 'Append-only compliance trail: UPDATE, DELETE and TRUNCATE are rejected for every role.';
COMMENT ON FUNCTION fleet.reject_audit_change() IS 'Makes audit_logs immutable, for every role including the owner.';
