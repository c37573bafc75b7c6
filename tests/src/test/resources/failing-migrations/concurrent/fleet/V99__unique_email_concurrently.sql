-- Test fixture: CREATE INDEX CONCURRENTLY cannot run in a transaction, so Flyway runs this migration
-- without one. It fails on duplicate data and leaves an INVALID index behind.
CREATE UNIQUE INDEX CONCURRENTLY users_email_unique ON fleet.users (email);
