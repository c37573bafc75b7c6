package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Training V4 adds the simulator's NOT NULLs. It does not invent values for existing NULLs: it
 * stops, naming the rows, and changes nothing; once they are fixed it applies.
 */
@IsolatedDatabase(migrated = false)
class SimulatorNotNullMigrationTest {

    private static final String SCENARIO = "0b7e3c1a-0000-4000-8000-000000000001";

    @Test
    void shouldStopNamingTheRowsWithNullsThenApplyOnceTheyAreSet(TestDatabase db) throws SQLException {
        String url = "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
        new MigrationRunner(db.dataSource()).migrateTo(Domain.TRAINING, "3");
        db.execute("INSERT INTO training.training_scenarios (id, name, caller_profile, scenario_script, difficulty_level)"
                + " VALUES ('" + SCENARIO + "', 'no description', '{}', '{}', 'easy')");

        Dal.Result refused = Dal.run("migrate", "--url", url, "--domain", "training");

        assertEquals(1, refused.exit(), refused::toString);
        assertEquals(1, refused.err().lines().count(), refused::toString);
        assertTrue(refused.err().contains("training V4: training_scenarios.description is NULL in rows with id " + SCENARIO
                + "; set it (or delete the rows), then migrate again"), refused::toString);
        assertEquals("3", new MigrationRunner(db.dataSource()).currentVersion(Domain.TRAINING).orElseThrow());

        db.execute("UPDATE training.training_scenarios SET description = 'written later' WHERE id = '" + SCENARIO + "'");
        Dal.Result applied = Dal.run("migrate", "--url", url, "--domain", "training");

        assertEquals(0, applied.exit(), applied::toString);
        assertEquals(MigrationFiles.head(Domain.TRAINING), new MigrationRunner(db.dataSource()).currentVersion(Domain.TRAINING).orElseThrow());
    }
}
