-- Transcript search returns rows, and reads less of the partitions before it finds them (issue
-- #28). After V12 it still took 1.4-1.5 times as long on monthly partitions as on one
-- (docs/benchmarks.md), and the time was not the match: two statements per call held the difference.
-- 1. transcript_matches began with min(started_at) and max(started_at) of the organization: a
--    descent of every partition's time index at both ends (18 partitions, 36 descents).
-- 2. The repository joined the (id, started_at) it returned back to transmissions to read the rows:
--    an Append over every partition, pruned at run time once per row.
-- fleet.transcript_search returns the rows themselves, so nothing joins them again. It finds the
-- newest row among those of the last seven days first (run-time pruning reads the newest months
-- only; a centre on the air has one there), and in the whole table only if that finds none; it
-- reads the oldest row only before its first wide window, which a word common enough to fill its
-- page in the first seven hours never reaches. Its windows are V12's. A transaction that sets the
-- tenant and searches a common word, prepared (pgbench -M prepared) on a year of 1M rows: 0.87-0.90
-- ms before, 0.55-0.57 ms after on monthly partitions; 0.60-0.64 and 0.52-0.54 ms on one.
-- fleet.transcript_matches stays, for SQL of the applications' own, returning the same columns
-- from the new function.

CREATE FUNCTION fleet.transcript_search(query text, wanted integer, before_at timestamptz, before_id uuid)
    RETURNS SETOF fleet.transmissions
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50
    SET search_path = pg_catalog
    SET plan_cache_mode = force_generic_plan
    AS $$
DECLARE
    org uuid := fleet.current_org_id();
    terms tsquery := websearch_to_tsquery('english'::regconfig, query);
    oldest timestamptz;
    upper_at timestamptz := before_at;
    lower_at timestamptz;
    width interval := interval '1 hour';
    -- up to this width a window is a static statement that reads the time index alone
    narrow constant interval := interval '4 hours';
    found integer := 0;
    n integer;
BEGIN
    IF org IS NULL OR wanted IS NULL OR wanted < 1 THEN
        RETURN;
    END IF;
    IF upper_at IS NULL THEN
        -- no upper bound: a row dated ahead (a device clock) is the newest, as it always was
        SELECT max(t.started_at) INTO upper_at FROM fleet.transmissions t WHERE t.org_id = org AND t.started_at >= now() - interval '7 days';
        IF upper_at IS NULL THEN
            SELECT max(t.started_at) INTO upper_at FROM fleet.transmissions t WHERE t.org_id = org;
            IF upper_at IS NULL THEN
                RETURN;
            END IF;
        END IF;
    END IF;
    lower_at := upper_at - width;
    -- The first window includes its upper bound (and the keyset's tie on before_at).
    RETURN QUERY SELECT t.* FROM fleet.transmissions t
          WHERE t.org_id = org AND t.deleted_at IS NULL AND coalesce(t.transcript_search @@ terms, false)
            AND t.started_at >= lower_at AND t.started_at <= upper_at
            AND (before_at IS NULL OR (t.started_at, t.id) < (before_at, before_id))
          ORDER BY t.started_at DESC, t.id DESC LIMIT wanted;
    GET DIAGNOSTICS n = ROW_COUNT;
    found := n;
    WHILE found < wanted LOOP
        upper_at := lower_at;
        width := width * 2;
        lower_at := upper_at - width;
        IF width <= narrow THEN
            RETURN QUERY SELECT t.* FROM fleet.transmissions t
                  WHERE t.org_id = org AND t.deleted_at IS NULL AND coalesce(t.transcript_search @@ terms, false)
                    AND t.started_at >= lower_at AND t.started_at < upper_at
                  ORDER BY t.started_at DESC, t.id DESC LIMIT wanted - found;
        ELSE
            IF oldest IS NULL THEN
                SELECT min(t.started_at) INTO oldest FROM fleet.transmissions t WHERE t.org_id = org;
            END IF;
            -- every row from upper_at on has been searched
            EXIT WHEN oldest IS NULL OR upper_at <= oldest;
            RETURN QUERY EXECUTE
                'SELECT t.* FROM fleet.transmissions t
                  WHERE t.org_id = $1 AND t.deleted_at IS NULL AND t.transcript_search @@ $2
                    AND t.started_at >= $3 AND t.started_at < $4
                  ORDER BY t.started_at DESC, t.id DESC LIMIT $5'
                USING org, terms, lower_at, upper_at, wanted - found;
        END IF;
        GET DIAGNOSTICS n = ROW_COUNT;
        found := found + n;
    END LOOP;
END
$$;
COMMENT ON FUNCTION fleet.transcript_search(text, integer, timestamptz, uuid) IS 'The newest `wanted` live transmissions of the current organization whose transcription matches query (web search syntax) and that sort before (before_at, before_id) if given, newest first, searched in widening time windows: up to four hours wide through the time index alone with plans kept for the session, wider planned with their bounds.';

CREATE OR REPLACE FUNCTION fleet.transcript_matches(query text, wanted integer, before_at timestamptz, before_id uuid)
    RETURNS TABLE (id uuid, started_at timestamptz)
    LANGUAGE sql STABLE ROWS 50
    SET search_path = pg_catalog
    AS $$ SELECT s.id, s.started_at FROM fleet.transcript_search(query, wanted, before_at, before_id) s $$;
COMMENT ON FUNCTION fleet.transcript_matches(text, integer, timestamptz, uuid) IS 'The id and started_at of fleet.transcript_search''s rows, in its order.';

