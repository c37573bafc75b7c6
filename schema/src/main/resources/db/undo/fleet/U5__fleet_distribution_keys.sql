-- Undoes V5: tenant tables are keyed by id again, with the UNIQUE (org_id, id) that the composite
-- references point at; a checklist item's position is unique within its task without org_id.
ALTER TABLE fleet.task_checklists DROP CONSTRAINT task_checklists_org_id_task_id_position_key,
    ADD CONSTRAINT task_checklists_task_id_position_key UNIQUE (task_id, position) DEFERRABLE INITIALLY IMMEDIATE;

DO $$
DECLARE
    t text;
    fk record;
    fks jsonb := '[]'::jsonb;
BEGIN
    FOR fk IN SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def
                FROM pg_constraint c
               WHERE c.contype = 'f' AND c.connamespace = 'fleet'::regnamespace
                 AND c.confrelid <> 'fleet.organizations'::regclass
               ORDER BY c.conrelid, c.conname LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.tbl, fk.conname);
        fks := fks || jsonb_build_object('tbl', fk.tbl, 'name', fk.conname, 'def', fk.def);
    END LOOP;

    FOREACH t IN ARRAY ARRAY['users', 'radio_channels', 'incidents', 'transmissions', 'tasks', 'task_checklists',
                             'crews', 'assets', 'audit_logs', 'webhooks', 'policies', 'suggested_actions'] LOOP
        EXECUTE format('ALTER TABLE fleet.%I DROP CONSTRAINT %I', t, t || '_pkey');
        EXECUTE format('ALTER TABLE fleet.%I ADD CONSTRAINT %I PRIMARY KEY (id)', t, t || '_pkey');
        IF t <> 'audit_logs' THEN
            EXECUTE format('ALTER TABLE fleet.%I ADD CONSTRAINT %I UNIQUE (org_id, id)', t, t || '_org_id_id_key');
        END IF;
    END LOOP;

    FOR fk IN SELECT value ->> 'tbl' AS tbl, value ->> 'name' AS conname, value ->> 'def' AS def
                FROM jsonb_array_elements(fks) LOOP
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.tbl, fk.conname, fk.def);
    END LOOP;
END
$$;
