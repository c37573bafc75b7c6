package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** audit_logs is append-only in the database itself, even for the owner (here a superuser). */
@IsolatedDatabase
class AuditLogImmutabilityTest {

    private static UUID org;

    @BeforeAll
    static void writeOneAuditRow(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection()) {
            org = FleetFixtures.organization(owner, "audited");
            FleetFixtures.insert(owner, "INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id, after_state)"
                    + " VALUES (?, 'tester', 'create', 'incident', gen_random_uuid(), '{\"title\":\"x\"}') RETURNING id", org);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE fleet.audit_logs SET actor = 'forger'",
        "DELETE FROM fleet.audit_logs",
        "TRUNCATE fleet.audit_logs",
        "TRUNCATE fleet.organizations CASCADE"
    })
    void shouldRejectChangingTheTrail(String statement, TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            SQLException error = assertThrows(SQLException.class, () -> sql.execute(statement));
            assertTrue(error.getMessage().contains("audit_logs is append-only"), error.getMessage());
            assertEquals(1, FleetFixtures.count(owner, "SELECT count(*) FROM fleet.audit_logs WHERE actor = 'tester'"));
        }
    }

    @Test
    void shouldKeepAcceptingNewEntries(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection()) {
            FleetFixtures.insert(owner, "INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id)"
                    + " VALUES (?, 'tester2', 'delete', 'task', gen_random_uuid()) RETURNING id", org);
            assertEquals(1, FleetFixtures.count(owner, "SELECT count(*) FROM fleet.audit_logs WHERE actor = 'tester2'"));
        }
    }
}
