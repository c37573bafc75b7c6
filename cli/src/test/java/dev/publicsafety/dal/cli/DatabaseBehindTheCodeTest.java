package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** A command run against a database that lacks this build's latest migrations says so, with dal migrate as the fix. */
@IsolatedDatabase(migrated = false)
class DatabaseBehindTheCodeTest {

    @Test
    void shouldSayTheDatabaseIsBehindAndToMigrateWhenSeedMeetsAMissingColumn(TestDatabase db) {
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        runner.migrateAll();
        runner.undoTo(Domain.TRAINING, "3"); // V4 added columns the seeder reads

        Dal.Result seed = Dal.run("seed", "--url", Dal.url(db));

        assertEquals(1, seed.exit(), seed::toString);
        assertEquals(1, seed.err().strip().lines().count(), "one line: " + seed);
        assertTrue(seed.err().contains("the database is behind this code (training is at version 3, this build's head is "
                + MigrationFiles.head(Domain.TRAINING) + "): "), seed::toString);
        assertTrue(seed.err().strip().endsWith("does not exist; run dal migrate first"), seed::toString);

        assertEquals(0, Dal.run("migrate", "--url", Dal.url(db)).exit());
        Dal.Result seeded = Dal.run("seed", "--url", Dal.url(db));
        assertEquals(0, seeded.exit(), seeded::toString);
    }
}
