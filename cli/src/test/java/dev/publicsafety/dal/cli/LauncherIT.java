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

    @Test
    void shouldCarryOnlyTheBuildPlatformsPostgreSql() throws IOException {
        long megabytes = Files.size(Path.of("target", "dal.jar")) / (1024 * 1024);
        assertTrue(megabytes < 40, "dal.jar is " + megabytes + " MB");
    }

    private static Run dal(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("dal-out", ".txt");
        Path err = Files.createTempFile("dal-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
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
