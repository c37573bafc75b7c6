-- Undoes V3.
DROP INDEX training.call_sessions_started_at_idx;
