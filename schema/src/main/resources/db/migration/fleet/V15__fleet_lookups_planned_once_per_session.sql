-- Two dispatch-screen lookups with their plans kept in the server session (issue #28). Neither has
-- a time to prune by before it runs, so each statement is planned over every partition: on a year of
-- monthly partitions (18 each) about 2.5 ms for entity search (transmissions) and 1-4 ms for an
-- entity's audit trail (audit_logs), against 0.02-0.6 ms on one partition. A connection that keeps
-- prepared statements plans them a few times and then reuses the plan; one with prepareThreshold=0,
-- which the README sets for PgBouncer in transaction pooling mode, plans them on every call: on a
-- year of 1M rows, 5.09 ms an entity search and 2.43 ms a trail on monthly partitions, against 1.62
-- and 1.00 ms on one (docs/benchmarks.md). A PL/pgSQL function's statements are planned once per
-- server session whatever the client does, so the repositories call these functions on such
-- connections and keep their own statements on the others, where the trail's function measured
-- slower (pgbench: 0.27-0.33 ms a transaction against 0.24-0.28 ms prepared; entity search's was
-- not measured there).
-- Both run as the caller, under its row-level security; each has two statements, so that a later
-- page seeks in the index instead of filtering out the rows before the cursor.

CREATE FUNCTION fleet.entity_audit_trail(kind text, entity uuid, wanted integer, after_at timestamptz, after_id uuid)
    RETURNS SETOF fleet.audit_logs
    LANGUAGE plpgsql STABLE ROWS 50
    SET search_path = pg_catalog
    SET plan_cache_mode = force_generic_plan
    AS $$
DECLARE
    org uuid := fleet.current_org_id();
BEGIN
    IF org IS NULL OR wanted IS NULL OR wanted < 1 THEN
        RETURN;
    END IF;
    IF after_at IS NULL THEN
        RETURN QUERY SELECT a.* FROM fleet.audit_logs a
              WHERE a.org_id = org AND a.entity_type = kind AND a.entity_id = entity
              ORDER BY a.occurred_at, a.id LIMIT wanted;
    ELSE
        RETURN QUERY SELECT a.* FROM fleet.audit_logs a
              WHERE a.org_id = org AND a.entity_type = kind AND a.entity_id = entity
                AND (a.occurred_at, a.id) > (after_at, after_id)
              ORDER BY a.occurred_at, a.id LIMIT wanted;
    END IF;
END
$$;
COMMENT ON FUNCTION fleet.entity_audit_trail(text, uuid, integer, timestamptz, uuid) IS 'The first `wanted` audit rows of the current organization about one entity (its table name and id) that sort after (after_at, after_id) if given, oldest first; plans kept for the session.';

-- The generic plan reads the mentions' key backwards and finds each transmission by its key, its
-- partition chosen at run time: a bound LIMIT does not turn it into a sort (checked with EXPLAIN on
-- the 1M year, the hot plate's 3,429 mentions).
CREATE FUNCTION fleet.transmissions_mentioning(kind text, mentioned text, wanted integer, before_at timestamptz, before_id uuid)
    RETURNS SETOF fleet.transmissions
    LANGUAGE plpgsql STABLE ROWS 50
    SET search_path = pg_catalog
    SET plan_cache_mode = force_generic_plan
    AS $$
DECLARE
    org uuid := fleet.current_org_id();
BEGIN
    IF org IS NULL OR wanted IS NULL OR wanted < 1 THEN
        RETURN;
    END IF;
    IF before_at IS NULL THEN
        RETURN QUERY SELECT t.* FROM fleet.transmission_mentions m
              JOIN fleet.transmissions t ON t.org_id = m.org_id AND t.id = m.transmission_id AND t.started_at = m.started_at
              WHERE m.org_id = org AND m.entity_type = fleet.mention_key(kind) AND m.entity_value = fleet.mention_key(mentioned)
                AND t.deleted_at IS NULL
              ORDER BY m.started_at DESC, m.transmission_id DESC LIMIT wanted;
    ELSE
        RETURN QUERY SELECT t.* FROM fleet.transmission_mentions m
              JOIN fleet.transmissions t ON t.org_id = m.org_id AND t.id = m.transmission_id AND t.started_at = m.started_at
              WHERE m.org_id = org AND m.entity_type = fleet.mention_key(kind) AND m.entity_value = fleet.mention_key(mentioned)
                AND t.deleted_at IS NULL AND (m.started_at, m.transmission_id) < (before_at, before_id)
              ORDER BY m.started_at DESC, m.transmission_id DESC LIMIT wanted;
    END IF;
END
$$;
COMMENT ON FUNCTION fleet.transmissions_mentioning(text, text, integer, timestamptz, uuid) IS 'The newest `wanted` live transmissions of the current organization that mention an entity (type and value, compared as fleet.mention_key gives them) and sort before (before_at, before_id) if given, newest first; plans kept for the session.';
