package dev.publicsafety.dal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@IsolatedDatabase(migrated = false)
class ConcurrentMigrationTest {

    @Test
    void shouldApplyEachMigrationOnceWhenMigratorsRace(TestDatabase db) throws Exception {
        int migrators = 4;
        ExecutorService pool = Executors.newFixedThreadPool(migrators);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < migrators; i++) {
            results.add(pool.submit(() -> {
                start.await();
                MigrationRunner runner = new MigrationRunner(db.dataSource());
                return runner.migrate(Domain.FLEET) + runner.migrate(Domain.TRAINING);
            }));
        }
        start.countDown();
        int applied = 0;
        for (Future<Integer> result : results) {
            applied += result.get();
        }
        pool.shutdown();

        int expected = 0;
        for (Domain domain : Domain.values()) {
            expected += new MigrationRunner(db.dataSource()).info(domain).stream().filter(AppliedMigration::isSqlMigration).count();
        }
        assertEquals(expected, applied, "every migration applied exactly once across all migrators");
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (Domain domain : Domain.values()) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) - count(DISTINCT version) FROM "
                        + domain.schema() + ".flyway_schema_history WHERE version IS NOT NULL")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), domain + " history has duplicate versions");
                }
            }
        }
    }
}
