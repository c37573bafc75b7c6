-- 911 operator training simulator: scenarios, call sessions, transcripts, extracted entities
-- and performance metrics, as documented for the simulator.

CREATE TYPE training.difficulty_level_enum AS ENUM ('easy', 'medium', 'hard');
CREATE TYPE training.call_session_status_enum AS ENUM ('active', 'completed', 'terminated', 'error');
CREATE TYPE training.speaker_enum AS ENUM ('operator', 'caller');
COMMENT ON TYPE training.difficulty_level_enum IS 'How hard a scenario is for a trainee.';
COMMENT ON TYPE training.call_session_status_enum IS 'Lifecycle of a training call: active until completed, terminated or error.';
COMMENT ON TYPE training.speaker_enum IS 'Who spoke a transcript entry.';

CREATE TABLE training.training_scenarios (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name             varchar(200) NOT NULL,
    description      text,
    caller_profile   jsonb NOT NULL,
    scenario_script  jsonb NOT NULL,
    difficulty_level training.difficulty_level_enum NOT NULL,
    is_active        boolean NOT NULL DEFAULT true,
    CONSTRAINT training_scenarios_caller_profile_object CHECK (jsonb_typeof(caller_profile) = 'object'),
    CONSTRAINT training_scenarios_scenario_script_object CHECK (jsonb_typeof(scenario_script) = 'object')
);
COMMENT ON TABLE training.training_scenarios IS 'Pre-configured training scenarios with a simulated caller.';
COMMENT ON COLUMN training.training_scenarios.id IS 'Primary key.';
COMMENT ON COLUMN training.training_scenarios.name IS 'Scenario title shown to trainees.';
COMMENT ON COLUMN training.training_scenarios.description IS 'What the trainee faces and is expected to learn.';
COMMENT ON COLUMN training.training_scenarios.caller_profile IS 'Simulated caller: emotional state, background, personality, speech patterns.';
COMMENT ON COLUMN training.training_scenarios.scenario_script IS 'Initial conditions, key entities, expected dialogue flow and evaluation criteria.';
COMMENT ON COLUMN training.training_scenarios.difficulty_level IS 'easy, medium or hard.';
COMMENT ON COLUMN training.training_scenarios.is_active IS 'Inactive scenarios are kept for history but not offered.';

CREATE TABLE training.call_sessions (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    operator_id varchar(255) NOT NULL,
    scenario_id uuid NOT NULL REFERENCES training.training_scenarios (id) ON DELETE CASCADE,
    started_at  timestamptz NOT NULL DEFAULT now(),
    ended_at    timestamptz,
    duration_ms bigint,
    status      training.call_session_status_enum NOT NULL DEFAULT 'active',
    metadata    jsonb NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT call_sessions_duration_non_negative CHECK (duration_ms >= 0),
    CONSTRAINT call_sessions_ended_after_started CHECK (ended_at IS NULL OR ended_at >= started_at),
    CONSTRAINT call_sessions_finished_consistent CHECK ((status = 'active') = (ended_at IS NULL)),
    CONSTRAINT call_sessions_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);
COMMENT ON TABLE training.call_sessions IS 'One training call taken by an operator on a scenario.';
COMMENT ON COLUMN training.call_sessions.id IS 'Primary key.';
COMMENT ON COLUMN training.call_sessions.operator_id IS 'Trainee operator identifier from the identity provider.';
COMMENT ON COLUMN training.call_sessions.scenario_id IS 'Scenario being played.';
COMMENT ON COLUMN training.call_sessions.started_at IS 'When the call connected.';
COMMENT ON COLUMN training.call_sessions.ended_at IS 'When the call ended; NULL while active.';
COMMENT ON COLUMN training.call_sessions.duration_ms IS 'ended_at - started_at in milliseconds, set when the session finishes.';
COMMENT ON COLUMN training.call_sessions.status IS 'active, completed, terminated or error.';
COMMENT ON COLUMN training.call_sessions.metadata IS 'Free-form session data (client version, audio settings, ...).';

