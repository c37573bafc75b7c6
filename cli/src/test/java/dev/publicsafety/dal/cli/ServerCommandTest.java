package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.connect.DatabaseUrl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dal server} serves a persistent database that survives a restart, and other commands find it. */
class ServerCommandTest {

    @Test
    void shouldServeAPersistentDatabaseThatSurvivesARestart(@TempDir Path dataDir) throws Exception {
        String url = startServerAndMigrate(dataDir, true);
        assertTrue(url.startsWith("postgresql://postgres@localhost:"), url);
        // Second life of the same data directory: the migrated schema is still there.
        startServerAndMigrate(dataDir, false);
    }

    @Test
    void shouldUseThePersistentLocalServerWhenNoUrlIsGiven(@TempDir Path dataDir) throws Exception {
        Run migrate = runWithoutUrl(dataDir, "migrate");
        assertEquals(0, migrate.exit(), migrate::toString);
        assertTrue(migrate.err().contains("using the local embedded PostgreSQL in " + dataDir), migrate::toString);
        assertTrue(migrate.out().contains("fleet: applied 9 migrations"), migrate::toString);

        Run info = runWithoutUrl(dataDir, "info");
        assertEquals(0, info.exit(), info::toString);
        assertTrue(info.out().contains("fleet: current 10, head 10 (at head)"), info::toString);
    }

    record Run(int exit, String out, String err) {
    }

    private static Run runWithoutUrl(Path dataDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DalCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DATABASE_URL");
        builder.environment().put("DAL_DATA_DIR", dataDir.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new Run(process.exitValue(), out, err);
    }

    private static String startServerAndMigrate(Path dataDir, boolean firstStart) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                DalCommand.class.getName(), "server", "--port", "0", "--data-dir", dataDir.toString()));
        builder.redirectErrorStream(true);
        Process server = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            List<String> seen = new ArrayList<>();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.add(line);
                if (line.startsWith("DATABASE_URL=")) {
                    url = line.substring("DATABASE_URL=".length());
                    break;
                }
            }
            assertNotNull(url, "server printed no URL: " + seen);
            if (firstStart) {
                Dal.Result migrate = Dal.run("migrate", "--url", url);
                assertEquals(0, migrate.exit(), migrate::toString);
            }
            try (Connection connection = DatabaseUrl.parse(url).dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT count(*) FROM fleet.flyway_schema_history WHERE success")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 1);
            }
            return url;
        } finally {
            server.destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "server did not stop on SIGTERM");
            assertTrue(Files.notExists(dataDir.resolve("postmaster.pid")), "postgres still running after the server stopped");
        }
    }
}
