-- The organization setting counts only in the transaction that made it. fleet.set_org_id() stores
-- the organization together with the transaction's start time; fleet.current_org_id() (which every
-- tenant_isolation policy calls) ignores a value stamped by another transaction. So a value left on
-- a pooled connection by a session-level SET or set_config(..., false) matches no later
-- transaction, and a transaction that did not call fleet.set_org_id() sees no tenant rows.

CREATE FUNCTION fleet.transaction_stamp() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT (extract(epoch FROM transaction_timestamp()) * 1000000)::bigint::text $$;
COMMENT ON FUNCTION fleet.transaction_stamp() IS 'Start of the current transaction in microseconds since 1970: what binds dal.org_id to one transaction.';

CREATE FUNCTION fleet.set_org_id(org uuid) RETURNS text
    LANGUAGE sql VOLATILE
    AS $$ SELECT set_config('dal.org_id', org::text || '/' || fleet.transaction_stamp(), true) $$;
COMMENT ON FUNCTION fleet.set_org_id(uuid) IS 'Acts for organization org until the end of the current transaction (and never after it).';

CREATE OR REPLACE FUNCTION fleet.current_org_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN split_part(current_setting('dal.org_id', true), '/', 2) = fleet.transaction_stamp()
                      THEN split_part(current_setting('dal.org_id', true), '/', 1)::uuid END $$;
COMMENT ON FUNCTION fleet.current_org_id() IS 'Organization set by fleet.set_org_id() in the current transaction, NULL if none (a value set by any other transaction does not count).';
