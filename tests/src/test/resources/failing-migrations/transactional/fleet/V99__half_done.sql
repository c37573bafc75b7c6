-- Test fixture: succeeds halfway, then fails. PostgreSQL DDL is transactional, so nothing of it may remain.
CREATE TABLE fleet.half_done (id int PRIMARY KEY);
ALTER TABLE fleet.incidents ADD COLUMN half_done_note text;
INSERT INTO fleet.half_done VALUES (1);
INSERT INTO fleet.half_done VALUES (1); -- duplicate key: the migration fails here
