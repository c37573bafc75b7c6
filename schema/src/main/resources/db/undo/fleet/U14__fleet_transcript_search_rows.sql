-- Undoes V14: fleet.transcript_matches goes back to V12's, and fleet.transcript_search goes.

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

DROP FUNCTION fleet.transcript_search(text, integer, timestamptz, uuid);
