-- Distribution-ready keys (issue #17): a distributed PostgreSQL such as Citus, sharded by org_id,
-- accepts a primary key or unique constraint only if it includes the distribution column, and a
-- foreign key between two sharded tables only if it carries that column on both sides. V1 already
-- made every reference between tenant tables a composite (org_id, ...) key; this migration makes
-- every tenant table's primary key (org_id, id) instead of (id), which also makes the separate
-- UNIQUE (org_id, id) that those references pointed at redundant, and adds org_id to the one
-- unique constraint that lacked it (a checklist item's position within its task).
-- organizations stays keyed by id: it is the reference table (copied to every node), not sharded.
-- The catalog test DistributionReadySchemaTest holds every tenant table to these rules.

DO $$
DECLARE
    t text;
    fk record;
    fks jsonb := '[]'::jsonb;
BEGIN
    -- References between tenant tables point at UNIQUE (org_id, id): drop them, swap the keys, re-add them.
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
        EXECUTE format('ALTER TABLE fleet.%I DROP CONSTRAINT IF EXISTS %I', t, t || '_org_id_id_key');
        EXECUTE format('ALTER TABLE fleet.%I ADD CONSTRAINT %I PRIMARY KEY (org_id, id)', t, t || '_pkey');
    END LOOP;

    FOR fk IN SELECT value ->> 'tbl' AS tbl, value ->> 'name' AS conname, value ->> 'def' AS def
                FROM jsonb_array_elements(fks) LOOP
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.tbl, fk.conname, fk.def);
    END LOOP;
END
$$;

ALTER TABLE fleet.task_checklists DROP CONSTRAINT task_checklists_task_id_position_key,
    -- Deferrable so that a reorder can swap positions inside one transaction.
    ADD CONSTRAINT task_checklists_org_id_task_id_position_key UNIQUE (org_id, task_id, position) DEFERRABLE INITIALLY IMMEDIATE;
