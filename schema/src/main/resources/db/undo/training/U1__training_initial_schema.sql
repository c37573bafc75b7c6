-- Undoes V1: removes every object the training schema's first migration created.
DROP TABLE training.performance_metrics, training.extracted_entities, training.call_transcripts,
           training.call_sessions, training.training_scenarios;
DROP TYPE training.speaker_enum, training.call_session_status_enum, training.difficulty_level_enum;
