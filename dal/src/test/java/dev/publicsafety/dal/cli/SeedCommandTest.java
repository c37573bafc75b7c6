package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.seed.SeedSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code dal migrate && dal seed} on a fresh database, as the README promises. */
@IsolatedDatabase(migrated = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedCommandTest {

    private static String url(TestDatabase db) {
        return "postgresql://postgres@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
    }

    @Test
    @Order(1)
    void shouldAskForMigrateFirst(TestDatabase db) {
        Dal.Result seed = Dal.run("seed", "--url", url(db));
        assertEquals(1, seed.exit(), seed::toString);
        assertTrue(seed.err().contains("seeding needs version 2: run 'dal migrate' first"), seed::toString);
    }

    @Test
    @Order(2)
    void shouldSeedFiveActiveScenariosAfterMigrate(TestDatabase db) throws SQLException {
        assertEquals(0, Dal.run("migrate", "--url", url(db)).exit());
        Dal.Result seed = Dal.run("seed", "--url", url(db));
        assertEquals(0, seed.exit(), seed::toString);
        assertTrue(seed.out().contains("training scenarios: inserted 5, updated 0, unchanged 0, deactivated 0"), seed::toString);
        assertEquals(5, activeScenarios(db));
    }

    @Test
    @Order(3)
    void shouldReportNoChangesTheSecondTime(TestDatabase db) {
        Dal.Result seed = Dal.run("seed", "--url", url(db));
        assertEquals(0, seed.exit(), seed::toString);
        assertTrue(seed.out().contains("inserted 0, updated 0, unchanged 5, deactivated 0"), seed::toString);
    }

    @Test
    @Order(4)
    void shouldRejectABrokenFileInOneLineAndWriteNothing(TestDatabase db, @TempDir Path dir) throws IOException, SQLException {
        for (SeedSource.SourceFile file : SeedSource.bundled()) {
            String content = file.name().equals("heart-attack.json")
                    ? file.content().replace("\"difficulty\": \"hard\"", "\"difficulty\": \"brutal\"")
                    : file.content().replace("\"active\": true", "\"active\": false");
            Files.writeString(dir.resolve(file.name()), content);
        }
        Dal.Result seed = Dal.run("seed", "--dir", dir.toString(), "--url", url(db));
        assertEquals(1, seed.exit(), seed::toString);
        assertEquals(1, seed.err().lines().count(), seed::toString);
        String line = seed.err().strip();
        assertTrue(line.matches("dal seed: heart-attack\\.json:\\d+:\\d+: \\$\\.difficulty: does not have a value in the enumeration.*"
                + "\\(nothing was written\\)"), line);
        assertEquals(5, activeScenarios(db), "the valid files (which deactivate) were not applied either");
    }

    @Test
    @Order(5)
    void shouldPruneAndDryRunFromADirectory(TestDatabase db, @TempDir Path dir) throws IOException, SQLException {
        for (SeedSource.SourceFile file : SeedSource.bundled()) {
            if (!file.name().equals("active-shooter.json")) {
                Files.writeString(dir.resolve(file.name()), file.content());
            }
        }
        Dal.Result dryRun = Dal.run("seed", "--dir", dir.toString(), "--prune", "--dry-run", "--url", url(db));
        assertEquals(0, dryRun.exit(), dryRun::toString);
        assertTrue(dryRun.out().contains("dry run, nothing written: would have inserted 0, updated 0, unchanged 4, deactivated 1"),
                dryRun::toString);
        assertEquals(5, activeScenarios(db));

        Dal.Result prune = Dal.run("seed", "--dir", dir.toString(), "--prune", "--url", url(db));
        assertTrue(prune.out().contains("deactivated active-shooter"), prune::toString);
        assertEquals(4, activeScenarios(db));
    }

    private static long activeScenarios(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM training.training_scenarios WHERE is_active")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
