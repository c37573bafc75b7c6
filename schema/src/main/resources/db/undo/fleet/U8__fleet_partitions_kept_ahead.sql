-- Undoes V8: no default partitions, no keep_partitions_ahead; months are created in place again.
-- Rows the default partitions hold move first into partitions of their own months (created for
-- them), so every row is kept.
DO $$
DECLARE
    spec record;
    months timestamptz[];
    month timestamptz;
BEGIN
    FOR spec IN SELECT * FROM (VALUES ('transmissions', 'started_at'), ('audit_logs', 'occurred_at')) AS s (tbl, key) LOOP
        -- read whole before the first month moves: the default partition is altered on the way
        EXECUTE format('SELECT coalesce(array_agg(DISTINCT date_trunc(''month'', %I AT TIME ZONE ''UTC'') AT TIME ZONE ''UTC''), ''{}'') FROM fleet.%I',
                       spec.key, spec.tbl || '_default') INTO months;
        FOREACH month IN ARRAY months LOOP
            PERFORM fleet.create_partition(format('fleet.%I', spec.tbl)::regclass, month,
                                           ((month AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC');
        END LOOP;
        -- detached first: a foreign key into transmissions (suggested_actions) holds on to each partition
        EXECUTE format('ALTER TABLE fleet.%I DETACH PARTITION fleet.%I', spec.tbl, spec.tbl || '_default');
        EXECUTE format('DROP TABLE fleet.%I', spec.tbl || '_default');
    END LOOP;
END
$$;

DROP FUNCTION fleet.keep_partitions_ahead(integer);
DROP FUNCTION fleet.partition_horizon();
DROP FUNCTION fleet.partitions_covered_until(regclass);

CREATE OR REPLACE FUNCTION fleet.create_partition(parent regclass, lower_bound timestamptz, upper_bound timestamptz) RETURNS text
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
