-- Undoes V7: entity search goes back to the GIN index on entities, transcript search to V4's
-- function (every match at once).
DROP TRIGGER transmissions_mentions_insert ON fleet.transmissions;
DROP TRIGGER transmissions_mentions_delete ON fleet.transmissions;
DROP TRIGGER transmissions_mentions_update ON fleet.transmissions;
DROP TRIGGER transmissions_mentions_truncate ON fleet.transmissions;
DROP FUNCTION fleet.transmission_mentions_insert(), fleet.transmission_mentions_delete(),
              fleet.transmission_mentions_update(), fleet.transmission_mentions_truncate();
DROP TABLE fleet.transmission_mentions;
DROP FUNCTION fleet.mentions_of(jsonb, uuid, timestamptz, uuid), fleet.mention_key(text);

DROP FUNCTION fleet.transcript_matches(text, integer, timestamptz, uuid);
CREATE FUNCTION fleet.transcript_matches(query text) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 100
    SET search_path = pg_catalog
    AS $$ SELECT t.id FROM fleet.transmissions t
           WHERE t.org_id = fleet.current_org_id() AND t.deleted_at IS NULL
             AND t.transcript_search @@ websearch_to_tsquery('english'::regconfig, query) $$;
COMMENT ON FUNCTION fleet.transcript_matches(text) IS 'Ids of the current organization''s live transmissions whose transcription matches query (web search syntax), found through the GIN index.';
