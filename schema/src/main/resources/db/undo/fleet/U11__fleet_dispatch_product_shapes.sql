-- Undoes V11. Entities already turned into our shape stay so (their "category" keys included).
-- PostgreSQL cannot drop an enum value: the type is rebuilt without ICECAST, which fails while a
-- channel still has that source type (change or delete those channels first).
DO $$
DECLARE
    icecast bigint;
BEGIN
    -- as the owner, so row-level security hides no organization's channels
    SELECT count(*) INTO icecast FROM fleet.radio_channels WHERE source_type::text = 'ICECAST';
    IF icecast > 0 THEN
        RAISE EXCEPTION 'cannot undo fleet V11: % radio channel(s) have source type ICECAST; change or delete them first', icecast;
    END IF;
END
$$;

DROP TRIGGER transmissions_entities_as_array ON fleet.transmissions;
DROP FUNCTION fleet.transmissions_entities_as_array();
DROP FUNCTION fleet.entities_from_categories(jsonb);
DROP FUNCTION fleet.entity_type_of_category(text);

ALTER TYPE fleet.channel_source_type RENAME TO channel_source_type_v11;
CREATE TYPE fleet.channel_source_type AS ENUM ('SIP', 'HTTP', 'FILE', 'API');
ALTER TABLE fleet.radio_channels ALTER COLUMN source_type TYPE fleet.channel_source_type
    USING source_type::text::fleet.channel_source_type;
DROP TYPE fleet.channel_source_type_v11;
COMMENT ON COLUMN fleet.transmissions.entities IS 'Extracted entities: array of {type, value, confidence, start, end}.';