CREATE TABLE training.call_transcripts (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id       uuid NOT NULL REFERENCES training.call_sessions (id) ON DELETE CASCADE,
    timestamp_ms     bigint NOT NULL,
    speaker          training.speaker_enum NOT NULL,
    text             text NOT NULL,
    audio_url        varchar(1024),
    emotional_state  varchar(50),
    confidence_score double precision,
    CONSTRAINT call_transcripts_timestamp_non_negative CHECK (timestamp_ms >= 0),
    CONSTRAINT call_transcripts_confidence_range CHECK (confidence_score BETWEEN 0 AND 1)
);
COMMENT ON TABLE training.call_transcripts IS 'Dialogue entries of a call session, with timing and emotional analysis.';
COMMENT ON COLUMN training.call_transcripts.id IS 'Primary key.';
COMMENT ON COLUMN training.call_transcripts.session_id IS 'Call session the entry belongs to.';
COMMENT ON COLUMN training.call_transcripts.timestamp_ms IS 'Offset from the start of the call in milliseconds.';
COMMENT ON COLUMN training.call_transcripts.speaker IS 'operator or caller.';
COMMENT ON COLUMN training.call_transcripts.text IS 'What was said.';
COMMENT ON COLUMN training.call_transcripts.audio_url IS 'Recording of the utterance, if kept.';
COMMENT ON COLUMN training.call_transcripts.emotional_state IS 'Detected emotional state of the speaker.';
COMMENT ON COLUMN training.call_transcripts.confidence_score IS 'Speech recognition confidence, 0 to 1.';

CREATE TABLE training.extracted_entities (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    transcript_id    uuid NOT NULL REFERENCES training.call_transcripts (id) ON DELETE CASCADE,
    entity_type      varchar(50) NOT NULL,
    entity_value     text NOT NULL,
    confidence_score double precision,
    start_char       integer,
    end_char         integer,
    metadata         jsonb NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT extracted_entities_confidence_range CHECK (confidence_score BETWEEN 0 AND 1),
    CONSTRAINT extracted_entities_start_non_negative CHECK (start_char >= 0),
    CONSTRAINT extracted_entities_span_order CHECK (start_char < end_char),
    CONSTRAINT extracted_entities_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);
COMMENT ON TABLE training.extracted_entities IS 'Named entities found in transcript entries (WEAPON, INJURY, LOCATION, ...).';
COMMENT ON COLUMN training.extracted_entities.id IS 'Primary key.';
COMMENT ON COLUMN training.extracted_entities.transcript_id IS 'Transcript entry the entity was found in.';
COMMENT ON COLUMN training.extracted_entities.entity_type IS 'Entity category, e.g. WEAPON, INJURY, LOCATION.';
COMMENT ON COLUMN training.extracted_entities.entity_value IS 'The entity as it appears in the text.';
COMMENT ON COLUMN training.extracted_entities.confidence_score IS 'Extraction confidence, 0 to 1.';
COMMENT ON COLUMN training.extracted_entities.start_char IS 'Start offset of the entity in the transcript text (inclusive).';
COMMENT ON COLUMN training.extracted_entities.end_char IS 'End offset of the entity in the transcript text (exclusive).';
COMMENT ON COLUMN training.extracted_entities.metadata IS 'Free-form extractor output (model, normalized value, ...).';

CREATE TABLE training.performance_metrics (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id   uuid NOT NULL REFERENCES training.call_sessions (id) ON DELETE CASCADE,
    metric_name  varchar(100) NOT NULL,
    metric_value double precision NOT NULL,
    measured_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE training.performance_metrics IS 'Operator performance measurements per session.';
COMMENT ON COLUMN training.performance_metrics.id IS 'Primary key.';
COMMENT ON COLUMN training.performance_metrics.session_id IS 'Call session measured.';
COMMENT ON COLUMN training.performance_metrics.metric_name IS 'What was measured, e.g. time_to_address_ms.';
COMMENT ON COLUMN training.performance_metrics.metric_value IS 'The measured value.';
COMMENT ON COLUMN training.performance_metrics.measured_at IS 'When it was measured.';

CREATE INDEX training_scenarios_difficulty_level_is_active_idx ON training.training_scenarios (difficulty_level, is_active);
CREATE INDEX call_sessions_operator_id_started_at_idx ON training.call_sessions (operator_id, started_at);
CREATE INDEX call_sessions_scenario_id_idx ON training.call_sessions (scenario_id);
CREATE INDEX call_sessions_status_started_at_idx ON training.call_sessions (status, started_at);
CREATE INDEX call_transcripts_session_id_timestamp_ms_idx ON training.call_transcripts (session_id, timestamp_ms);
CREATE INDEX extracted_entities_transcript_id_idx ON training.extracted_entities (transcript_id);
CREATE INDEX extracted_entities_entity_type_entity_value_idx ON training.extracted_entities (entity_type, entity_value);
CREATE INDEX performance_metrics_session_id_metric_name_idx ON training.performance_metrics (session_id, metric_name);
CREATE INDEX performance_metrics_metric_name_measured_at_idx ON training.performance_metrics (metric_name, measured_at);
