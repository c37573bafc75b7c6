-- Transcript search on monthly partitions (issue #28). fleet.transcript_matches (V7) ran every
-- time window as EXECUTE, planned afresh with its bounds so that a narrow window reads the
-- (org_id, started_at) index and a wide one the GIN index. At a million transmissions over a year
-- of monthly partitions the search took four times as long partitioned as on one partition
-- (docs/benchmarks.md), and the time went to planning: the statements inside executed in about
-- 1 ms of a 30-40 ms call (auto_explain), each window being planned over 17 partitions and their
-- ten indexes each. And on a month's partition the planner ANDed the GIN bitmap of a common word
-- (12,000 entries in the month) into a one-hour window of 60 rows: 1.7-9.7 ms where the time index
-- alone took 0.1 ms.
-- Now the windows up to four hours wide (the first three: an hour, two, four) are static
-- statements, planned once per session as generic plans (the function sets plan_cache_mode;
-- run-time pruning then reads only the months a window touches), and they test the match on the
-- rows of the time index only (coalesce(...) is not something the GIN index can answer). A common
-- word fills its page within those hours; a rare one pays at most seven hours of the
-- organization's rows read through the time index before the wider windows, planned with their
-- bounds as before, let the planner choose the GIN index.

CREATE OR REPLACE FUNCTION fleet.transcript_matches(query text, wanted integer, before_at timestamptz, before_id uuid)
    RETURNS TABLE (id uuid, started_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50
    SET search_path = pg_catalog
    SET plan_cache_mode = force_generic_plan
    AS $$
DECLARE
    org uuid := fleet.current_org_id();
    terms tsquery := websearch_to_tsquery('english'::regconfig, query);
    oldest timestamptz;
    upper_at timestamptz;
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
    SELECT min(t.started_at), max(t.started_at) INTO oldest, upper_at FROM fleet.transmissions t WHERE t.org_id = org;
    IF oldest IS NULL THEN
        RETURN;
    END IF;
    IF before_at IS NOT NULL THEN
        upper_at := least(upper_at, before_at);
    END IF;
    lower_at := upper_at - width;
    -- The first window includes its upper bound (and the keyset's tie on before_at).
    RETURN QUERY SELECT t.id, t.started_at FROM fleet.transmissions t
          WHERE t.org_id = org AND t.deleted_at IS NULL AND coalesce(t.transcript_search @@ terms, false)
            AND t.started_at >= lower_at AND t.started_at <= upper_at
            AND (before_at IS NULL OR (t.started_at, t.id) < (before_at, before_id))
          ORDER BY t.started_at DESC, t.id DESC LIMIT wanted;
    GET DIAGNOSTICS n = ROW_COUNT;
    found := n;
    WHILE found < wanted AND lower_at > oldest LOOP
        upper_at := lower_at;
        width := width * 2;
        lower_at := upper_at - width;
        IF width <= narrow THEN
            RETURN QUERY SELECT t.id, t.started_at FROM fleet.transmissions t
                  WHERE t.org_id = org AND t.deleted_at IS NULL AND coalesce(t.transcript_search @@ terms, false)
                    AND t.started_at >= lower_at AND t.started_at < upper_at
                  ORDER BY t.started_at DESC, t.id DESC LIMIT wanted - found;
        ELSE
            RETURN QUERY EXECUTE
                'SELECT t.id, t.started_at FROM fleet.transmissions t
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
COMMENT ON FUNCTION fleet.transcript_matches(text, integer, timestamptz, uuid) IS 'The newest `wanted` live transmissions of the current organization whose transcription matches query (web search syntax) and that sort before (before_at, before_id) if given, searched in widening time windows newest first: up to four hours wide through the time index alone with plans kept for the session, wider planned with their bounds.';
