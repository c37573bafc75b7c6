package dev.publicsafety.dal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.DatabaseFingerprint;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application's own {@code db/migration/training/V5__x.sql} on the classpath, beside dal's
 * migrations of the built-in domain: refused in one line naming it and where it comes from, never
 * applied, by migrate and by the read-only verbs alike.
 */
@IsolatedDatabase(migrated = false)
class StrayMigrationRefusedTest {

    @Test
    void shouldRefuseAStrayFileUnderABuiltInDomainsLocationAndApplyNothing(TestDatabase db, @TempDir Path application) throws Exception {
        Path folder = Files.createDirectories(application.resolve("db/migration/training"));
        Files.writeString(folder.resolve("V5__x.sql"), "CREATE TABLE training.stray (id int);\n");
        List<String> before = DatabaseFingerprint.of(db.dataSource());

        try (URLClassLoader classpath = new URLClassLoader(new URL[] {application.toUri().toURL()}, MigrationRunner.class.getClassLoader())) {
            MigrationRunner runner = new MigrationRunner(db.dataSource(), classpath);

            MigrationException refused = assertThrows(MigrationException.class, () -> runner.migrate(Domain.TRAINING));

            assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
            assertTrue(refused.getMessage().startsWith("db/migration/training/V5__x.sql is on the classpath from " + application.toUri().toURL().toExternalForm()),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("runs only dal's own migrations, so it was not applied"), refused.getMessage());
            assertThrows(MigrationException.class, () -> runner.info(Domain.TRAINING), "info does not call it at head");
            assertThrows(MigrationException.class, () -> runner.validate(Domain.TRAINING));
            assertEquals(before, DatabaseFingerprint.of(db.dataSource()), "nothing applied");
            assertTrue(runner.migrate(Domain.FLEET) > 0, "another domain is not concerned");
        }
    }
}
