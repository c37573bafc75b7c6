package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.task.Task;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Concurrent dispatchers never overwrite each other silently: exactly one update of a version wins. */
@IsolatedDatabase
class OptimisticLockingTest {

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
    void shouldLetExactlyOneOfTwoOverlappingUpdatesWin(TestDatabase db) throws Exception {
        Incident incident = FleetTestSupport.incident(fleet, org, "LOCK-1", 3);
        CountDownLatch firstUpdated = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // Dispatcher 1 changes the priority and keeps its transaction open.
            Future<Incident> first = threads.submit(() -> fleet.inTransaction(org, Actor.service("dispatcher-1"), tx -> {
                Incident updated = tx.incidents().setPriority(incident.id(), incident.version(), 1);
                firstUpdated.countDown();
                await(releaseFirst);
                return updated;
            }));
            // Dispatcher 2, working from the same version, dispatches it: its UPDATE waits for dispatcher 1's row lock.
            await(firstUpdated);
            Future<Incident> second = threads.submit(() -> fleet.inTransaction(org, Actor.service("dispatcher-2"),
                    tx -> tx.incidents().dispatch(incident.id(), incident.version())));
            awaitBlockedOnALock(db);
            releaseFirst.countDown();

            Incident winner = first.get(20, TimeUnit.SECONDS);
            java.util.concurrent.ExecutionException failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> second.get(20, TimeUnit.SECONDS));
            ConcurrentUpdateException conflict = assertInstanceOf(ConcurrentUpdateException.class, failure.getCause());
            assertEquals(incident.id(), conflict.entityId());
            assertEquals(1, conflict.expectedVersion());
            assertEquals(2, conflict.actualVersion());
            assertEquals(2, winner.version());
        } finally {
            releaseFirst.countDown();
            threads.shutdownNow();
        }
        Incident stored = fleet.inTransaction(org, FleetTestSupport.SETUP, tx -> tx.incidents().get(incident.id()));
        assertEquals(2, stored.version());
        assertEquals(1, stored.priority());
        assertEquals(IncidentStatus.NEW, stored.status(), "the losing dispatch must not have been applied");
    }

    /** Waits until a session of the application role waits for a lock (dispatcher 2 on dispatcher 1's row). */
    private static void awaitBlockedOnALock(TestDatabase db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (FleetTestSupport.ownerCount(db, "SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND datname = ?"
                    + " AND wait_event_type = 'Lock'", app.name(), db.name()) > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("dispatcher 2 never waited for dispatcher 1's row lock");
    }

    @Test
    void shouldLetExactlyOneOfManyRacingUpdatesWin() throws Exception {
        Incident incident = FleetTestSupport.incident(fleet, org, "LOCK-2", 5);
        int racers = 6;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        List<Future<Incident>> results = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                int priority = 1 + i % 5;
                results.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return fleet.inTransaction(org, Actor.service("racer"),
                            tx -> tx.incidents().setPriority(incident.id(), incident.version(), priority));
                }));
            }
            int wins = 0;
            int conflicts = 0;
            for (Future<Incident> result : results) {
                try {
                    result.get(20, TimeUnit.SECONDS);
                    wins++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertInstanceOf(ConcurrentUpdateException.class, e.getCause());
                    conflicts++;
                }
            }
            assertEquals(1, wins);
            assertEquals(racers - 1, conflicts);
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2, fleet.inTransaction(org, FleetTestSupport.SETUP, tx -> tx.incidents().get(incident.id())).version());
    }

    @Test
    void shouldExplainAStaleVersionAndWriteNothing(TestDatabase db) throws SQLException {
        Incident incident = FleetTestSupport.incident(fleet, org, "LOCK-3", 3);
        fleet.execute(org, FleetTestSupport.SETUP, tx -> tx.incidents().setPriority(incident.id(), incident.version(), 2));
        long audit = FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.audit_logs WHERE entity_id = ?", incident.id());
        ConcurrentUpdateException stale = assertThrows(ConcurrentUpdateException.class, () -> fleet.execute(org,
                FleetTestSupport.SETUP, tx -> tx.incidents().setPriority(incident.id(), incident.version(), 1)));
        assertEquals("incidents " + incident.id() + " was changed concurrently: expected version 1, but it is now at version 2;"
                + " nothing was written. Reload it and retry with the current version.", stale.getMessage());
        assertEquals(2, stale.actualVersion());
        assertEquals(audit, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.audit_logs WHERE entity_id = ?", incident.id()));
        assertEquals(2, fleet.inTransaction(org, FleetTestSupport.SETUP, tx -> tx.incidents().get(incident.id())).priority());
    }

    @Test
    void shouldApplyARetryWithTheReloadedVersion() {
        Incident incident = FleetTestSupport.incident(fleet, org, "LOCK-4", 3);
        fleet.execute(org, FleetTestSupport.SETUP, tx -> tx.incidents().tag(incident.id(), incident.version(), "hazmat"));
        assertThrows(ConcurrentUpdateException.class, () -> fleet.execute(org, FleetTestSupport.SETUP,
                tx -> tx.incidents().dispatch(incident.id(), incident.version())));
        Incident dispatched = fleet.inTransaction(org, FleetTestSupport.SETUP, tx -> {
            Incident reloaded = tx.incidents().get(incident.id());
            return tx.incidents().dispatch(reloaded.id(), reloaded.version());
        });
        assertEquals(IncidentStatus.DISPATCHED, dispatched.status());
        assertEquals(List.of("hazmat"), dispatched.tags());
        assertEquals(3, dispatched.version());
    }

    @Test
    void shouldLockTasksOptimisticallyToo() {
        Incident incident = FleetTestSupport.incident(fleet, org, "LOCK-5", 3);
        User worker = FleetTestSupport.user(fleet, org, "worker-5", "responder");
        Task task = fleet.inTransaction(org, FleetTestSupport.SETUP, tx -> tx.tasks().create(incident.id(), NewTask.of("Hydrant check", 2, null)));
        fleet.execute(org, FleetTestSupport.SETUP, tx -> tx.tasks().assign(task.id(), task.version(), worker.id()));
        ConcurrentUpdateException stale = assertThrows(ConcurrentUpdateException.class, () -> fleet.execute(org,
                FleetTestSupport.SETUP, tx -> tx.tasks().cancel(task.id(), task.version())));
        assertTrue(stale.getMessage().startsWith("tasks " + task.id()), stale.getMessage());
    }

    @Test
    void shouldMakeASoftDeleteConflictWithAnEditorHoldingTheOldVersion() {
        Incident incident = FleetTestSupport.incident(fleet, org, "LOCK-6", 3);
        fleet.execute(org, FleetTestSupport.SETUP, tx -> tx.incidents().softDelete(incident.id()));
        fleet.execute(org, FleetTestSupport.SETUP, tx -> tx.incidents().restore(incident.id()));
        assertThrows(ConcurrentUpdateException.class, () -> fleet.execute(org, FleetTestSupport.SETUP,
                tx -> tx.incidents().dispatch(incident.id(), incident.version())));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out waiting for the other dispatcher");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
