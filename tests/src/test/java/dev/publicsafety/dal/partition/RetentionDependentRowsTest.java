package dev.publicsafety.dal.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.radio.Transmission;
import dev.publicsafety.dal.partition.PartitionMaintenance.Retention;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.NeedsServerTimers;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What dropping a month of traffic does to the rows that refer to it: the mention rows (fleet V7,
 * kept by triggers that DETACH and DROP do not fire) go with their month in the same transaction;
 * the audit rows about those transmissions stay (append-only, and the chain still verifies); other
 * months and other organizations keep every row. A month still being written stops retention within
 * the lock wait, all or nothing. Dates are derived from the month the test runs in.
 */
@IsolatedDatabase
class RetentionDependentRowsTest {

    private static final Actor RECORDER = Actor.service("recorder-1");
    private static final String ORPHANS = """
            SELECT count(*) FROM fleet.transmission_mentions m
             WHERE NOT EXISTS (SELECT FROM fleet.transmissions t
                                WHERE t.org_id = m.org_id AND t.id = m.transmission_id AND t.started_at = m.started_at)""";

    @Test
    void shouldDropTheMentionsOfADroppedMonthWithItAndKeepItsAuditRows(TestDatabase db, ApplicationRole app) throws SQLException {
        FleetDatabase fleet = new FleetDatabase(app.dataSource());
        UUID north = fleet.createOrganization(RECORDER, NewOrganization.of("Agency North", "north")).id();
        UUID south = fleet.createOrganization(RECORDER, NewOrganization.of("Agency South", "south")).id();
        OffsetDateTime month = OffsetDateTime.now(Clock.systemUTC()).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        // dropped: a backfill two years back (the "before" partition) and the current month; kept: the next month
        OffsetDateTime backfill = month.minusYears(2).plusDays(3);
        OffsetDateTime dropped = month.plusDays(9);
        OffsetDateTime kept = month.plusMonths(1).plusDays(4);
        for (UUID org : List.of(north, south)) {
            String tag = org.equals(north) ? "N" : "S";
            db.execute("INSERT INTO fleet.radio_channels (org_id, name, source_type) VALUES ('" + org + "', 'dispatch', 'SIP')");
            insert(db, org, backfill, 2, "OLD" + tag);
            insert(db, org, dropped, 3, "GONE" + tag);
            insert(db, org, kept, 4, "KEPT" + tag);
        }
        // an audit row about every transmission, and a suggestion that cites kept traffic
        db.execute("""
                INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id)
                SELECT org_id, 'retention-test', 'transcribe', 'transmissions', id FROM fleet.transmissions ORDER BY started_at, id""",
                "INSERT INTO fleet.suggested_actions (org_id, kind, status, proposed_in_mode, proposed_by, transmission_id,"
                        + " transmission_started_at) SELECT org_id, 'create_incident', 'recorded', 'hitl', 'test', id, started_at"
                        + " FROM fleet.transmissions WHERE started_at = '" + kept + "'");
        String mentionsBefore = "SELECT count(*) FROM fleet.transmission_mentions WHERE started_at < '" + month.plusMonths(1) + "'";
        String mentionsKept = "SELECT count(*) FROM fleet.transmission_mentions WHERE org_id = '%s' AND started_at >= '"
                + month.plusMonths(1) + "'";
        assertEquals(2 * (2 + 3) * 2, db.count(mentionsBefore), "two mentions per dropped transmission, both organizations");
        assertEquals(4 * 2, db.count(mentionsKept.formatted(north)));
        assertEquals(4 * 2, db.count(mentionsKept.formatted(south)));
        assertEquals(0, db.count(ORPHANS));
        long audit = db.count("SELECT count(*) FROM fleet.audit_logs");
        assertEquals(2 * (2 + 3 + 4), db.count("SELECT count(*) FROM fleet.audit_logs WHERE entity_type = 'transmissions'"));

        // two months later, keeping one month: the "before" partition and this month's go
        PartitionMaintenance later = new PartitionMaintenance(db.dataSource(),
                Clock.fixed(month.plusMonths(2).plusDays(1).toInstant(), ZoneOffset.UTC));
        List<RetentionStep> steps = later.applyRetention(new Retention(OptionalInt.of(1), OptionalInt.empty(), false));

        assertEquals(List.of("fleet.transmissions_before_" + suffix(month), "fleet.transmissions_" + suffix(month)),
                steps.stream().map(s -> s.partition().qualifiedName()).toList());
        assertEquals(0, db.count(mentionsBefore), "the dropped months' mentions went with them");
        assertEquals(0, db.count(ORPHANS));
        assertEquals(4 * 2, db.count(mentionsKept.formatted(north)), "the kept month keeps its mentions");
        assertEquals(4 * 2, db.count(mentionsKept.formatted(south)), "so does the other organization's");
        assertEquals(2 * 4, db.count("SELECT count(*) FROM fleet.transmissions WHERE org_id IN ('" + north + "', '" + south + "')"));
        assertEquals(2 * 4, db.count("SELECT count(*) FROM fleet.suggested_actions"), "the suggestions citing kept traffic stay");
        assertEquals(audit, db.count("SELECT count(*) FROM fleet.audit_logs"), "audit rows are never deleted by traffic retention");
        List<AuditChainVerifier.Result> chains = new AuditChainVerifier(db.dataSource()).verify(Optional.empty(), List.of());
        assertTrue(chains.stream().allMatch(AuditChainVerifier.Result::intact), chains::toString);

        assertEquals(0, mentioning(fleet, north, "GONEN0").size());
        assertEquals(0, mentioning(fleet, north, "OLDN0").size());
        assertEquals(4, mentioning(fleet, north, "KEPTN").size(), "the search still finds the kept month");
        assertEquals(4, mentioning(fleet, south, "KEPTS").size());
    }

