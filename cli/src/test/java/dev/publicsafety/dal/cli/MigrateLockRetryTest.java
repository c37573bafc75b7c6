package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.NeedsServerTimers;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dal migrate} behind a session that holds a lock the next migration needs (fleet V9 indexes
 * fleet.assets): it gives up after --lock-timeout, logs one line naming the holder, waits and tries
 * again a bounded number of times; it applies once the holder is gone, or fails with nothing applied.
 */
@IsolatedDatabase(migrated = false)
class MigrateLockRetryTest {

    @BeforeEach
    void migrateToTheVersionBeforeV9(TestDatabase db) {
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        runner.migrateTo(Domain.FLEET, "8");
        runner.undoTo(Domain.FLEET, "8"); // the class's database: another test may have migrated it further
    }

    @Test
    @NeedsServerTimers
    void shouldRetryAfterALockTimeoutNamingTheHolderAndApplyOnceItIsGone(TestDatabase db) throws Exception {
        ExecutorService releaser = Executors.newSingleThreadExecutor();
        try (Connection holder = db.dataSource().getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE fleet.assets IN ROW EXCLUSIVE MODE");
            int pid = pid(statement);
            // Released once the migration waits a second time, i.e. after its first timeout was reported:
            // a fixed delay raced the report on a loaded machine and let the holder go before it was named.
            releaser.submit(() -> {
                releaseOnSecondWait(db, holder, pid);
                return null;
            });

            Dal.Result migrate = Dal.run("migrate", "--domain", "fleet", "--lock-timeout", "1", "--lock-retries", "4", "--url", Dal.url(db));

            assertEquals(0, migrate.exit(), migrate::toString);
            assertTrue(migrate.err().contains("fleet: lock timeout after 1 s, held by pid " + pid + " (user "), migrate::toString);
            assertTrue(migrate.err().contains("; retry 1 of 4 in 1 s"), migrate::toString);
            assertTrue(migrate.out().contains("now at version " + MigrationFiles.head(Domain.FLEET)), migrate::toString);
        } finally {
            releaser.shutdownNow();
        }
    }

    @Test
    @NeedsServerTimers
    void shouldGiveUpAfterTheLastRetryWithNothingApplied(TestDatabase db) throws Exception {
        try (Connection holder = db.dataSource().getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE fleet.assets IN ROW EXCLUSIVE MODE");

            Dal.Result migrate = Dal.run("migrate", "--domain", "fleet", "--lock-timeout", "1", "--lock-retries", "1", "--url", Dal.url(db));

            assertEquals(1, migrate.exit(), migrate::toString);
            assertEquals(1, migrate.err().lines().filter(line -> line.contains("lock timeout after 1 s")).count(), migrate::toString);
            assertTrue(migrate.err().contains("gave up waiting 1 s for a lock on [fleet], held by pid " + pid(statement)), migrate::toString);
            holder.rollback();
            assertEquals("8", new MigrationRunner(db.dataSource()).currentVersion(Domain.FLEET).orElseThrow());
        }
    }

    /** Rolls {@code holder} back once a second wait behind it has begun (at most 60 s on). */
    private static void releaseOnSecondWait(TestDatabase db, Connection holder, int pid) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int waits = 0;
        boolean waiting = false;
        try (Connection watcher = db.dataSource().getConnection(); Statement look = watcher.createStatement()) {
            while (waits < 2 && System.nanoTime() < deadline) {
                boolean now = blocked(look, pid);
                if (now && !waiting) {
                    waits++;
                }
                waiting = now;
                Thread.sleep(20);
            }
        } finally {
            holder.rollback();
        }
    }

    private static boolean blocked(Statement look, int holderPid) throws SQLException {
        try (ResultSet rs = look.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE " + holderPid + " = ANY (pg_blocking_pids(pid))")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private static int pid(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
