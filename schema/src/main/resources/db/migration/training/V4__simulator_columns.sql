-- Makes training a superset of the simulator's own schema (its Alembic revision 001): the row
-- timestamps it keeps, its NOT NULLs, and its (transcript_id, entity_type) index.
--
-- Existing NULLs are not backfilled: an invented description, confidence or span would be wrong
-- data. The migration stops instead, naming the rows (first 10 ids per column), and changes nothing.
--
-- IF NOT EXISTS because a database adopted from the simulator (dal adopt) already has these
-- columns and this index, with the simulator's values, which are kept.
-- There PostgreSQL's "already exists, skipping" notices are expected, so they are not sent.
SET LOCAL client_min_messages = warning;

DO $$
DECLARE
    check_ record;
    offending text;
BEGIN
    FOR check_ IN SELECT * FROM (VALUES
            ('training_scenarios', 'description'),
            ('extracted_entities', 'confidence_score'),
            ('extracted_entities', 'start_char'),
            ('extracted_entities', 'end_char')) AS c (table_name, column_name)
    LOOP
        EXECUTE format('SELECT string_agg(id::text, '', '') FROM (SELECT id FROM training.%I WHERE %I IS NULL ORDER BY id LIMIT 10) s',
                       check_.table_name, check_.column_name)
            INTO offending;
        IF offending IS NOT NULL THEN
            RAISE EXCEPTION 'training V4: %.% is NULL in rows with id %; set it (or delete the rows), then migrate again',
                check_.table_name, check_.column_name, offending
                USING ERRCODE = 'not_null_violation';
        END IF;
    END LOOP;
END
$$;

ALTER TABLE training.training_scenarios ALTER COLUMN description SET NOT NULL;
ALTER TABLE training.extracted_entities
    ALTER COLUMN confidence_score SET NOT NULL,
    ALTER COLUMN start_char SET NOT NULL,
    ALTER COLUMN end_char SET NOT NULL;

ALTER TABLE training.training_scenarios
    ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE training.call_sessions
    ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE training.call_transcripts ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE training.extracted_entities ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
COMMENT ON COLUMN training.training_scenarios.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN training.training_scenarios.updated_at IS 'When the row last changed; maintained by a trigger.';
COMMENT ON COLUMN training.call_sessions.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN training.call_sessions.updated_at IS 'When the row last changed; maintained by a trigger.';
COMMENT ON COLUMN training.call_transcripts.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN training.extracted_entities.created_at IS 'When the row was inserted.';

CREATE FUNCTION training.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION training.set_updated_at() IS 'Keeps updated_at current on every UPDATE.';
CREATE TRIGGER training_scenarios_set_updated_at BEFORE UPDATE ON training.training_scenarios
    FOR EACH ROW EXECUTE FUNCTION training.set_updated_at();
CREATE TRIGGER call_sessions_set_updated_at BEFORE UPDATE ON training.call_sessions
    FOR EACH ROW EXECUTE FUNCTION training.set_updated_at();

CREATE INDEX IF NOT EXISTS extracted_entities_transcript_id_entity_type_idx
    ON training.extracted_entities (transcript_id, entity_type);
