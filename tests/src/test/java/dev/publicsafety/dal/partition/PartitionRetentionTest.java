package dev.publicsafety.dal.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier.Result;
import dev.publicsafety.dal.partition.PartitionMaintenance.Retention;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.testing.TestDatabases;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retention on the edges of the calendar (the last day of a month, 31 December, 29 February), each
 * on a database of its own migrated today, with the maintenance clock set to that day at least
 * eight months ahead and rows in every month from the one before the migration's to that day
 * (the first and the last moments of each month): transmissions months past the retention are
 * detached and dropped, the others keep every row; audit months are detached into fleet_detached,
 * still append-only, and the chain that stays verifies because its start was recorded; detached
 * audit months are dropped only when asked. Every date is derived from today.
 */
class PartitionRetentionTest {

    private static final int RETAINED = 6;

    @ParameterizedTest
    @EnumSource(CalendarEdge.class)
    void shouldDropOldTrafficDetachOldAuditMonthsAndKeepTheChainVerifiable(CalendarEdge edge) throws SQLException {
        String name = "dal_t_retention_" + edge.name().toLowerCase() + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        TestDatabase db = TestDatabases.shared().create(name, true);
        try {
            retainOn(db, edge.instantAfter(Clock.systemUTC(), 8));
        } finally {
            TestDatabases.shared().drop(name);
        }
    }

