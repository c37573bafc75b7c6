-- The dispatch product's shapes (issue #31), for teams moving off it.
--
-- 1. ICECAST, a source type the product's channels may have (schemas/radio.py allows SIP, ICECAST,
--    FILE and API). ChannelConfig holds its keys.
-- 2. Entities in the product's shape: its workers store an object of arrays keyed by category,
--    {"unit_ids": ["E-42"], "locations": ["123 Main Street"]}, and its API defaults to {}. Such a
--    document, written by anything (a product worker still running beside the data layer, a load
--    of its exported rows), is turned into ours on arrival: one {type, value, category} per
--    element, in the order of the categories (jsonb's key order) and then of the elements. The
--    column keeps one shape, so the check, the GIN index, the mention index and the typed reads
--    stay as they were. TransmissionEntities does the same in Java (a test compares the two).

ALTER TYPE fleet.channel_source_type ADD VALUE 'ICECAST';

CREATE FUNCTION fleet.entity_type_of_category(category text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE category
                     WHEN 'unit_ids' THEN 'UNIT'
                     WHEN 'locations' THEN 'ADDRESS'
                     WHEN 'incident_codes' THEN 'INCIDENT_CODE'
                     WHEN 'people' THEN 'PERSON'
                     WHEN 'organizations' THEN 'ORGANIZATION'
                     WHEN 'times' THEN 'TIME'
                     WHEN 'statuses' THEN 'STATUS'
                     ELSE coalesce(nullif(upper(btrim(category)), ''), 'UNCATEGORIZED')
                 END $$;
COMMENT ON FUNCTION fleet.entity_type_of_category(text) IS 'The entity type of one of the dispatch product''s entity categories (unit_ids is UNIT, locations ADDRESS, …; another category its upper-case name).';

-- A string element is its text; a number or boolean its JSON text; an object or array its JSON.
CREATE FUNCTION fleet.entities_from_categories(categories jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(jsonb_agg(jsonb_build_object('type', fleet.entity_type_of_category(c.key),
                                                       'value', CASE jsonb_typeof(e.value) WHEN 'string' THEN e.value #>> '{}'
                                                                                           ELSE e.value::text END,
                                                       'category', c.key)
                                    ORDER BY c.position, e.position), '[]'::jsonb)
            FROM jsonb_each(categories) WITH ORDINALITY c (key, value, position)
            CROSS JOIN LATERAL jsonb_array_elements(CASE jsonb_typeof(c.value) WHEN 'array' THEN c.value
                                                                                ELSE jsonb_build_array(c.value) END)
                 WITH ORDINALITY e (value, position)
           WHERE jsonb_typeof(e.value) <> 'null' $$;
COMMENT ON FUNCTION fleet.entities_from_categories(jsonb) IS 'The dispatch product''s entities (an object of arrays keyed by category) as an array of {type, value, category}.';

CREATE FUNCTION fleet.transmissions_entities_as_array() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
    AS $$
BEGIN
    NEW.entities := fleet.entities_from_categories(NEW.entities);
    RETURN NEW;
END
$$;

-- The WHEN clause keeps the function out of every write in our own shape (COPY ingest included).
CREATE TRIGGER transmissions_entities_as_array BEFORE INSERT OR UPDATE OF entities ON fleet.transmissions
    FOR EACH ROW WHEN (jsonb_typeof(NEW.entities) = 'object')
    EXECUTE FUNCTION fleet.transmissions_entities_as_array();

COMMENT ON COLUMN fleet.transmissions.entities IS 'Extracted entities: array of {type, value, confidence, start, end, category}; the dispatch product''s object of arrays keyed by category becomes this on arrival.';
