package com.example.dispatch;

import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.TrainingDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The whole application, twice, on an empty database: the second run finds what the first one made. */
@IsolatedDatabase(migrated = false)
class DispatchAppTest {

    // Roles belong to the server, which other test runs may share: a name of this run's own.
    private static final String ROLE = "dispatch_app_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));

    @Test
    void shouldMigrateCreateTheRoleAndFindEverythingAgainOnTheSecondRun(TestDatabase db) {
        ShiftReport first = DispatchApp.run(db.url(), ROLE, "first-password");
        assertEquals(IncidentStatus.DISPATCHED, first.incident().status());
        assertEquals(2, first.incident().version(), "opened, then dispatched once");
        assertTrue(FleetRoles.applicationRoles(db.dataSource()).contains(ROLE), "the role was created and granted");

        ShiftReport second = DispatchApp.run(db.url(), ROLE, "first-password");
        assertEquals(first.organization().id(), second.organization().id(), "the organization was found by its slug");
        assertEquals(first.incident().id(), second.incident().id(), "the incident was found by its number");
        assertEquals(2, second.incident().version(), "and not dispatched again");
        assertNotEquals(first.call().id(), second.call().id(), "each run practises a call of its own");
        int calls = new TrainingDatabase(db.dataSource())
                .inTransaction(tx -> tx.dsl().fetchCount(CALL_SESSIONS, CALL_SESSIONS.OPERATOR_ID.eq("operator-17")));
        assertEquals(2, calls);
    }

    @AfterAll
    static void dropRole(TestDatabase db) throws SQLException {
        if (!FleetRoles.exists(db.dataSource(), ROLE)) {
            return; // the run failed before making it
        }
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP OWNED BY " + ROLE);
            statement.execute("DROP ROLE " + ROLE);
        }
    }
}
