package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.testing.TestDatabases;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dal partitions}: create and list, and retention with its consents. The database is set up
 * with the three months before the current one as partitions of their own (as if V6 had run three
 * months ago), each with rows, so that retention has something to take.
 */
@IsolatedDatabase
class PartitionsCommandTest {

    private static final OffsetDateTime MONTH = OffsetDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);

    @BeforeAll
    static void threeOlderMonths(TestDatabase db) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO fleet.organizations (name, slug) VALUES ('North', 'north');"
                + "INSERT INTO fleet.radio_channels (org_id, name, source_type) SELECT id, 'dispatch', 'SIP' FROM fleet.organizations;");
        for (String table : new String[] {"transmissions", "audit_logs"}) {
            String before = "fleet." + table + "_before_" + month(0);
            sql.append("ALTER TABLE fleet.").append(table).append(" DETACH PARTITION ").append(before).append("; DROP TABLE ")
                    .append(before).append(';');
            sql.append("SELECT fleet.create_partition('fleet.").append(table).append("', NULL, '").append(MONTH.minusMonths(3)).append("');");
            for (int back = 3; back >= 1; back--) {
                sql.append("SELECT fleet.create_partition('fleet.").append(table).append("', '").append(MONTH.minusMonths(back))
                        .append("', '").append(MONTH.minusMonths(back - 1)).append("');");
            }
        }
        for (int back = 3; back >= 0; back--) {
            OffsetDateTime at = MONTH.minusMonths(back).plusDays(2);
            sql.append("INSERT INTO fleet.transmissions (org_id, channel_id, started_at) SELECT org_id, id, '").append(at)
                    .append("' FROM fleet.radio_channels;");
            sql.append("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id, occurred_at)"
                    + " SELECT id, 'cli-test', 'update', 'organizations', id, '").append(at).append("' FROM fleet.organizations;");
        }
        db.execute(sql.toString());
    }

    @Test
    void shouldCreateMonthsAheadAndListThem(TestDatabase db) {
        Dal.Result created = Dal.run("partitions", "create", "--months-ahead", "5", "--url", url(db));
        assertEquals(0, created.exit(), created::toString);
        assertTrue(created.out().contains("created fleet.transmissions_" + month(5) + " ("), created::toString);
        assertTrue(created.out().contains("created fleet.audit_logs_" + month(5) + " ("), created::toString);

        Dal.Result again = Dal.run("partitions", "create", "--months-ahead", "5", "--url", url(db));
        assertTrue(again.out().contains("nothing to create"), again::toString);

        Dal.Result listed = Dal.run("partitions", "list", "--url", url(db));
        assertEquals(0, listed.exit(), listed::toString);
        assertTrue(listed.out().contains("fleet.transmissions_" + month(-1)), listed::toString);
        assertTrue(listed.out().contains("fleet.transmissions: monthly partitions until " + MONTH.plusMonths(6)), listed::toString);
        assertTrue(listed.out().contains("default partition empty"), listed::toString);
        String newest = listed.out().lines().filter(line -> line.startsWith("fleet.transmissions_" + month(5) + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no line for the newest month: " + listed));
        assertTrue(newest.contains("not analyzed"), "a partition never analyzed has no estimate: " + newest);
        assertFalse(listed.out().contains(" ? "), listed::toString);

        Dal.Result doctor = Dal.run("doctor", "--url", url(db));
        assertTrue(doctor.out().contains("fleet.audit_logs: monthly partitions until " + MONTH.plusMonths(6)), doctor::toString);
        assertFalse(doctor.out().contains("WARNING"), doctor::toString);
    }

    @Test
    void shouldWarnWhenTheMonthsRunOutAndNameTheCommandThatFixesIt() throws SQLException {
        String name = "dal_t_partitions_short_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        TestDatabase fresh = TestDatabases.shared().create(name, true);
        try {
            StringBuilder sql = new StringBuilder();
            for (String table : new String[] {"transmissions", "audit_logs"}) {
                for (int ahead = 0; ahead <= 3; ahead++) { // this month and the three V6 made ahead: nothing is in them yet
                    String partition = "fleet." + table + "_" + month(ahead);
                    sql.append("ALTER TABLE fleet.").append(table).append(" DETACH PARTITION ").append(partition).append("; DROP TABLE ")
                            .append(partition).append(';');
                }
            }
            sql.append("INSERT INTO fleet.organizations (name, slug) VALUES ('North', 'north');"
                    + "INSERT INTO fleet.radio_channels (org_id, name, source_type) SELECT id, 'dispatch', 'SIP' FROM fleet.organizations;"
                    + "INSERT INTO fleet.transmissions (org_id, channel_id, started_at) SELECT org_id, id, now() FROM fleet.radio_channels;");
            fresh.execute(sql.toString());

            Dal.Result doctor = Dal.run("doctor", "--url", url(fresh));
            assertEquals(0, doctor.exit(), doctor::toString);
            assertTrue(doctor.out().contains("fleet.transmissions: monthly partitions until " + MONTH), doctor::toString);
            assertTrue(doctor.out().contains("default partition holds 1 rows"), doctor::toString);
            assertTrue(doctor.out().contains("WARNING: less than 30 days ahead") && doctor.out().contains("run 'dal partitions create'"),
                    doctor::toString);

            assertEquals(0, Dal.run("partitions", "create", "--url", url(fresh)).exit());
            Dal.Result fixed = Dal.run("doctor", "--url", url(fresh));
            assertFalse(fixed.out().contains("WARNING"), fixed::toString);
            assertTrue(fixed.out().contains("fleet.transmissions: monthly partitions until " + MONTH.plusMonths(4)
                    + " (") && fixed.out().contains("default partition empty"), fixed::toString);
            assertEquals(1, fresh.count("SELECT count(*) FROM fleet.transmissions_" + month(0)), "moved into its month");
        } finally {
            TestDatabases.shared().drop(name);
        }
    }

    @Test
    void shouldAskBeforeDetachingAndAgainBeforeDroppingAuditMonths(TestDatabase db) throws SQLException {
        String[] retain = {"partitions", "retain", "--transmissions-months", "1", "--audit-months", "1", "--url", url(db)};
        Dal.Result dryRun = Dal.run(retain);
        assertEquals(2, dryRun.exit(), dryRun::toString);
        assertTrue(dryRun.out().contains("would detach and drop fleet.transmissions_" + month(-3)), dryRun::toString);
        assertTrue(dryRun.out().contains("would detach fleet.audit_logs_" + month(-2) + " into fleet_detached"), dryRun::toString);
        assertTrue(dryRun.err().contains("without --yes"), dryRun::toString);
        assertEquals(4, db.count("SELECT count(*) FROM fleet.transmissions"), "nothing changed");

        Dal.Result noYes = Dal.run("partitions", "retain", "--audit-months", "1", "--drop-audit-partitions", "--url", url(db));
        assertEquals(2, noYes.exit(), noYes::toString);

        Dal.Result done = Dal.run(concat(retain, "--yes"));
        assertEquals(0, done.exit(), done::toString);
        assertEquals(2, db.count("SELECT count(*) FROM fleet.transmissions"), "the last month and this one stay");
        assertEquals(2, db.count("SELECT count(*) FROM fleet.audit_logs"));
        assertEquals(2, db.count("SELECT count(*) FROM fleet_detached.audit_logs_" + month(-3)
                + " FULL JOIN fleet_detached.audit_logs_" + month(-2) + " ON false"), "detached audit rows are kept");
        Dal.Result verified = Dal.run("audit", "verify", "--url", url(db));
        assertEquals(0, verified.exit(), verified::toString);

        Dal.Result dropped = Dal.run("partitions", "retain", "--audit-months", "1", "--yes", "--drop-audit-partitions", "--url", url(db));
        assertEquals(0, dropped.exit(), dropped::toString);
        assertTrue(dropped.out().contains("done: drop detached audit partition fleet_detached.audit_logs_" + month(-2)), dropped::toString);
        assertEquals(0, db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'fleet_detached'"));
        Dal.Result stillVerified = Dal.run("audit", "verify", "--url", url(db));
        assertEquals(0, stillVerified.exit(), stillVerified::toString);
    }

    private static String month(int offset) {
        OffsetDateTime month = MONTH.plusMonths(offset);
        return String.format("%04d_%02d", month.getYear(), month.getMonthValue());
    }

    private static String[] concat(String[] args, String extra) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = extra;
        return all;
    }

    private static String url(TestDatabase db) {
        return "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
    }
}
