package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./dal} launcher at the repository root, running the executable jar the build just
 * made, as a user types it: help, a database command and the demo, quiet unless asked (no SLF4J
 * warning, no library INFO lines), and the jar's size within what the README states.
 */
@IsolatedDatabase(migrated = false)
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "dal").toAbsolutePath().normalize();

    record Run(int exit, String out, String err) {
    }

    @Test
    void shouldPrintHelpThroughTheLauncher() throws Exception {
        Run help = dal("--help");
        assertEquals(0, help.exit(), help::toString);
        assertTrue(help.out().startsWith("Usage: dal"), help::toString);
        assertEquals("", help.err(), "nothing on standard error");

        Run migrateHelp = dal("migrate", "-h");
        assertEquals(0, migrateHelp.exit(), migrateHelp::toString);
        assertTrue(migrateHelp.out().contains("Examples:"), migrateHelp::toString);
    }

    @Test
    void shouldMigrateAndRunTheDemoQuietly(TestDatabase db) throws Exception {
        String url = "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
        Run migrate = dal("migrate", "--url", url);
        assertEquals(0, migrate.exit(), migrate::toString);
        assertEquals("", migrate.err(), "no log lines from the libraries: " + migrate);

        Run demo = dal("demo", "--scale", "0.02", "--url", url);
        assertEquals(0, demo.exit(), demo::toString);
        assertTrue(demo.out().contains("== Connect to the data =="), demo::toString);
        assertFalse(demo.err().contains("SLF4J") || demo.err().contains(" INFO ") || demo.err().contains("WARNING"),
                "only the demo's own progress notes: " + demo.err());
    }

    /**
     * The demo on its own embedded server, output redirected: no line from the embedded server,
     * Flyway or SLF4J, no progress frames, the tour numbered 1 to 9 (issue #29).
     */
    @Test
    void shouldRunTheDemoOnItsEmbeddedServerQuietly() throws Exception {
        Run demo = dal("demo", "--scale", "0.02");
        assertEquals(0, demo.exit(), demo::toString);
        assertTrue(demo.err().startsWith("demo: starting an embedded PostgreSQL (no --url)"), demo::toString);
        assertTrue(demo.err().lines().allMatch(line -> line.startsWith("demo: ") || line.startsWith("  ")),
                "only the demo's own progress notes: " + demo.err());
        assertFalse(demo.err().contains("\r") || demo.err().contains(" INFO ") || demo.err().contains("WARNING"), demo::toString);
        List<String> sections = demo.out().lines().filter(line -> line.matches("\\d+\\. .*")).map(line -> line.split("\\.")[0]).toList();
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), sections, demo::toString);
    }

    /** $DATABASE_URL, read only by a real process: an unreadable password is not printed, with --verbose's logs and trace either. */
    @Test
    void shouldNeverPrintAPasswordFromDatabaseUrl() throws Exception {
        for (String url : List.of("postgresql://u:se/cretPW1x@host/db", "postgresql://u:p@ssPW2word@host/db")) {
            Run info = dal(Map.of("DATABASE_URL", url), "info", "--verbose");
            assertEquals(2, info.exit(), info::toString);
            assertTrue(info.err().startsWith("dal info: database URL 'postgresql://***@host/db' has a user name or password holding"
                    + " an unencoded '/' or '@'; percent-encode"), info::toString);
            assertFalse(info.err().contains("PW") || info.err().contains("cret") || info.err().contains("ssPW"), info::toString);
        }
    }

    @Test
    void shouldCarryOnlyTheBuildPlatformsPostgreSql() throws IOException {
        long megabytes = Files.size(Path.of("target", "dal.jar")) / (1024 * 1024);
        assertTrue(megabytes < 40, "dal.jar is " + megabytes + " MB");
    }

    private static Run dal(String... args) throws IOException, InterruptedException {
        return dal(Map.of(), args);
    }

    private static Run dal(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("dal-out", ".txt");
        Path err = Files.createTempFile("dal-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("./dal " + String.join(" ", args) + " did not finish within 120 s");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
