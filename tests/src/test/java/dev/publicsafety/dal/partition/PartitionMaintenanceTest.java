package dev.publicsafety.dal.partition;

import static dev.publicsafety.dal.generated.fleet.Tables.TRANSMISSIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.radio.Transmission;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.partition.PartitionMaintenance.Retention;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.NeedsServerTimers;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Months ahead, listing, a row past the last month kept in the default partition until its month is
 * created, retention refused while a
 * suggestion cites old traffic, and tenancy through the parent: the application role sees only its
 * organization's rows and cannot read a partition directly.
 */
@IsolatedDatabase
class PartitionMaintenanceTest {

    private static final Actor RECORDER = Actor.service("recorder-1");

    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID north;
    private static UUID south;
    private static UUID northChannel;
    private static UUID southChannel;

    @BeforeAll
    static void setUp(TestDatabase db, ApplicationRole role) {
        app = role;
        fleet = new FleetDatabase(app.dataSource());
        north = fleet.createOrganization(RECORDER, NewOrganization.of("Agency North", "north")).id();
        south = fleet.createOrganization(RECORDER, NewOrganization.of("Agency South", "south")).id();
        northChannel = channel(north);
        southChannel = channel(south);
    }

    private static UUID channel(UUID org) {
        return fleet.inTransaction(org, RECORDER, tx -> tx.channels().create(new NewRadioChannel("Dispatch", ChannelSourceType.SIP,
                Map.of("uri", "sip:dispatch@pbx.example.org")))).id();
    }

    @Test
    void shouldCreateTheMissingMonthsOnceAndListThemWithTheirSize(TestDatabase db) {
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusMonths(6).withDayOfMonth(15).withHour(10);
        PartitionMaintenance maintenance = new PartitionMaintenance(db.dataSource(), Clock.fixed(later.toInstant(), ZoneOffset.UTC));
        OffsetDateTime coveredBefore = maintenance.coveredUntil(PartitionedTable.TRANSMISSIONS);

        List<Partition> created = maintenance.createAhead(2);

        OffsetDateTime last = later.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(2);
        OffsetDateTime until = last.plusMonths(1);
        assertEquals(until, maintenance.coveredUntil(PartitionedTable.TRANSMISSIONS));
        assertEquals(until, maintenance.coveredUntil(PartitionedTable.AUDIT_LOGS));
        long months = ChronoUnit.MONTHS.between(coveredBefore, until);
        assertEquals(2 * months, created.size(), created::toString);
        String suffix = String.format("_%04d_%02d", last.getYear(), last.getMonthValue());
        assertTrue(created.stream().anyMatch(p -> p.name().equals("transmissions" + suffix)
                && p.from().orElseThrow().equals(last) && p.to().equals(until)), created::toString);
        assertTrue(created.stream().anyMatch(p -> p.name().equals("audit_logs" + suffix)), created::toString);
        assertEquals(List.of(), maintenance.createAhead(2), "a second run creates nothing");

        List<Partition> listed = maintenance.list();
        assertTrue(listed.stream().map(Partition::name).toList().containsAll(created.stream().map(Partition::name).toList()));
        assertTrue(listed.stream().allMatch(p -> p.bytes() > 0 && p.attached()), listed::toString);
        assertTrue(listed.stream().anyMatch(p -> p.name().startsWith("transmissions_before_") && p.from().isEmpty()), listed::toString);
    }

