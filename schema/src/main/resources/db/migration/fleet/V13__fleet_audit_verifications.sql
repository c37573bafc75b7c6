-- The audit chain's verifications, recorded (issue #29). dal audit verify (AuditChainVerifier)
-- printed its outcome and kept nothing, so the Actuator endpoint could not say when the chain was
-- last verified. Each verification that reads to the end now adds one row here, in the transaction
-- that read the chain; one that fails with an error adds none.
--
-- Fleet-wide, not a tenant table: one verification covers every organization (or the one named in
-- scope_org_id), so it has no org_id and no row-level security, and a distributed fleet would keep
-- it on the coordinator. The owner writes it; the application roles may only read it.
-- Append-only in spirit, not protected: the owner can change or delete its rows (it owns the table),
-- and nothing chains them. It records what a verification said, and proves nothing on its own.

CREATE TABLE fleet.audit_verifications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    verified_at timestamptz NOT NULL DEFAULT now(),
    verified_by text NOT NULL DEFAULT current_user,
    scope_org_id uuid,
    organizations integer NOT NULL CHECK (organizations >= 0),
    rows_checked bigint NOT NULL CHECK (rows_checked >= 0),
    intact boolean NOT NULL,
    broken_org_id uuid,
    broken_row_id uuid,
    broken_link text,
    CONSTRAINT audit_verifications_outcome CHECK (intact = (broken_link IS NULL) AND (broken_link IS NULL) = (broken_org_id IS NULL)
                                                  AND (broken_row_id IS NULL OR broken_link IS NOT NULL))
);
CREATE INDEX audit_verifications_verified_at ON fleet.audit_verifications (verified_at DESC, id DESC);

COMMENT ON TABLE fleet.audit_verifications IS 'One row per verification of the audit hash chains that read to the end (AuditChainVerifier, dal audit verify), written in its transaction. Written by the owner, read by the application roles. Not tamper-evident: the owner can change it.';
COMMENT ON COLUMN fleet.audit_verifications.verified_at IS 'Server time when the verification''s transaction began.';
COMMENT ON COLUMN fleet.audit_verifications.verified_by IS 'The database role that ran it (current_user).';
COMMENT ON COLUMN fleet.audit_verifications.scope_org_id IS 'The one organization verified; NULL: every organization.';
COMMENT ON COLUMN fleet.audit_verifications.organizations IS 'How many organizations'' chains were verified.';
COMMENT ON COLUMN fleet.audit_verifications.rows_checked IS 'How many fleet.audit_logs rows were read, over every chain.';
COMMENT ON COLUMN fleet.audit_verifications.intact IS 'Whether every chain verified was intact.';
COMMENT ON COLUMN fleet.audit_verifications.broken_org_id IS 'The first organization whose chain is broken, if any.';
COMMENT ON COLUMN fleet.audit_verifications.broken_row_id IS 'The audit_logs row at the first broken link, when the break is at a row (not a missing head or a removed tail).';
COMMENT ON COLUMN fleet.audit_verifications.broken_link IS 'The first broken link, as dal audit verify prints it.';

-- The application roles granted before this migration (dal grant-app-role grants it from now on).
DO $$
DECLARE
    role_name text;
BEGIN
    FOR role_name IN SELECT DISTINCT pg_get_userbyid(a.grantee)
                       FROM pg_namespace n, aclexplode(n.nspacl) a
                      WHERE n.nspname = 'fleet' AND a.privilege_type = 'USAGE' AND a.grantee NOT IN (0, n.nspowner) LOOP
        EXECUTE format('GRANT SELECT ON fleet.audit_verifications TO %I', role_name);
    END LOOP;
END
$$;
