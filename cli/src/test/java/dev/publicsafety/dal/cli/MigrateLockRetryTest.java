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
import java.util.concurrent.ScheduledExecutorService;
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
        ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor();
        try (Connection holder = db.dataSource().getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE fleet.assets IN ROW EXCLUSIVE MODE");
            int pid = pid(statement);
            releaser.schedule(() -> {
                holder.rollback();
                return null;
            }, 3, TimeUnit.SECONDS);

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

    private static int pid(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
