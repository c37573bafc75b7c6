-- Recent sessions first, across operators: lets "newest occurrences of an entity type" walk
-- sessions by start time and stop at its limit instead of scanning every transcript line.
CREATE INDEX call_sessions_started_at_idx ON training.call_sessions (started_at);
