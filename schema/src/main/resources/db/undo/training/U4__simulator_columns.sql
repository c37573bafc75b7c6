-- Undoes V4. On a database adopted from the simulator this also drops the simulator's own
-- created_at/updated_at values.
DROP INDEX training.extracted_entities_transcript_id_entity_type_idx;
DROP TRIGGER call_sessions_set_updated_at ON training.call_sessions;
DROP TRIGGER training_scenarios_set_updated_at ON training.training_scenarios;
DROP FUNCTION training.set_updated_at();
ALTER TABLE training.extracted_entities DROP COLUMN created_at;
ALTER TABLE training.call_transcripts DROP COLUMN created_at;
ALTER TABLE training.call_sessions DROP COLUMN created_at, DROP COLUMN updated_at;
ALTER TABLE training.training_scenarios DROP COLUMN created_at, DROP COLUMN updated_at;
ALTER TABLE training.extracted_entities
    ALTER COLUMN confidence_score DROP NOT NULL,
    ALTER COLUMN start_char DROP NOT NULL,
    ALTER COLUMN end_char DROP NOT NULL;
ALTER TABLE training.training_scenarios ALTER COLUMN description DROP NOT NULL;