    @Test
    void shouldKeepARowPastTheLastMonthFindableAndMoveItIntoItsMonthWhenThatIsCreated(TestDatabase db) throws SQLException {
        OffsetDateTime beyond = new PartitionMaintenance(db.dataSource()).coveredUntil(PartitionedTable.TRANSMISSIONS).plusDays(1);
        Transmission late = fleet.inTransaction(north, RECORDER, tx -> {
            Transmission recorded = tx.transmissions().record(NewTransmission.of(northChannel, beyond, null));
            return tx.transmissions().transcribe(recorded.id(), "plate late one", 0.9, "en", List.of(TransmissionEntity.of("PLATE", "LATE1")));
        });
        db.execute("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id, occurred_at) VALUES ('" + north
                + "', 'partition-test', 'update', 'transmissions', '" + late.id() + "', '" + beyond.plusHours(1) + "')");
        assertEquals("fleet.transmissions_default", home(db, "transmissions", late.id()), "kept, not refused");
        assertEquals("fleet.audit_logs_default", single(db, "SELECT tableoid::regclass::text FROM fleet.audit_logs WHERE occurred_at > '" + beyond + "'"));
        Horizon waiting = new PartitionMaintenance(db.dataSource()).horizons().get(0);
        assertEquals(PartitionedTable.TRANSMISSIONS, waiting.table());
        assertEquals(1, waiting.defaultRows(), waiting::toString);
        assertEquals(beyond, waiting.defaultFirst().orElseThrow());
        assertEquals(List.of(late.id()), mentioning("LATE1"), "found while it waits in the default partition");

        PartitionMaintenance then = new PartitionMaintenance(db.dataSource(), Clock.fixed(beyond.toInstant(), ZoneOffset.UTC));
        List<Partition> created = then.createAhead(0);

        String month = String.format("_%04d_%02d", beyond.getYear(), beyond.getMonthValue());
        assertTrue(created.stream().anyMatch(p -> p.name().equals("transmissions" + month)), created::toString);
        assertEquals("fleet.transmissions" + month, home(db, "transmissions", late.id()), "moved into its month");
        assertEquals("fleet.audit_logs" + month, single(db, "SELECT tableoid::regclass::text FROM fleet.audit_logs WHERE occurred_at > '" + beyond + "'"));
        assertTrue(then.horizons().stream().allMatch(h -> h.defaultRows() == 0), () -> then.horizons().toString());
        assertEquals(late, fleet.inTransaction(north, RECORDER, tx -> tx.transmissions().get(late.id())), "unchanged by the move");
        assertEquals(List.of(late.id()), mentioning("LATE1"));
        List<AuditChainVerifier.Result> chains = new AuditChainVerifier(db.dataSource()).verify(Optional.empty(), List.of());
        assertTrue(chains.stream().allMatch(AuditChainVerifier.Result::intact), chains::toString);
    }

    @Test
    @NeedsServerTimers
    void shouldAttachAMonthWhileTheCurrentOneIsReadAndGiveUpWithinASecondBehindAnUnboundedQuery(TestDatabase db) throws SQLException {
        OffsetDateTime covered = new PartitionMaintenance(db.dataSource()).coveredUntil(PartitionedTable.TRANSMISSIONS);
        OffsetDateTime month = OffsetDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        try (Connection reader = db.dataSource().getConnection(); Statement read = reader.createStatement();
             Connection creator = db.dataSource().getConnection(); Statement create = creator.createStatement()) {
            reader.setAutoCommit(false);
            read.executeQuery("SELECT count(*) FROM fleet.transmissions WHERE started_at >= '" + month + "' AND started_at < '"
                    + month.plusMonths(1) + "'").close();
            create.execute("SET lock_timeout = '1s'");
            for (PartitionedTable table : PartitionedTable.values()) { // both, as every other way of creating months does
                create.execute("SELECT fleet.create_partition('" + table + "', '" + covered + "', '" + covered.plusMonths(1) + "')");
            }
            assertEquals(covered.plusMonths(1), new PartitionMaintenance(db.dataSource()).coveredUntil(PartitionedTable.TRANSMISSIONS),
                    "attached while a transaction reads this month");

            read.executeQuery("SELECT count(*) FROM fleet.transmissions").close(); // reads (and locks) the default partition too
            long started = System.nanoTime();
            try (Connection connection = app.dataSource().getConnection(); Statement sql = connection.createStatement()) {
                SQLException waited = assertThrows(SQLException.class, () -> sql.executeQuery("SELECT fleet.keep_partitions_ahead(6)"));
                assertEquals("55P03", waited.getSQLState(), waited.getMessage());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "gave up after " + took);
            reader.rollback();
        }
    }

