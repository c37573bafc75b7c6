-- Undoes V2: dal.org_id is again a plain organization id, whichever transaction set it.
CREATE OR REPLACE FUNCTION fleet.current_org_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('dal.org_id', true), '')::uuid $$;
COMMENT ON FUNCTION fleet.current_org_id() IS 'Organization set for the current transaction (SET LOCAL dal.org_id), NULL if none.';
DROP FUNCTION fleet.set_org_id(uuid), fleet.transaction_stamp();