    @Test
    @NeedsServerTimers
    void shouldGiveUpWithinTheLockWaitWhileAMonthToDropIsWrittenAndChangeNothing(TestDatabase db) throws SQLException {
        OffsetDateTime month = OffsetDateTime.now(Clock.systemUTC()).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        OffsetDateTime next = month.plusMonths(1).plusDays(10);
        UUID org = UUID.randomUUID();
        db.execute("INSERT INTO fleet.organizations (id, name, slug) VALUES ('" + org + "', 'West', 'west')",
                "INSERT INTO fleet.radio_channels (org_id, name, source_type) VALUES ('" + org + "', 'dispatch', 'SIP')");
        insert(db, org, next, 3, "BUSY");
        // three months later, keeping one: next month's partition is among those to drop
        PartitionMaintenance later = new PartitionMaintenance(db.dataSource(),
                Clock.fixed(month.plusMonths(3).plusDays(1).toInstant(), ZoneOffset.UTC));
        Retention oneMonth = new Retention(OptionalInt.of(1), OptionalInt.empty(), false);
        assertTrue(later.planRetention(oneMonth).stream().anyMatch(s -> s.partition().name().equals("transmissions_" + suffix(next))));
        List<String> partitions = later.list().stream().map(Partition::name).toList();
        long mentions = db.count("SELECT count(*) FROM fleet.transmission_mentions");

        try (Connection writer = db.dataSource().getConnection(); Statement sql = writer.createStatement()) {
            writer.setAutoCommit(false);
            sql.execute("INSERT INTO fleet.transmissions (org_id, channel_id, started_at) SELECT org_id, id, '" + next
                    + "' FROM fleet.radio_channels WHERE org_id = '" + org + "'"); // a backfill still writing into that month
            long started = System.nanoTime();
            RuntimeException refused = assertThrows(RuntimeException.class, () -> later.applyRetention(oneMonth));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            writer.rollback();

            assertTrue(refused.getMessage().contains("a lock was not granted within 10 s"), refused.getMessage());
            assertTrue(waited.compareTo(PartitionMaintenance.LOCK_TIMEOUT.plusSeconds(5)) < 0, "waited " + waited);
        }
        assertEquals(partitions, later.list().stream().map(Partition::name).toList(), "no partition went");
        assertEquals(mentions, db.count("SELECT count(*) FROM fleet.transmission_mentions"), "no mention went");
        assertEquals(3 * 2, db.count("SELECT count(*) FROM fleet.transmission_mentions WHERE org_id = '" + org + "'"));
    }

    /** {@code count} transmissions at {@code at}, each mentioning plate {@code plate + i} and the shared plate {@code plate}. */
    private static void insert(TestDatabase db, UUID org, OffsetDateTime at, int count, String plate) throws SQLException {
        db.execute("""
                INSERT INTO fleet.transmissions (org_id, channel_id, started_at, entities)
                SELECT c.org_id, c.id, '%2$s', jsonb_build_array(jsonb_build_object('type', 'PLATE', 'value', '%3$s' || i),
                                                                 jsonb_build_object('type', 'PLATE', 'value', '%3$s'))
                  FROM fleet.radio_channels c, generate_series(0, %4$d - 1) i WHERE c.org_id = '%1$s'"""
                .formatted(org, at, plate, count));
    }

    private static List<Transmission> mentioning(FleetDatabase fleet, UUID org, String plate) {
        return fleet.inTransaction(org, RECORDER, tx -> tx.transmissions().mentioning("PLATE", plate, PageRequest.first(10)).items());
    }

    private static String suffix(OffsetDateTime month) {
        return String.format("%04d_%02d", month.getYear(), month.getMonthValue());
    }
}
