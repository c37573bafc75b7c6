package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.NeedsServerTimers;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.seed.SeedSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code dal migrate && dal seed} on a fresh database, and what {@code dal seed} refuses, as the README promises. */
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
    @Order(4)
    void shouldNameAFileThatIsNotJsonWithoutQuotingIt(TestDatabase db, @TempDir Path dir) throws IOException, SQLException {
        Path secret = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Path scenarios = Files.createDirectory(dir.resolve("scenarios"));
        Files.createSymbolicLink(scenarios.resolve("x.json"), secret);
        Dal.Result seed = Dal.run("seed", "--dir", scenarios.toString(), "--url", url(db));
        assertEquals(1, seed.exit(), seed::toString);
        assertEquals(1, seed.err().lines().count(), seed::toString);
        assertTrue(seed.err().matches("(?s)dal seed: x\\.json:1:\\d+: \\$: not valid JSON here.*"), seed::toString);
        for (String fragment : List.of("root", "bin", "bash")) {
            assertFalse(seed.err().contains(fragment), "quotes the file: " + seed);
        }
        assertEquals(5, activeScenarios(db), "nothing written");
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

    @Test
    @Order(6)
    void shouldSeedBundledAndOwnFoldersInOneRunSoPruneKeepsTheBundledOnes(TestDatabase db, @TempDir Path dir) throws IOException, SQLException {
        Files.writeString(dir.resolve("night-shift.json"), bundled("car-accident.json")
                .replace("\"key\": \"car-accident\"", "\"key\": \"night-shift\"").replace("Car Accident", "Night Shift"));
        Dal.Result both = Dal.run("seed", "--bundled", "--dir", dir.toString(), "--prune", "--url", url(db));
        assertEquals(0, both.exit(), both::toString);
        assertTrue(both.out().contains("training scenarios: inserted 1, updated 1, unchanged 4, deactivated 0"), both::toString);
        assertEquals(6, activeScenarios(db), "the five bundled ones (active-shooter active again) and night-shift");

        Dal.Result ownOnly = Dal.run("seed", "--dir", dir.toString(), "--prune", "--dry-run", "--url", url(db));
        assertTrue(ownOnly.out().contains("would have inserted 0, updated 0, unchanged 1, deactivated 5"), ownOnly::toString);
    }

    @Test
    @Order(7)
    void shouldRefuseToPruneAnEmptyFolderInOneLine(TestDatabase db, @TempDir Path dir) throws SQLException {
        Dal.Result prune = Dal.run("seed", "--dir", dir.toString(), "--prune", "--url", url(db));
        assertEquals(1, prune.exit(), prune::toString);
        assertEquals("dal seed: nothing to seed: no scenario files, and pruning would deactivate every seeded scenario; refusing"
                + " (nothing was written)", prune.err().strip());
        assertEquals(6, activeScenarios(db));
    }

    @Test
    @Order(8)
    void shouldNotOfferADomainOption(TestDatabase db) {
        Dal.Result seed = Dal.run("seed", "--domain", "fleet", "--url", url(db));
        assertEquals(2, seed.exit(), seed::toString);
        assertTrue(seed.err().startsWith("dal seed: Unknown options: '--domain', 'fleet'"), seed::toString);
        assertFalse(Dal.run("help", "seed").out().contains("--domain"));
    }

    @Test
    @Order(9)
    void shouldPrintExactlyTheErrorExampleOfTheReadme(TestDatabase db, @TempDir Path dir) throws IOException, SQLException {
        List<String> blocks = Arrays.stream(Files.readString(Path.of("..", "README.md")).split("```"))
                .filter(block -> block.contains("dal seed: ") && block.contains("errors; nothing was written")).toList();
        assertEquals(1, blocks.size(), "one error example of dal seed in README.md");
        for (SeedSource.SourceFile file : SeedSource.bundled()) {
            Files.writeString(dir.resolve(file.name()), file.content());
        }
        Files.writeString(dir.resolve("heart-attack.json"), bundled("heart-attack.json")
                .replace("\"difficulty\": \"hard\"", "\"difficulty\": \"brutal\"").replace("\"step\": 3,", "\"step\": 4,"));
        Files.writeString(dir.resolve("car-accident.json"), bundled("car-accident.json")
                .replace("\"key\": \"car-accident\"", "\"key\": \"car-crash\""));

        Dal.Result seed = Dal.run("seed", "--dir", dir.toString(), "--url", url(db));
        assertEquals(1, seed.exit(), seed::toString);
        assertEquals(blocks.get(0).strip(), seed.err().strip());
        assertEquals(6, activeScenarios(db));
    }

    @Test
    @Order(10)
    void shouldKeepEveryErrorOnOneLineAndNeverHangOnAPipe(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("two\nlines.json"), bundled("car-accident.json"));
        assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("pipe.json").toString()).start().waitFor(), "mkfifo");
        Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
        Dal.Result seed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Dal.run("seed", "--dir", dir.toString(), "--url", url(db)));
        assertEquals(1, seed.exit(), seed::toString);
        assertEquals(List.of(
                "dal seed: pipe.json:1:1: $: not a regular file (a device, named pipe or socket); only regular files are read",
                "dal seed: two\\nlines.json:3:10: $.key: is 'car-accident' but must equal the file name without .json: 'two\\nlines'",
                "dal seed: zero.json:1:1: $: not a regular file (a device, named pipe or socket); only regular files are read",
                "dal seed: 3 errors; nothing was written"), seed.err().lines().toList());
    }

    @Test
    @Order(11)
    void shouldApplyTheMaxFileSizeOption(TestDatabase db, @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("car-accident.json"), bundled("car-accident.json"));
        Dal.Result small = Dal.run("seed", "--dir", dir.toString(), "--max-file-size", "1K", "--url", url(db));
        assertEquals(1, small.exit(), small::toString);
        assertTrue(small.err().matches("dal seed: car-accident\\.json:1:1: \\$: the file is \\d+ bytes, over the limit of 1024 bytes per seed"
                + " file \\(dal seed --max-file-size raises it\\) \\(nothing was written\\)\\R"), small::toString);
        Dal.Result zero = Dal.run("seed", "--dir", dir.toString(), "--max-file-size", "0", "--url", url(db));
        assertEquals(2, zero.exit(), zero::toString);
        assertTrue(zero.err().contains("'0' is not a size above 0"), zero::toString);
    }

    @Test
    @NeedsServerTimers
    @Order(12)
    void shouldGiveUpOnAHeldSeedingLockInOneLine(TestDatabase db) throws SQLException {
        Dal.Result negative = Dal.run("seed", "--lock-wait", "-1", "--url", url(db));
        assertEquals(2, negative.exit(), negative::toString);
        assertTrue(negative.err().startsWith("dal seed: --lock-wait must be 0 or more seconds, was -1"), negative::toString);
        try (Connection holder = db.dataSource().getConnection(); Statement statement = holder.createStatement()) {
            statement.execute("SET application_name = 'nightly-import'");
            statement.execute("SELECT pg_advisory_lock(" + 0x5CE1A210L + ")");
            Dal.Result seed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Dal.run("seed", "--lock-wait", "1", "--url", url(db)));
            assertEquals(1, seed.exit(), seed::toString);
            assertEquals(1, seed.err().strip().lines().count(), seed::toString);
            assertTrue(seed.err().startsWith("dal seed: another session holds the seeding lock (pid "), seed::toString);
            assertTrue(seed.err().contains("application_name 'nightly-import'"), seed::toString);
        }
    }

    private static String bundled(String name) {
        return SeedSource.bundled().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().content();
    }

    /** The seeder's own message for a held row reaches the user: it names the table and the seeder's wait. */
    @Test
    @NeedsServerTimers
    @Order(13)
    void shouldNameTheHeldScenarioRowThroughTheCommand(TestDatabase db) throws SQLException {
        try (Connection holder = db.dataSource().getConnection(); Statement statement = holder.createStatement()) {
            statement.execute("UPDATE training.training_scenarios SET name = 'renamed by hand' WHERE scenario_key = 'car-accident'");
            holder.setAutoCommit(false);
            statement.execute("UPDATE training.training_scenarios SET description = description WHERE scenario_key = 'car-accident'");
            Dal.Result seed = Dal.run("seed", "--lock-wait", "1", "--url", url(db));
            holder.rollback();
            assertEquals(1, seed.exit(), seed::toString);
            assertTrue(seed.err().contains("another transaction holds locks on training_scenarios (pid "), seed::toString);
            assertTrue(seed.err().contains("gave up after 1.0 s, nothing was written"), seed::toString);
        }
        assertEquals(0, Dal.run("seed", "--url", url(db)).exit());
    }

    private static long activeScenarios(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM training.training_scenarios WHERE is_active")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
