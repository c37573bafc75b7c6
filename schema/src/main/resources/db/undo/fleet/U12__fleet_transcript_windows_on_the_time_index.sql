-- Undoes V12: fleet.transcript_matches goes back to V7's, every window planned as the planner chooses.

CREATE OR REPLACE FUNCTION fleet.transcript_matches(query text, wanted integer, before_at timestamptz, before_id uuid)
    RETURNS TABLE (id uuid, started_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50
    SET search_path = pg_catalog
    AS $$
DECLARE
    org uuid := fleet.current_org_id();
    terms tsquery := websearch_to_tsquery('english'::regconfig, query);
    oldest timestamptz;
    upper_at timestamptz;
    lower_at timestamptz;
    width interval := interval '1 hour';
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
    RETURN QUERY EXECUTE
        'SELECT t.id, t.started_at FROM fleet.transmissions t
          WHERE t.org_id = $1 AND t.deleted_at IS NULL AND t.transcript_search @@ $2
            AND t.started_at >= $3 AND t.started_at <= $4
            AND ($5::timestamptz IS NULL OR (t.started_at, t.id) < ($5, $6))
          ORDER BY t.started_at DESC, t.id DESC LIMIT $7'
        USING org, terms, lower_at, upper_at, before_at, before_id, wanted;
    GET DIAGNOSTICS n = ROW_COUNT;
    found := n;
    WHILE found < wanted AND lower_at > oldest LOOP
        upper_at := lower_at;
        width := width * 2;
        lower_at := upper_at - width;
        RETURN QUERY EXECUTE
            'SELECT t.id, t.started_at FROM fleet.transmissions t
              WHERE t.org_id = $1 AND t.deleted_at IS NULL AND t.transcript_search @@ $2
                AND t.started_at >= $3 AND t.started_at < $4
              ORDER BY t.started_at DESC, t.id DESC LIMIT $5'
            USING org, terms, lower_at, upper_at, wanted - found;
        GET DIAGNOSTICS n = ROW_COUNT;
        found := found + n;
    END LOOP;
END
$$;
COMMENT ON FUNCTION fleet.transcript_matches(text, integer, timestamptz, uuid) IS 'The newest `wanted` live transmissions of the current organization whose transcription matches query (web search syntax) and that sort before (before_at, before_id) if given, searched in widening time windows newest first.';
