package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dal lint}: exit 0 clean, 3 on findings (one line each), 2 on a bad command line; dal's own migrations lint clean. */
@IsolatedDatabase(migrated = false)
class LintCommandTest {

    @Test
    void shouldExitThreeWithOneLinePerFindingAndZeroOnceAcknowledged(@TempDir Path dir) throws Exception {
        Path unsafe = Files.writeString(dir.resolve("V10__incident_priority_required.sql"),
                "SET LOCAL lock_timeout = '5s';\nALTER TABLE fleet.incidents ALTER COLUMN priority SET NOT NULL;\n");
        Dal.Result flagged = Dal.run("lint", unsafe.toString());
        assertEquals(3, flagged.exit(), flagged::toString);
        assertTrue(flagged.out().contains(unsafe + ":2: set-not-null: SET NOT NULL scans the whole table"), flagged::toString);
        assertTrue(flagged.out().contains("lint: 1 finding in 1 file"), flagged::toString);

        Files.writeString(unsafe, "SET LOCAL lock_timeout = '5s';\n-- dal:allow set-not-null incidents holds 40 rows in every agency\n"
                + "ALTER TABLE fleet.incidents ALTER COLUMN priority SET NOT NULL;\n");
        Dal.Result acknowledged = Dal.run("lint", unsafe.toString());
        assertEquals(0, acknowledged.exit(), acknowledged::toString);
        assertTrue(acknowledged.out().contains("lint: 1 file clean"), acknowledged::toString);
    }

    @Test
    void shouldLintDalsOwnMigrationsCleanAndThePendingOnesOfADatabase(TestDatabase db) {
        Dal.Result all = Dal.run("lint", "--all");
        assertEquals(0, all.exit(), all::toString);

        new MigrationRunner(db.dataSource()).migrateTo(Domain.FLEET, "8");
        Dal.Result pending = Dal.run("lint", "--pending", "--domain", "fleet", "--url", Dal.url(db));
        assertEquals(0, pending.exit(), pending::toString);
        long after8 = MigrationFiles.versions(Domain.FLEET).stream().filter(v -> Integer.parseInt(v) > 8).count();
        assertTrue(pending.out().contains("lint: " + after8 + " file" + (after8 == 1 ? "" : "s") + " clean"),
                "fleet's migrations after V8 alone: " + pending);
    }

    @Test
    void shouldRefuseABadCommandLineWithExitTwo(@TempDir Path dir) {
        assertEquals(2, Dal.run("lint").exit());
        assertEquals(2, Dal.run("lint", "--all", dir.resolve("V1__x.sql").toString()).exit());
        Dal.Result missing = Dal.run("lint", dir.resolve("V1__missing.sql").toString());
        assertEquals(2, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("no such migration file: "), missing::toString);
    }
}
