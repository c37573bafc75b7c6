package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.adopt.SimulatorDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code dal adopt} on the simulator fixture, in the order an operator would run it. */
@IsolatedDatabase(migrated = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdoptCommandTest {

    @BeforeAll
    static void loadTheSimulatorsDatabase(TestDatabase db) {
        SimulatorDatabase.reset(db.dataSource());
    }

    private static String url(TestDatabase db) {
        return "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
    }

    @Test
    @Order(1)
    void shouldPrintThePlanAndChangeNothingOnADryRun(TestDatabase db) {
        List<String> before = SimulatorDatabase.everything(db.dataSource());

        Dal.Result dryRun = Dal.run("adopt", "--dry-run", "--url", url(db));

        assertEquals(0, dryRun.exit(), dryRun::toString);
        assertTrue(dryRun.out().startsWith("would: found simulator revision 002 in public.alembic_version\n"), dryRun::toString);
        assertTrue(dryRun.out().contains("would: scenario key medical-emergency-heart-attack for 'Medical Emergency - Heart Attack'\n"),
                dryRun::toString);
        assertTrue(dryRun.out().endsWith("dry run: rolled back, nothing was changed; 'dal adopt' does the above in one transaction\n"),
                dryRun::toString);
        assertEquals(before, SimulatorDatabase.everything(db.dataSource()));
    }

    @Test
    @Order(2)
    void shouldAdoptTheSimulatorsDatabase(TestDatabase db) {
        Dal.Result adopt = Dal.run("adopt", "--url", url(db));

        assertEquals(0, adopt.exit(), adopt::toString);
        assertTrue(adopt.out().endsWith("adopted simulator revision 002: training is at version " + MigrationFiles.head(Domain.TRAINING) + "\n"), adopt::toString);
        Dal.Result info = Dal.run("info", "--url", url(db), "--domain", "training");
        assertTrue(info.out().contains("training: current " + MigrationFiles.head(Domain.TRAINING) + ", head " + MigrationFiles.head(Domain.TRAINING) + " (at head)"), info::toString);
        Dal.Result check = Dal.run("check", "--url", url(db), "--domain", "training");
        assertEquals(0, check.exit(), check::toString);
    }

    @Test
    @Order(3)
    void shouldRefuseASecondAdoptInOneLine(TestDatabase db) {
        List<String> before = SimulatorDatabase.everything(db.dataSource());

        Dal.Result again = Dal.run("adopt", "--url", url(db));

        assertEquals(1, again.exit(), again::toString);
        assertEquals("", again.out());
        assertEquals("dal adopt: training is already managed by dal (it has a migration history), nothing to adopt;"
                + " the database is unchanged\n", again.err());
        assertEquals(before, SimulatorDatabase.everything(db.dataSource()));
    }
}
