-- Brings the simulator's tables (Alembic revision 001 or 002), just moved into schema training, to
-- the shape training V1 creates, keeping their created_at/updated_at for V4. Run by
-- SimulatorAdoption inside its transaction, before V1's comments and remaining indexes (taken from
-- V1 itself) and before the history records version 1.
--
-- The one change to stored values: a NULL metadata becomes {} (our columns are NOT NULL, default {}).
-- Any row that breaks one of our checks stops the adoption, and nothing changes.

UPDATE training.call_sessions SET metadata = '{}'::jsonb WHERE metadata IS NULL;
UPDATE training.extracted_entities SET metadata = '{}'::jsonb WHERE metadata IS NULL;

-- Ours has V2's scenario_key before V4's timestamps; the simulator's timestamps step aside until
-- V4 has added ours, then adopt/scenario-timestamps.sql copies them over.
ALTER TABLE training.training_scenarios RENAME COLUMN created_at TO simulator_created_at;
ALTER TABLE training.training_scenarios RENAME COLUMN updated_at TO simulator_updated_at;
-- PostgreSQL 18 names NOT NULL constraints after the column; V4's must get the plain names.
ALTER TABLE training.training_scenarios
    ALTER COLUMN simulator_created_at DROP NOT NULL,
    ALTER COLUMN simulator_updated_at DROP NOT NULL;
ALTER TABLE training.training_scenarios
    ALTER COLUMN id SET DEFAULT gen_random_uuid(),
    ADD CONSTRAINT training_scenarios_caller_profile_object CHECK (jsonb_typeof(caller_profile) = 'object'),
    ADD CONSTRAINT training_scenarios_scenario_script_object CHECK (jsonb_typeof(scenario_script) = 'object');

ALTER TABLE training.call_sessions
    ALTER COLUMN id SET DEFAULT gen_random_uuid(),
    ALTER COLUMN operator_id TYPE varchar(255),
    ALTER COLUMN duration_ms TYPE bigint,
    ALTER COLUMN status SET DEFAULT 'active',
    ALTER COLUMN metadata SET DEFAULT '{}'::jsonb,
    ALTER COLUMN metadata SET NOT NULL,
    ADD CONSTRAINT call_sessions_duration_non_negative CHECK (duration_ms >= 0),
    ADD CONSTRAINT call_sessions_ended_after_started CHECK (ended_at IS NULL OR ended_at >= started_at),
    ADD CONSTRAINT call_sessions_finished_consistent CHECK ((status = 'active') = (ended_at IS NULL)),
    ADD CONSTRAINT call_sessions_metadata_object CHECK (jsonb_typeof(metadata) = 'object');

ALTER TABLE training.call_transcripts
    ALTER COLUMN id SET DEFAULT gen_random_uuid(),
    ALTER COLUMN audio_url TYPE varchar(1024),
    ALTER COLUMN emotional_state TYPE varchar(50),
    ADD CONSTRAINT call_transcripts_timestamp_non_negative CHECK (timestamp_ms >= 0),
    ADD CONSTRAINT call_transcripts_confidence_range CHECK (confidence_score BETWEEN 0 AND 1);

ALTER TABLE training.extracted_entities
    ALTER COLUMN id SET DEFAULT gen_random_uuid(),
    ALTER COLUMN metadata SET DEFAULT '{}'::jsonb,
    ALTER COLUMN metadata SET NOT NULL,
    ADD CONSTRAINT extracted_entities_confidence_range CHECK (confidence_score BETWEEN 0 AND 1),
    ADD CONSTRAINT extracted_entities_start_non_negative CHECK (start_char >= 0),
    ADD CONSTRAINT extracted_entities_span_order CHECK (start_char < end_char),
    ADD CONSTRAINT extracted_entities_metadata_object CHECK (jsonb_typeof(metadata) = 'object');

ALTER TABLE training.performance_metrics ALTER COLUMN id SET DEFAULT gen_random_uuid();

-- Its indexes that equal ours take our names; the two on a prefix of one of ours go.
ALTER INDEX training.ix_training_scenarios_difficulty_active RENAME TO training_scenarios_difficulty_level_is_active_idx;
ALTER INDEX training.ix_call_sessions_operator_started RENAME TO call_sessions_operator_id_started_at_idx;
ALTER INDEX training.ix_call_transcripts_session_timestamp RENAME TO call_transcripts_session_id_timestamp_ms_idx;
ALTER INDEX training.ix_extracted_entities_transcript_type RENAME TO extracted_entities_transcript_id_entity_type_idx;
DROP INDEX training.ix_call_sessions_operator_id;
DROP INDEX training.ix_performance_metrics_session;
