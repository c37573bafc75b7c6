package dev.publicsafety.dal.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.AuditChainVerifier;
import dev.publicsafety.dal.fleet.AuditChainVerifier.Result;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.NewOrganization;
import dev.publicsafety.dal.fleet.NewRadioChannel;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.partition.PartitionMaintenance.Retention;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention as of August 2027 (a fixed clock; rows written as the owner with their dates) over ten months of traffic and audit rows (November 2026 to August
 * 2027): transmissions months past the retention are detached and dropped, the others keep every
 * row; audit months are detached into fleet_detached, still append-only, and the chain that stays
 * verifies because its start was recorded; detached audit months are dropped only when asked.
 */
@IsolatedDatabase
class PartitionRetentionTest {

    private static final Actor RECORDER = Actor.service("recorder-1");
    private static final Clock AUGUST_2027 = Clock.fixed(Instant.parse("2027-08-15T10:00:00Z"), ZoneOffset.UTC);

    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID org;

    @BeforeAll
    static void setUp(TestDatabase db, ApplicationRole role) throws SQLException {
        app = role;
        fleet = new FleetDatabase(app.dataSource());
        org = fleet.createOrganization(RECORDER, NewOrganization.of("Agency North", "north")).id();
        UUID channel = fleet.inTransaction(org, RECORDER, tx -> tx.channels().create(new NewRadioChannel("Dispatch",
                ChannelSourceType.SIP, Map.of("uri", "sip:dispatch@pbx.example.org")))).id();
        new PartitionMaintenance(db.dataSource(), AUGUST_2027).createAhead(0);
        // ten rows a month, November 2026 to August 2027, in time order (as the owner: audit rows dated in the past)
        execute(db, """
                INSERT INTO fleet.transmissions (org_id, channel_id, started_at)
                SELECT '%1$s', '%2$s', timestamptz '2026-11-30 23:00:00+00' + m * interval '1 month' + i * interval '1 minute'
                  FROM generate_series(0, 9) m, generate_series(0, 9) i""".formatted(org, channel),
                """
                INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id, occurred_at)
                SELECT '%1$s', 'retention-test', 'create', 'transmissions', gen_random_uuid(),
                       timestamptz '2026-11-30 23:00:00+00' + m * interval '1 month' + i * interval '1 minute'
                  FROM generate_series(0, 9) m, generate_series(0, 9) i ORDER BY m, i""".formatted(org));
    }


    @Test
    void shouldDropOldTrafficDetachOldAuditMonthsAndKeepTheChainVerifiable(TestDatabase db) throws SQLException {
        PartitionMaintenance maintenance = new PartitionMaintenance(db.dataSource(), AUGUST_2027);
        long trafficKept = count(db, "SELECT count(*) FROM fleet.transmissions WHERE started_at >= '2027-02-01T00:00:00Z'");
        long auditTotal = count(db, "SELECT count(*) FROM fleet.audit_logs");
        long auditKept = count(db, "SELECT count(*) FROM fleet.audit_logs WHERE occurred_at >= '2027-02-01T00:00:00Z'");
        Retention sixMonths = new Retention(OptionalInt.of(6), OptionalInt.of(6), false);

        List<RetentionStep> plan = maintenance.planRetention(sixMonths);
        List<String> expected = List.of("DETACH_AND_DROP fleet.transmissions_before_2026_11", "DETACH_AND_DROP fleet.transmissions_2026_11",
                "DETACH_AND_DROP fleet.transmissions_2026_12", "DETACH_AND_DROP fleet.transmissions_2027_01",
                "DETACH fleet.audit_logs_before_2026_11", "DETACH fleet.audit_logs_2026_11", "DETACH fleet.audit_logs_2026_12",
                "DETACH fleet.audit_logs_2027_01");
        assertEquals(expected, describe(plan));
        assertEquals(auditTotal, count(db, "SELECT count(*) FROM fleet.audit_logs"), "planning changes nothing");

        assertEquals(expected, describe(maintenance.applyRetention(sixMonths)));

        assertEquals(trafficKept, count(db, "SELECT count(*) FROM fleet.transmissions"));
        assertEquals(0, count(db, "SELECT count(*) FROM pg_class WHERE relname = 'transmissions_2026_12'"), "dropped");
        assertEquals(auditKept, count(db, "SELECT count(*) FROM fleet.audit_logs"));
        assertEquals(auditTotal, auditKept + count(db, "SELECT (SELECT count(*) FROM fleet_detached.audit_logs_before_2026_11)"
                + " + (SELECT count(*) FROM fleet_detached.audit_logs_2026_11) + (SELECT count(*) FROM fleet_detached.audit_logs_2026_12)"
                + " + (SELECT count(*) FROM fleet_detached.audit_logs_2027_01)"), "every detached audit row is kept");
        SQLException appendOnly = assertThrows(SQLException.class,
                () -> execute(db, "DELETE FROM fleet_detached.audit_logs_2026_12"));
        assertTrue(appendOnly.getMessage().contains("append-only"), appendOnly.getMessage());
        assertThrows(SQLException.class, () -> execute(db, "TRUNCATE fleet_detached.audit_logs_2026_12"));

        assertIntact(db);
        execute(db, ("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id, occurred_at)"
                + " VALUES ('%1$s', 'retention-test', 'update', 'organizations', '%1$s', '2027-08-15T10:00:00Z')").formatted(org));
        assertIntact(db); // the chain goes on after retention

        // detached audit months go only with their own consent
        List<RetentionStep> dropped = maintenance.applyRetention(new Retention(OptionalInt.empty(), OptionalInt.of(5), true));
        assertEquals(List.of("DETACH fleet.audit_logs_2027_02", "DROP_DETACHED fleet_detached.audit_logs_before_2026_11",
                "DROP_DETACHED fleet_detached.audit_logs_2026_11", "DROP_DETACHED fleet_detached.audit_logs_2026_12",
                "DROP_DETACHED fleet_detached.audit_logs_2027_01", "DROP_DETACHED fleet_detached.audit_logs_2027_02"), describe(dropped));
        assertEquals(List.of(), maintenance.list().stream().filter(p -> !p.attached()).toList());
        assertEquals(0, count(db, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'fleet_detached'"));
        assertIntact(db);

        execute(db, "DELETE FROM fleet.audit_chain_bases");
        Result withoutBase = new AuditChainVerifier(db.dataSource()).verify(Optional.of(org), List.of()).get(0);
        assertFalse(withoutBase.intact(), "the recorded chain start is what makes the shortened chain verify");
        assertTrue(withoutBase.brokenLink().orElseThrow().contains("missing"), withoutBase.toString());
    }

    private static void assertIntact(TestDatabase db) {
        List<Result> results = new AuditChainVerifier(db.dataSource()).verify(Optional.empty(), List.of());
        assertTrue(results.stream().allMatch(Result::intact), results::toString);
    }

    private static List<String> describe(List<RetentionStep> steps) {
        return steps.stream().map(s -> s.action() + " " + s.partition().qualifiedName()).toList();
    }

    private static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    private static long count(TestDatabase db, String query) throws SQLException {
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement();
             ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
