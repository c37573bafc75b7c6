-- Newest-first search whose cost does not grow with the history (issue #18).
--
-- "The newest 50 transmissions mentioning plate X" through the GIN index on entities collects
-- every match and sorts them before the first page: at a million rows, ten times the matches of
-- 100k. transmission_mentions holds one narrow row per (transmission, entity type, value), kept
-- in the order the search reads them, so a page is a short walk down one btree whatever the
-- history. Transcript search walks time windows newest first instead (fleet.transcript_matches).

-- How a type or value is stored and compared: exactly as extracted (as JSONB containment compared
-- it), except that one longer than 256 bytes is kept as its md5, since a btree entry has a size limit.
-- Plain SQL without SET or STRICT, so the planner inlines it into the triggers' INSERT.
CREATE FUNCTION fleet.mention_key(v text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN octet_length(v) <= 256 THEN v ELSE 'md5:' || md5(v) END $$;
COMMENT ON FUNCTION fleet.mention_key(text) IS 'An entity type or value as transmission_mentions stores and compares it: itself, or its md5 past 256 bytes.';

CREATE TABLE fleet.transmission_mentions (
    org_id          uuid NOT NULL,
    entity_type     text NOT NULL,
    entity_value    text NOT NULL,
    started_at      timestamptz NOT NULL,
    transmission_id uuid NOT NULL,
    -- Read backwards: the newest mentions of one entity first, then by transmission id (the keyset).
    CONSTRAINT transmission_mentions_pkey PRIMARY KEY (org_id, entity_type, entity_value, started_at, transmission_id)
);
-- No foreign keys: a transmission is identified by (org_id, id, started_at) once transmissions
-- are partitioned by time, and the check of organizations per mention cost a third of the
-- trigger's time. The triggers below keep the two tables in step, deleting an organization's
-- transmissions (ON DELETE CASCADE) included.
COMMENT ON TABLE fleet.transmission_mentions IS 'One row per entity a transmission mentions (type and value as fleet.mention_key gives them), maintained by triggers on fleet.transmissions; the index of TransmissionRepository.mentioning.';
COMMENT ON COLUMN fleet.transmission_mentions.started_at IS 'The transmission''s started_at: the search''s order, and part of the key back to the transmission.';
ALTER TABLE fleet.transmission_mentions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleet.transmission_mentions
    USING (org_id = fleet.current_org_id()) WITH CHECK (org_id = fleet.current_org_id());

-- The mentions of one transmission row; a type and value named twice come twice, so callers
-- select DISTINCT over all their rows at once (one sort per row cost a fifth of the trigger).
-- Inlined like mention_key.
CREATE FUNCTION fleet.mentions_of(entities jsonb, org uuid, started timestamptz, transmission uuid)
    RETURNS TABLE (org_id uuid, entity_type text, entity_value text, started_at timestamptz, transmission_id uuid)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT org, fleet.mention_key(e ->> 'type'), fleet.mention_key(e ->> 'value'), started, transmission
            FROM jsonb_array_elements(entities) e
           WHERE jsonb_typeof(e) = 'object' AND e ->> 'type' IS NOT NULL AND e ->> 'value' IS NOT NULL $$;

-- Statement-level on INSERT and DELETE: one INSERT … SELECT per COPY batch instead of one per
-- row. SECURITY DEFINER: the application role reads mentions but never writes them itself.
CREATE FUNCTION fleet.transmission_mentions_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
    AS $$
BEGIN
    INSERT INTO fleet.transmission_mentions
    SELECT DISTINCT m.* FROM new_rows t CROSS JOIN LATERAL fleet.mentions_of(t.entities, t.org_id, t.started_at, t.id) m;
    RETURN NULL;
END
$$;

CREATE FUNCTION fleet.transmission_mentions_delete() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
    AS $$
BEGIN
    DELETE FROM fleet.transmission_mentions m USING old_rows t, fleet.mentions_of(t.entities, t.org_id, t.started_at, t.id) o
     WHERE m.org_id = o.org_id AND m.entity_type = o.entity_type AND m.entity_value = o.entity_value
       AND m.started_at = o.started_at AND m.transmission_id = o.transmission_id;
    RETURN NULL;
END
$$;

-- Row-level on UPDATE, and only when what the mentions hold changed (the WHEN clause costs the
-- many other updates of a transmission nothing).
CREATE FUNCTION fleet.transmission_mentions_update() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
    AS $$
BEGIN
    DELETE FROM fleet.transmission_mentions m
     WHERE m.org_id = OLD.org_id AND m.transmission_id = OLD.id AND m.started_at = OLD.started_at
       AND (m.entity_type, m.entity_value) IN (SELECT o.entity_type, o.entity_value
                                                 FROM fleet.mentions_of(OLD.entities, OLD.org_id, OLD.started_at, OLD.id) o);
    INSERT INTO fleet.transmission_mentions
    SELECT DISTINCT * FROM fleet.mentions_of(NEW.entities, NEW.org_id, NEW.started_at, NEW.id);
    RETURN NULL;
END
$$;

CREATE FUNCTION fleet.transmission_mentions_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
    AS $$
BEGIN
    TRUNCATE fleet.transmission_mentions;
    RETURN NULL;
END
$$;

CREATE TRIGGER transmissions_mentions_insert AFTER INSERT ON fleet.transmissions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fleet.transmission_mentions_insert();
CREATE TRIGGER transmissions_mentions_delete AFTER DELETE ON fleet.transmissions
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fleet.transmission_mentions_delete();
CREATE TRIGGER transmissions_mentions_update AFTER UPDATE OF entities, started_at, org_id, id ON fleet.transmissions
    FOR EACH ROW WHEN (OLD.entities IS DISTINCT FROM NEW.entities OR OLD.started_at IS DISTINCT FROM NEW.started_at
                       OR OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION fleet.transmission_mentions_update();
CREATE TRIGGER transmissions_mentions_truncate AFTER TRUNCATE ON fleet.transmissions
    FOR EACH STATEMENT EXECUTE FUNCTION fleet.transmission_mentions_truncate();

INSERT INTO fleet.transmission_mentions
SELECT DISTINCT m.* FROM fleet.transmissions t CROSS JOIN LATERAL fleet.mentions_of(t.entities, t.org_id, t.started_at, t.id) m;

-- ---------------------------------------------------------------- transcript search
-- The newest `wanted` matches before (before_at, before_id), found window by window from the
-- newest transmission backwards: an hour first, each next window twice as long, until enough
-- matched or the organization's oldest transmission is passed. Each window is planned with its
-- bounds (EXECUTE), so the planner picks the (org_id, started_at) index for a narrow window and
-- the GIN index for a wide one; a common word is found in the first window whatever the history.
-- Runs as the owner (row-level security keeps @@ out of the application role's index conditions),
-- for the transaction's organization only.
DROP FUNCTION fleet.transcript_matches(text);
CREATE FUNCTION fleet.transcript_matches(query text, wanted integer, before_at timestamptz, before_id uuid)
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
