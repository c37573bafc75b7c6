package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.internal.Transactions;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transaction API: one organization per transaction, commit, rollback, bounded retries. */
@IsolatedDatabase
class FleetDatabaseTest {

    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID org;

    @BeforeAll
    static void setUp(Tenant tenant) {
        app = tenant.role();
        fleet = tenant.fleet();
        org = tenant.id();
    }

    @Test
    void shouldSetTheOrganizationForRowLevelSecurityOnlyInsideTheTransaction() {
        UUID inside = fleet.inTransaction(org, FleetTestSupport.SETUP,
                tx -> tx.dsl().select(DSL.function(DSL.name("fleet", "current_org_id"), UUID.class)).fetchSingle().value1());
        assertEquals(org, inside);
    }

    @Test
    void shouldCommitTheWorkAndReturnItsResult(TestDatabase db) throws SQLException {
        Incident opened = FleetTestSupport.incident(fleet, org, "TX-1", 2);
        assertEquals(1, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.incidents WHERE id = ?", opened.id()));
    }

    @Test
    void shouldRollBackEverythingWhenTheWorkThrows(TestDatabase db) throws SQLException {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> fleet.execute(org, FleetTestSupport.SETUP, tx -> {
            tx.incidents().open(NewIncident.of("TX-ROLLBACK", "Rolled back", "fire", 3));
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", failure.getMessage());
        assertEquals(0, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.incidents WHERE incident_number = 'TX-ROLLBACK'"));
        assertEquals(0, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.audit_logs WHERE after_state->>'incident_number' = 'TX-ROLLBACK'"));
    }

    @Test
    void shouldRetryASerializationFailureAndSucceed(TestDatabase db) {
        FleetDatabase serializable = new FleetDatabase(app.dataSource(),
                FleetOptions.defaults().withIsolation(FleetOptions.Isolation.SERIALIZABLE));
        Incident incident = FleetTestSupport.incident(fleet, org, "TX-RETRY", 3);
        AtomicInteger attempts = new AtomicInteger();
        Incident result = serializable.inTransaction(org, FleetTestSupport.SETUP, tx -> {
            Incident current = tx.incidents().get(incident.id());
            if (attempts.incrementAndGet() == 1) {
                // Someone else changes the row after this transaction took its snapshot.
                changeTitleAsOwner(db, incident.id(), "changed concurrently");
            }
            return tx.incidents().setPriority(current.id(), current.version(), 1);
        });
        assertEquals(2, attempts.get(), "the first attempt hits a serialization failure, the second succeeds");
        assertEquals(1, result.priority());
        assertEquals("changed concurrently", result.title());
    }

    @Test
    void shouldGiveUpAfterTheConfiguredAttempts(TestDatabase db) {
        FleetDatabase serializable = new FleetDatabase(app.dataSource(),
                FleetOptions.defaults().withIsolation(FleetOptions.Isolation.SERIALIZABLE).withMaxAttempts(2));
        Incident incident = FleetTestSupport.incident(fleet, org, "TX-GIVE-UP", 3);
        AtomicInteger attempts = new AtomicInteger();
        DataAccessException failure = assertThrows(DataAccessException.class, () -> serializable.inTransaction(org, FleetTestSupport.SETUP, tx -> {
            Incident current = tx.incidents().get(incident.id());
            changeTitleAsOwner(db, incident.id(), "changed again " + attempts.incrementAndGet());
            return tx.incidents().setPriority(current.id(), current.version(), 1);
        }));
        assertEquals(2, attempts.get());
        assertEquals("40001", failure.sqlState());
    }

    @Test
    void shouldNotRetryOtherFailures() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(InvalidInputException.class, () -> fleet.execute(org, FleetTestSupport.SETUP, tx -> {
            attempts.incrementAndGet();
            tx.incidents().open(NewIncident.of("TX-BAD", "Bad", "fire", 9));
        }));
        assertEquals(1, attempts.get());
    }

    @Test
    void shouldRefuseRepositoriesUsedAfterTheirTransaction() {
        AtomicReference<FleetTransaction> leaked = new AtomicReference<>();
        fleet.execute(org, FleetTestSupport.SETUP, leaked::set);
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> leaked.get().incidents().openByPriority(PageRequest.first(10)));
        assertTrue(failure.getMessage().contains("transaction has ended"), failure.getMessage());
    }

    @Test
    void shouldRequireAnOrganizationAndAnActor() {
        assertThrows(NullPointerException.class, () -> fleet.execute(null, FleetTestSupport.SETUP, tx -> { }));
        assertThrows(NullPointerException.class, () -> fleet.execute(org, null, tx -> { }));
        assertThrows(InvalidInputException.class, () -> Actor.service(" "));
    }

    @Test
    void shouldRecogniseSerializationFailuresAndDeadlocksWhereverWrapped() {
        assertTrue(Transactions.isRetryable(new DataAccessException("x", new SQLException("serialization", "40001"))));
        assertTrue(Transactions.isRetryable(new RuntimeException(new SQLException("deadlock", "40P01"))));
        assertFalse(Transactions.isRetryable(new DataAccessException("x", new SQLException("unique", "23505"))));
    }

    @Test
    void shouldSeeOnlyCommittedWorkOfOtherTransactions() {
        UUID id = FleetTestSupport.incident(fleet, org, "TX-VISIBLE", 4).id();
        int rows = fleet.inTransaction(org, FleetTestSupport.SETUP,
                tx -> tx.dsl().fetchCount(INCIDENTS, INCIDENTS.ID.eq(id)));
        assertEquals(1, rows);
    }

    private static void changeTitleAsOwner(TestDatabase db, UUID incidentId, String title) {
        try (Connection owner = db.dataSource().getConnection();
             PreparedStatement update = owner.prepareStatement(
                     "UPDATE fleet.incidents SET title = ?, version = version + 1 WHERE id = ?")) {
            update.setString(1, title);
            update.setObject(2, incidentId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