    private static void retainOn(TestDatabase db, OffsetDateTime day) throws SQLException {
        PartitionMaintenance maintenance = new PartitionMaintenance(db.dataSource(), Clock.fixed(day.toInstant(), ZoneOffset.UTC));
        OffsetDateTime migrated = maintenance.list().stream().filter(p -> p.from().isEmpty()).findFirst().orElseThrow().to();
        OffsetDateTime month = day.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        maintenance.createAhead(0);
        UUID org = UUID.randomUUID();
        List<OffsetDateTime> times = new ArrayList<>();
        for (OffsetDateTime m = migrated.minusMonths(1); !m.isAfter(month); m = m.plusMonths(1)) {
            times.add(m); // the first moment of the month
            OffsetDateTime last = m.plusMonths(1).minusNanos(1000);
            times.add(last.isAfter(day) ? day : last); // its last microsecond, or the day itself
        }
        StringBuilder sql = new StringBuilder("INSERT INTO fleet.organizations (id, name, slug) VALUES ('" + org + "', 'North', 'north');"
                + "INSERT INTO fleet.radio_channels (org_id, name, source_type) VALUES ('" + org + "', 'dispatch', 'SIP');");
        for (OffsetDateTime at : times) {
            sql.append("INSERT INTO fleet.transmissions (org_id, channel_id, started_at) SELECT org_id, id, '").append(at)
                    .append("' FROM fleet.radio_channels;")
                    .append("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id, occurred_at) VALUES ('")
                    .append(org).append("', 'retention-test', 'create', 'transmissions', gen_random_uuid(), '").append(at).append("');");
        }
        db.execute(sql.toString());
        assertEquals(0, db.count("SELECT count(*) FROM fleet.transmissions_default") + db.count("SELECT count(*) FROM fleet.audit_logs_default"),
                "every row is in a month of its own");

        OffsetDateTime cutoff = month.minusMonths(RETAINED);
        long trafficKept = db.count("SELECT count(*) FROM fleet.transmissions WHERE started_at >= '" + cutoff + "'");
        long auditTotal = db.count("SELECT count(*) FROM fleet.audit_logs");
        long auditKept = db.count("SELECT count(*) FROM fleet.audit_logs WHERE occurred_at >= '" + cutoff + "'");
        Retention sixMonths = new Retention(OptionalInt.of(RETAINED), OptionalInt.of(RETAINED), false);

        List<String> expected = new ArrayList<>();
        for (String table : List.of("transmissions", "audit_logs")) {
            String action = table.equals("transmissions") ? "DETACH_AND_DROP " : "DETACH ";
            expected.add(action + "fleet." + table + "_before_" + suffix(migrated));
            for (OffsetDateTime m = migrated; m.isBefore(cutoff); m = m.plusMonths(1)) {
                expected.add(action + "fleet." + table + "_" + suffix(m));
            }
        }
        List<RetentionStep> plan = maintenance.planRetention(sixMonths);
        assertEquals(expected, describe(plan), "on " + day);
        assertEquals(auditTotal, db.count("SELECT count(*) FROM fleet.audit_logs"), "planning changes nothing");

        assertEquals(expected, describe(maintenance.applyRetention(sixMonths)));

        assertEquals(trafficKept, db.count("SELECT count(*) FROM fleet.transmissions"));
        assertEquals(0, db.count("SELECT count(*) FROM fleet.transmissions WHERE started_at < '" + cutoff + "'"));
        assertEquals(1, db.count("SELECT count(*) FROM fleet.transmissions WHERE started_at = '" + cutoff + "'"),
                "the first moment of the oldest month kept stays");
        assertEquals(0, db.count("SELECT count(*) FROM pg_class WHERE relname = 'transmissions_" + suffix(cutoff.minusMonths(1)) + "'"), "dropped");
        assertEquals(auditKept, db.count("SELECT count(*) FROM fleet.audit_logs"));
        String detachedLast = "fleet_detached.audit_logs_" + suffix(cutoff.minusMonths(1));
        assertEquals(auditTotal - auditKept, db.count("SELECT " + String.join(" + ", plan.stream()
                .filter(step -> step.action() == RetentionStep.Action.DETACH)
                .map(step -> "(SELECT count(*) FROM fleet_detached." + step.partition().name() + ")").toList())),
                "every detached audit row is kept");
        SQLException appendOnly = assertThrows(SQLException.class, () -> db.execute("DELETE FROM " + detachedLast));
        assertTrue(appendOnly.getMessage().contains("append-only"), appendOnly.getMessage());
        assertThrows(SQLException.class, () -> db.execute("TRUNCATE " + detachedLast));

        assertIntact(db);
        db.execute(("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id, occurred_at)"
                + " VALUES ('%1$s', 'retention-test', 'update', 'organizations', '%1$s', '%2$s')").formatted(org, day));
        assertIntact(db); // the chain goes on after retention

        // detached audit months go only with their own consent
        List<RetentionStep> dropped = maintenance.applyRetention(new Retention(OptionalInt.empty(), OptionalInt.of(RETAINED - 1), true));
        List<String> expectedDrops = new ArrayList<>(List.of("DETACH fleet.audit_logs_" + suffix(cutoff)));
        expectedDrops.add("DROP_DETACHED fleet_detached.audit_logs_before_" + suffix(migrated));
        for (OffsetDateTime m = migrated; !m.isAfter(cutoff); m = m.plusMonths(1)) {
            expectedDrops.add("DROP_DETACHED fleet_detached.audit_logs_" + suffix(m));
        }
        assertEquals(expectedDrops, describe(dropped));
        assertEquals(List.of(), maintenance.list().stream().filter(p -> !p.attached()).toList());
        assertEquals(0, db.count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'fleet_detached'"));
        assertIntact(db);

        db.execute("DELETE FROM fleet.audit_chain_bases");
        Result withoutBase = new AuditChainVerifier(db.dataSource()).verify(Optional.of(org), List.of()).get(0);
        assertFalse(withoutBase.intact(), "the recorded chain start is what makes the shortened chain verify");
        assertTrue(withoutBase.brokenLink().orElseThrow().contains("missing"), withoutBase.toString());
    }

    private static String suffix(OffsetDateTime month) {
        return String.format("%04d_%02d", month.getYear(), month.getMonthValue());
    }

    private static void assertIntact(TestDatabase db) {
        List<Result> results = new AuditChainVerifier(db.dataSource()).verify(Optional.empty(), List.of());
        assertTrue(results.stream().allMatch(Result::intact), results::toString);
    }

    private static List<String> describe(List<RetentionStep> steps) {
        return steps.stream().map(s -> s.action() + " " + s.partition().qualifiedName()).toList();
    }
}
