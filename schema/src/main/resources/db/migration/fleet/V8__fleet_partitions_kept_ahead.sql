-- Partitions kept ahead without an operator (issue #25). Until V7 a row dated past the last month
-- created was refused, so a dispatch centre whose monthly `dal partitions create` did not run lost
-- every transmission and audit row from the first day of the next uncreated month. Now:
--
-- 1. A DEFAULT partition under each table takes any row no month takes (a recording whose device
--    clock is years ahead, or every row once the months ran out): no write fails for want of a
--    month. Its rows are read, searched and chained like any other.
-- 2. fleet.keep_partitions_ahead() creates the months missing up to the current month (server
--    clock, UTC) plus three. It runs as the owner (SECURITY DEFINER) because the application role
--    cannot create tables; FleetDatabase calls it before its first unit of work and then hourly.
-- 3. fleet.create_partition attaches a month instead of creating it in place, so it takes SHARE
--    UPDATE EXCLUSIVE on the parent (reads and writes go on) and ACCESS EXCLUSIVE only on the
--    default partition, which it scans; rows of the new month found there move into it first,
--    unchanged (audit rows keep their chain links and hashes). A month is never created while a
--    lock is awaited for more than a second (keep_partitions_ahead): the caller tries again later.
--
-- Dropping data stays manual: retention runs only through dal partitions retain.

CREATE OR REPLACE FUNCTION fleet.create_partition(parent regclass, lower_bound timestamptz, upper_bound timestamptz) RETURNS text
    LANGUAGE plpgsql
    SET search_path = pg_catalog
    AS $$
DECLARE
    base text := (SELECT relname FROM pg_class WHERE oid = parent);
    key text := (SELECT a.attname FROM pg_partitioned_table p JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
                  WHERE p.partrelid = parent);
    name text := base || CASE WHEN upper_bound IS NULL THEN '_default'
                              WHEN lower_bound IS NULL THEN to_char(upper_bound AT TIME ZONE 'UTC', '"_before_"YYYY_MM')
                              ELSE to_char(lower_bound AT TIME ZONE 'UTC', '"_"YYYY_MM') END;
    overflow text;
    in_range text;
    columns text;
    moving boolean := false;
BEGIN
    -- one creator at a time (dal partitions create and every application instance may try at once)
    PERFORM pg_advisory_xact_lock(parent::oid::bigint);
    IF to_regclass(format('fleet.%I', name)) IS NOT NULL THEN
        RETURN name;
    END IF;
    EXECUTE format('CREATE TABLE fleet.%I (LIKE %s INCLUDING ALL)', name, parent);
    EXECUTE format('ALTER TABLE fleet.%I ENABLE ROW LEVEL SECURITY', name);
    EXECUTE format('CREATE POLICY tenant_isolation ON fleet.%I USING (org_id = fleet.current_org_id()) WITH CHECK (org_id = fleet.current_org_id())', name);
    IF base = 'audit_logs' THEN
        -- statement triggers are not inherited: without this, TRUNCATE of the partition would pass
        EXECUTE format('CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON fleet.%I FOR EACH STATEMENT EXECUTE FUNCTION fleet.reject_audit_change()', name);
    END IF;
    IF upper_bound IS NULL THEN
        EXECUTE format('ALTER TABLE %s ATTACH PARTITION fleet.%I DEFAULT', parent, name);
        RETURN name;
    END IF;

    SELECT c.relname INTO overflow FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = parent AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT';
    IF overflow IS NOT NULL THEN
        in_range := format('%I < %L', key, upper_bound) || CASE WHEN lower_bound IS NULL THEN '' ELSE format(' AND %I >= %L', key, lower_bound) END;
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM fleet.%I WHERE %s)', overflow, in_range) INTO moving;
    END IF;
    IF moving THEN
        -- Into the new table while it is still detached: no trigger fires, so every row keeps its values.
        SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
          FROM pg_attribute WHERE attrelid = parent AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
        EXECUTE format('INSERT INTO fleet.%I (%s) SELECT %s FROM fleet.%I WHERE %s', name, columns, columns, overflow, in_range);
        -- The rows leave the default partition in this same transaction, so the append-only guard
        -- is lifted for this one DELETE of rows that were just copied, and nobody sees it lifted.
        IF base = 'audit_logs' THEN
            EXECUTE format('ALTER TABLE fleet.%I DISABLE TRIGGER audit_logs_no_update_delete', overflow);
        END IF;
        EXECUTE format('DELETE FROM fleet.%I WHERE %s', overflow, in_range);
        IF base = 'audit_logs' THEN
            EXECUTE format('ALTER TABLE fleet.%I ENABLE TRIGGER audit_logs_no_update_delete', overflow);
        END IF;
    END IF;
    EXECUTE format('ALTER TABLE %s ATTACH PARTITION fleet.%I FOR VALUES FROM (%s) TO (%L)', parent, name,
                   coalesce(quote_literal(lower_bound), 'MINVALUE'), upper_bound);
    RETURN name;
