package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.testing.TestDatabases;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code dal demo}, run in-process at a small scale against test databases. */
@IsolatedDatabase(migrated = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoCommandTest {

    private static final String[] STATUSES = {"new", "dispatched", "on_scene", "resolved", "closed", "cancelled"};
    private static String firstTour;

    private static String url(TestDatabase db) {
        return "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
    }

    /** The tour, without the connection part (which names ids). */
    private static String tour(Dal.Result result) {
        String out = result.out();
        int end = out.indexOf("== Connect to the data ==");
        assertTrue(end > 0, result::toString);
        return out.substring(out.indexOf("== Tour"), end);
    }

    @Test
    @Order(1)
    void shouldMigrateGenerateAndPrintTheTour(TestDatabase db) throws SQLException {
        Dal.Result demo = Dal.run("demo", "--url", url(db), "--seed", "7", "--scale", "0.05");
        assertEquals(0, demo.exit(), demo::toString);
        assertTrue(demo.err().contains("demo: training scenarios seeded (inserted 5, updated 0, unchanged 0, deactivated 0)"),
                demo::toString);
        assertTrue(demo.out().contains("hard    Medical Emergency - Heart Attack"), demo::toString);
        assertTrue(demo.err().contains("  transmissions  2500  in "), demo::toString);
        assertTrue(demo.err().indexOf('\r') < 0, "no progress frames in a redirected log\n" + demo);
        for (String heading : new String[] {"1. Incidents by status", "2. Most urgent open incidents at Harbor City Fire & Rescue",
                "3. Newest traffic on 'Dispatch 1'", "4. Every transmission that mentions plate 8RVT214",
                "5. Tasks past their SLA", "6. Audit trail of HC-000001", "7. A suggestion in hitl mode",
                "8. The nearest available units to the most urgent incident", "9. Training scenarios by difficulty"}) {
            assertTrue(demo.out().contains(heading), heading + "\n" + demo);
        }
        assertTrue(demo.out().contains("status:closed"), demo::toString);
        assertTrue(demo.out().contains("create_task by triage-ai (confidence 0.82"), demo::toString);
        assertTrue(demo.out().matches("(?s).*create +triage-ai +status pending\\R +approve_execute +dispatcher-\\S+ +status executed\\R"
                + " +create +dispatcher-\\S+ +tasks \"Request a second ladder company\".*"), demo::toString);
        assertTrue(demo.out().matches("(?s).*\\R     \\S.* +\\d+ m\\R.*"), "a nearest unit with its distance\n" + demo);
        assertTrue(demo.out().contains("Pine County EMS looks up HC-000001: not found"), demo::toString);
        assertTrue(demo.out().contains("this role bypasses row-level security"), "the test URL connects as a superuser\n" + demo);
        firstTour = tour(demo);

        assertEquals(2, db.count("SELECT count(*) FROM fleet.organizations"));
        for (String status : STATUSES) {
            assertEquals(2, db.count("SELECT count(DISTINCT org_id) FROM fleet.incidents WHERE status = '" + status + "'"),
                    "both organizations have incidents in status " + status);
        }
        assertEquals(2500, db.count("SELECT count(*) FROM fleet.transmissions"));
        assertEquals(2, db.count("SELECT count(*) FROM fleet.audit_logs WHERE action = 'bulk_ingest'"));
        assertTrue(db.count("SELECT count(*) FROM fleet.transmissions WHERE jsonb_array_length(entities) > 0") == 2500);
        assertTrue(db.count("SELECT count(*) FROM fleet.tasks") > 20);
        assertTrue(db.count("SELECT count(*) FROM fleet.crews WHERE status = 'dispatched' OR status = 'on_scene'") > 0);
        assertEquals(db.count("SELECT count(*) FROM fleet.incidents"),
                db.count("SELECT count(*) FROM fleet.audit_logs WHERE entity_type = 'incidents' AND action = 'create'"),
                "every incident was created through the repository, audited");
        assertEquals(1, db.count("SELECT count(*) FROM training.flyway_schema_history WHERE version = '1' AND success"));
    }

    @Test
    @Order(2)
    void shouldShowTheTourAgainWithoutGeneratingTwice(TestDatabase db) throws SQLException {
        Dal.Result again = Dal.run("demo", "--url", url(db), "--seed", "7", "--scale", "0.05");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.err().contains("already there"), again::toString);
        assertEquals(2500, db.count("SELECT count(*) FROM fleet.transmissions"));
        assertEquals(firstTour, tour(again));
    }

    @Test
    @Order(3)
    void shouldGenerateTheSameFleetForTheSameSeed() throws SQLException {
        String name = "dal_t_demo_again_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        TestDatabase other = TestDatabases.shared().create(name, false);
        try {
            Dal.Result demo = Dal.run("demo", "--url", url(other), "--seed", "7", "--scale", "0.05");
            assertEquals(0, demo.exit(), demo::toString);
            assertEquals(firstTour, tour(demo));
            Dal.Result otherSeed = Dal.run("demo", "--url", url(other), "--seed", "8", "--scale", "0.05");
            assertTrue(otherSeed.err().contains("generated with seed 7"), otherSeed::toString);
        } finally {
            TestDatabases.shared().drop(name);
        }
    }

    @Test
    @Order(4)
    void shouldRunOnATemporaryEmbeddedServerAsTheApplicationRole() {
        Dal.Result demo = Dal.run("demo", "--seed", "3", "--scale", "0.02");
        assertEquals(0, demo.exit(), demo::toString);
        assertTrue(demo.err().contains("starting an embedded PostgreSQL"), demo::toString);
        assertTrue(demo.err().contains("as role dal_app, subject to row-level security"), demo::toString);
        assertTrue(demo.out().contains("row-level security hides the other organization"), demo::toString);
        assertTrue(demo.out().contains("The embedded server stops now. Run `./dal demo --keep`"), demo::toString);
    }

    @Test
    @Order(5)
    void shouldRejectAnInvalidScale() {
        Dal.Result zero = Dal.run("demo", "--scale", "0");
        assertEquals(2, zero.exit(), zero::toString);
        assertTrue(zero.err().contains("--scale must be above 0"), zero::toString);
    }
}
