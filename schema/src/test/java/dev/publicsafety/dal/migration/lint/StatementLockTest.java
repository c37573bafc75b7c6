package dev.publicsafety.dal.migration.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lock each kind of statement holds on its table, as PostgreSQL documents it. */
class StatementLockTest {

    @Test
    void shouldNameTheLockOfEachKindOfStatement() {
        assertEquals(lock("fleet.incidents", false, "SHARE"), of("CREATE INDEX incidents_priority_idx ON fleet.incidents (priority);"));
        assertEquals(lock("fleet.incidents", false, "SHARE UPDATE EXCLUSIVE"),
                of("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS incidents_key ON fleet.incidents (key);"));
        assertEquals(lock("fleet.incidents_old_idx", true, "ACCESS EXCLUSIVE"), of("DROP INDEX IF EXISTS fleet.incidents_old_idx;"));
        assertEquals(lock("fleet.incidents_old_idx", true, "SHARE UPDATE EXCLUSIVE"), of("DROP INDEX CONCURRENTLY fleet.incidents_old_idx;"));
        assertEquals(lock("fleet.incidents", false, "ACCESS EXCLUSIVE"), of("ALTER TABLE fleet.incidents ALTER COLUMN priority SET NOT NULL;"));
        assertEquals(lock("fleet.tasks", false, "SHARE ROW EXCLUSIVE, and on the referenced table"),
                of("ALTER TABLE fleet.tasks ADD CONSTRAINT tasks_incident_fk FOREIGN KEY (incident_id) REFERENCES fleet.incidents (id) NOT VALID;"));
        assertEquals(lock("fleet.tasks", false, "SHARE UPDATE EXCLUSIVE"), of("ALTER TABLE fleet.tasks VALIDATE CONSTRAINT tasks_incident_fk;"));
        assertEquals(lock("fleet.tasks", false, "ACCESS EXCLUSIVE"),
                of("ALTER TABLE fleet.tasks ADD CONSTRAINT tasks_incident_fk FOREIGN KEY (incident_id) REFERENCES fleet.incidents (id),"
                        + " ALTER COLUMN incident_id SET NOT NULL;"), "the strictest of its actions");
        assertEquals(lock("fleet.incidents", false, "ACCESS EXCLUSIVE"), of("ALTER TABLE fleet.incidents ADD CONSTRAINT p CHECK (priority > 0);"));
        assertEquals(lock("fleet.incidents", false, "ACCESS EXCLUSIVE"), of("DROP TABLE fleet.incidents;"));
        assertTrue(of("CREATE TABLE fleet.notes (id bigint);").isEmpty());
        assertTrue(of("ALTER TYPE fleet.incident_status ADD VALUE 'merged';").isEmpty());
    }

    private static Optional<StatementLock> of(String sql) {
        return StatementLock.of(SqlStatements.split(sql).get(0).normalized());
    }

    private static Optional<StatementLock> lock(String relation, boolean index, String mode) {
        return Optional.of(new StatementLock(relation, index, mode));
    }
}