END
$$;
COMMENT ON FUNCTION fleet.create_partition(regclass, timestamptz, timestamptz) IS 'Creates (if absent) the partition of fleet.transmissions or fleet.audit_logs for [lower_bound, upper_bound) (lower_bound NULL: everything below; upper_bound NULL: the DEFAULT partition), with row-level security, its policy and, for audit_logs, the TRUNCATE guard, moving into it the rows of its range the default partition holds; returns its name.';

CREATE FUNCTION fleet.partitions_covered_until(parent regclass) RETURNS timestamptz
    LANGUAGE sql STABLE
    SET search_path = pg_catalog
    AS $$ SELECT max((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = parent $$;
COMMENT ON FUNCTION fleet.partitions_covered_until(regclass) IS 'The end of the last month parent has a partition for: rows from then on go to its DEFAULT partition.';

CREATE FUNCTION fleet.keep_partitions_ahead(months_ahead integer DEFAULT 3) RETURNS timestamptz
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
    SET lock_timeout = '1s'
    AS $$
DECLARE
    parent regclass;
    target timestamptz;
    covered timestamptz;
    horizon timestamptz;
BEGIN
    IF months_ahead IS NULL OR months_ahead < 0 OR months_ahead > 12 THEN
        RAISE EXCEPTION 'months_ahead must be between 0 and 12, was %', months_ahead USING ERRCODE = 'invalid_parameter_value';
    END IF;
    target := (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => months_ahead + 1)) AT TIME ZONE 'UTC';
    FOREACH parent IN ARRAY ARRAY['fleet.transmissions'::regclass, 'fleet.audit_logs'::regclass] LOOP
        covered := fleet.partitions_covered_until(parent);
        WHILE covered < target LOOP
            PERFORM fleet.create_partition(parent, covered, ((covered AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC');
            covered := fleet.partitions_covered_until(parent);
        END LOOP;
        horizon := least(horizon, covered);
    END LOOP;
    RETURN horizon;
END
$$;
COMMENT ON FUNCTION fleet.keep_partitions_ahead(integer) IS 'Creates the monthly partitions of fleet.transmissions and fleet.audit_logs missing up to months_ahead (0-12) after the current month (server clock, UTC), waiting at most 1 s for each lock; returns the earlier of the two tables'' ends. Called by FleetDatabase; the application role may execute it.';
REVOKE EXECUTE ON FUNCTION fleet.keep_partitions_ahead(integer) FROM PUBLIC;

-- What dal doctor and the health indicator report, as the owner or the application role: how far
-- each table's months reach, and what its default partition holds (counted up to a million rows).
CREATE FUNCTION fleet.partition_horizon()
    RETURNS TABLE (parent text, covered_until timestamptz, default_rows bigint, default_first timestamptz, default_last timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog
    AS $$
DECLARE
    spec record;
BEGIN
    FOR spec IN SELECT * FROM (VALUES ('transmissions', 'started_at'), ('audit_logs', 'occurred_at')) AS s (tbl, key) LOOP
        parent := 'fleet.' || spec.tbl;
        covered_until := fleet.partitions_covered_until(parent::regclass);
        IF to_regclass(format('fleet.%I', spec.tbl || '_default')) IS NULL THEN
            default_rows := 0;
            default_first := NULL;
            default_last := NULL;
        ELSE
            EXECUTE format('SELECT count(*), min(k), max(k) FROM (SELECT %I AS k FROM fleet.%I LIMIT 1000000) d', spec.key, spec.tbl || '_default')
                INTO default_rows, default_first, default_last;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION fleet.partition_horizon() IS 'For fleet.transmissions and fleet.audit_logs: the end of the last month with a partition, and the rows (up to a million, with their earliest and latest key) its DEFAULT partition holds. Counts every organization''s rows: granted to the owner and the application roles only.';
REVOKE EXECUTE ON FUNCTION fleet.partition_horizon() FROM PUBLIC;

-- The application roles granted before this migration (dal grant-app-role grants both from now on).
DO $$
DECLARE
    role_name text;
BEGIN
    FOR role_name IN SELECT DISTINCT pg_get_userbyid(a.grantee)
                       FROM pg_namespace n, aclexplode(n.nspacl) a
                      WHERE n.nspname = 'fleet' AND a.privilege_type = 'USAGE' AND a.grantee NOT IN (0, n.nspowner) LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION fleet.keep_partitions_ahead(integer), fleet.partition_horizon() TO %I', role_name);
    END LOOP;
END
$$;

DO $$
BEGIN
    PERFORM fleet.create_partition('fleet.transmissions', NULL, NULL);
    PERFORM fleet.create_partition('fleet.audit_logs', NULL, NULL);
END
$$;