    private static List<UUID> mentioning(String plate) {
        return fleet.inTransaction(north, RECORDER, tx -> tx.transmissions().mentioning("PLATE", plate, PageRequest.first(10)).items())
                .stream().map(Transmission::id).toList();
    }

    private static String home(TestDatabase db, String table, UUID id) throws SQLException {
        return single(db, "SELECT tableoid::regclass::text FROM fleet." + table + " WHERE id = '" + id + "'");
    }

    private static String single(TestDatabase db, String query) throws SQLException {
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next(), query);
            return rs.getString(1);
        }
    }

    @Test
    void shouldShowEachOrganizationOnlyItsRowsAndNoPartitionToTheApplication(TestDatabase db) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        fleet.inTransaction(north, RECORDER, tx -> tx.transmissions().record(NewTransmission.of(northChannel, now, null)));
        fleet.inTransaction(south, RECORDER, tx -> tx.transmissions().record(NewTransmission.of(southChannel, now, null)));
        String partition = String.format("fleet.transmissions_%04d_%02d", now.getYear(), now.getMonthValue());

        assertEquals(List.of(north), fleet.inTransaction(north, RECORDER, tx -> tx.dsl()
                .selectDistinct(TRANSMISSIONS.ORG_ID).from(TRANSMISSIONS).fetch(TRANSMISSIONS.ORG_ID)));
        assertEquals(List.of(), fleet.inTransaction(north, RECORDER, tx -> tx.transmissions()
                .channelTraffic(southChannel, now.minusDays(1), now.plusDays(1), PageRequest.first(10)).items()));

        try (Connection connection = app.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            SQLException denied = assertThrows(SQLException.class, () -> sql.executeQuery("SELECT count(*) FROM " + partition));
            assertEquals("42501", denied.getSQLState(), denied.getMessage());
        }
        // even a role granted the partition by mistake meets its own row-level security there
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            sql.execute("GRANT SELECT ON " + partition + " TO " + app.name());
        }
        try (Connection connection = app.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            assertEquals(0, single(sql, "SELECT count(*) FROM " + partition), "no organization set: no rows");
            sql.execute("SELECT fleet.set_org_id('" + north + "')");
            assertEquals(1, single(sql, "SELECT count(DISTINCT org_id) FROM " + partition));
            assertEquals(0, single(sql, "SELECT count(*) FROM " + partition + " WHERE org_id = '" + south + "'"));
            connection.rollback();
        }
    }

    @Test
    void shouldRefuseToDropTrafficASuggestionStillCitesAndChangeNothing(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            sql.execute("INSERT INTO fleet.transmissions (org_id, channel_id, started_at) VALUES ('" + north + "', '" + northChannel
                    + "', '2020-01-01T00:00:00Z')");
            sql.execute("INSERT INTO fleet.suggested_actions (org_id, kind, status, proposed_in_mode, proposed_by, transmission_id,"
                    + " transmission_started_at) SELECT org_id, 'create_incident', 'recorded', 'hitl', 'test', id, started_at"
                    + " FROM fleet.transmissions WHERE started_at = '2020-01-01T00:00:00Z'");
        }
        OffsetDateTime covered = new PartitionMaintenance(db.dataSource()).coveredUntil(PartitionedTable.TRANSMISSIONS);
        PartitionMaintenance later = new PartitionMaintenance(db.dataSource(), Clock.fixed(covered.plusMonths(1).toInstant(), ZoneOffset.UTC));
        List<Partition> before = later.list();
        long rows = db.count("SELECT count(*) FROM fleet.transmissions");

        RuntimeException refused = assertThrows(RuntimeException.class, () -> later.applyRetention(
                new Retention(OptionalInt.of(1), OptionalInt.empty(), false)));

        assertTrue(refused.getMessage().contains("violates foreign key constraint")
                && refused.getMessage().contains("is still referenced from table \"suggested_actions\""), refused.getMessage());
        assertEquals(before.stream().map(Partition::name).toList(), later.list().stream().map(Partition::name).toList());
        assertEquals(rows, db.count("SELECT count(*) FROM fleet.transmissions"));
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
