package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.WaitTimeoutException;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetOptions;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.NeedsServerTimers;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.TrainingOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every unit of work is bounded: the application role may take an ACCESS EXCLUSIVE lock on a fleet
 * table (PostgreSQL allows LOCK TABLE to any role with UPDATE on it), and another organization's
 * unit then waits at most its lock timeout, ending in one line that names the wait.
 */
@IsolatedDatabase
@NeedsServerTimers
class BoundedUnitsOfWorkTest {

    private static final Actor ACTOR = Actor.service("bounds-probe");
    private static final Duration BOUND = Duration.ofSeconds(1);
    /** Scheduling, the connection and the error's way back: the wait itself is the bound. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID holder;
    private static UUID waiter;

    @BeforeAll
    static void twoOrganizations(TestDatabase db) {
        app = ApplicationRole.create(db, 2);
        fleet = new FleetDatabase(app.dataSource(), FleetOptions.defaults().withLockTimeout(BOUND));
        holder = fleet.createOrganization(ACTOR, NewOrganization.of("Holding agency", "holding-agency")).id();
        waiter = fleet.createOrganization(ACTOR, NewOrganization.of("Waiting agency", "waiting-agency")).id();
        fleet.execute(waiter, ACTOR, tx -> tx.incidents().open(NewIncident.of("W-1", "Waiter's", "fire", 2)));
    }

    @AfterAll
    static void tearDown() throws Exception {
        app.close();
    }

    @Test
    void shouldStateTheDefaultBounds() {
        assertEquals(Duration.ofSeconds(2), FleetOptions.defaults().lockTimeout());
        assertEquals(Duration.ofSeconds(30), FleetOptions.defaults().statementTimeout());
        assertEquals(Duration.ofSeconds(2), TrainingOptions.defaults().lockTimeout());
        assertEquals(Duration.ofSeconds(30), TrainingOptions.defaults().statementTimeout());
    }

    @Test
    void shouldDelayAnotherOrganizationByAtMostTheLockTimeoutWhileOneHoldsAnExclusiveTableLock() throws SQLException {
        try (Connection locking = app.dataSource().getConnection(); Statement statement = locking.createStatement()) {
            locking.setAutoCommit(false);
            statement.execute("SELECT fleet.set_org_id('" + holder + "')");
            statement.execute("LOCK TABLE fleet.incidents IN ACCESS EXCLUSIVE MODE");
            WaitTimeoutException waited = assertBounded(() -> fleet.inTransaction(waiter, ACTOR,
                    tx -> tx.incidents().openByPriority(PageRequest.first(10))));
            assertEquals("gave up waiting 1 s for a lock another transaction holds (lock_timeout, FleetOptions.lockTimeout);"
                    + " nothing was written", waited.getMessage());
            locking.rollback();
        }
        assertEquals(1, fleet.inTransaction(waiter, ACTOR, tx -> tx.incidents().openByPriority(PageRequest.first(10))).items().size(),
                "the lock gone, the same unit of work runs");
    }

    @Test
    void shouldEndAStatementLongerThanTheStatementTimeoutInOneLine() {
        FleetDatabase impatient = new FleetDatabase(app.dataSource(), FleetOptions.defaults().withStatementTimeout(Duration.ofMillis(300)));
        WaitTimeoutException waited = assertThrows(WaitTimeoutException.class,
                () -> impatient.execute(waiter, ACTOR, tx -> tx.dsl().execute("select pg_sleep(5)")));
        assertEquals("a statement ran longer than 300 ms (statement_timeout, FleetOptions.statementTimeout); nothing was written",
                waited.getMessage());
    }

    @Test
    void shouldBoundATrainingUnitOfWorkToo(TestDatabase db) throws SQLException {
        TrainingDatabase training = new TrainingDatabase(db.dataSource(), TrainingOptions.defaults().withLockTimeout(BOUND));
        assertEquals(BOUND, training.options().lockTimeout(), "the options it runs with, as FleetDatabase.options() says its own");
        try (Connection locking = db.dataSource().getConnection(); Statement statement = locking.createStatement()) {
            locking.setAutoCommit(false);
            statement.execute("LOCK TABLE training.call_sessions IN ACCESS EXCLUSIVE MODE");
            WaitTimeoutException waited = assertBounded(() -> training.inTransaction(tx -> tx.sessions().findById(UUID.randomUUID())));
            assertTrue(waited.getMessage().startsWith("gave up waiting 1 s for a lock another transaction holds (lock_timeout,"
                    + " TrainingOptions.lockTimeout)"), waited.getMessage());
            locking.rollback();
        }
    }

    private static WaitTimeoutException assertBounded(Supplier<?> unit) {
        long started = System.nanoTime();
        WaitTimeoutException waited = assertThrows(WaitTimeoutException.class, unit::get);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(BOUND.minusMillis(100)) >= 0, "gave up before the bound: " + took);
        assertTrue(took.compareTo(BOUND.plus(SLACK)) <= 0, "waited " + took + " for a bound of " + BOUND);
        assertEquals(1, waited.getMessage().lines().count(), waited.getMessage());
        return waited;
    }
}
