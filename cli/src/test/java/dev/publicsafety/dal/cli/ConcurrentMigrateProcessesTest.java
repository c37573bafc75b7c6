package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.AppliedMigration;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Separate JVMs running {@code dal migrate} on one database at once: one applies, the others find nothing to do. */
@IsolatedDatabase(migrated = false)
class ConcurrentMigrateProcessesTest {

    static final int PROCESSES = 4;

    @Test
    void shouldApplyEachMigrationExactlyOnce(TestDatabase db) throws Exception {
        String url = "postgresql://postgres@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            processes.add(dal("migrate", "--url", url));
        }
        int applied = 0;
        for (Process process : processes) {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "dal migrate did not finish");
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), out + err);
            applied += out.lines().mapToInt(ConcurrentMigrateProcessesTest::appliedCount).sum();
        }
        int migrations = 0;
        for (Domain domain : Domain.values()) {
            migrations += (int) new MigrationRunner(db.dataSource()).info(domain).stream().filter(AppliedMigration::isSqlMigration).count();
        }
        assertEquals(migrations, applied, "every migration of both schemas applied once across all processes");
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String schema : List.of("fleet", "training")) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*), count(DISTINCT version) FROM " + schema
                        + ".flyway_schema_history WHERE type = 'SQL'")) {
                    rs.next();
                    assertEquals(rs.getInt(2), rs.getInt(1), schema + " history has a version twice");
                }
            }
        }
    }

    /** The N of a "<schema>: applied N migration(s)" line, 0 for any other line. */
    private static int appliedCount(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(": applied (\\d+) migration").matcher(line);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Starts {@code dal} in its own JVM on this test's class path. */
    static Process dal(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                DalCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }
}
