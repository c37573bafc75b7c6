package dev.publicsafety.dal.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetOptions;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.audit.AuditEntry;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.radio.Transmission;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.value.Speaker;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one call of each documented entry point costs in round trips to the server (issue #18): the
 * fleet tenant set-up goes in the same flight as the transaction's first statement when that is one
 * of the rendered hot queries (a read by id, a list, an insert), so a fleet read is two round trips
 * where raw JDBC takes three; nothing asks for or sets the isolation level per transaction.
 */
@IsolatedDatabase
class EntryPointRoundTripsTest {

    private static final Actor DISPATCHER = Actor.service("round-trips");
    private static final RoundTripCounter COUNTER = new RoundTripCounter();
    /**
     * For a database made in a test: its first unit of work would otherwise start with the hourly
     * partition upkeep (PartitionUpkeepTest), one round trip of its own before the unit's.
     */
    private static final FleetOptions WITHOUT_UPKEEP = FleetOptions.defaults().withPartitionUpkeep(Duration.ZERO);
    /** The bounds every unit of work sets (FleetOptions/TrainingOptions defaults), as columns of the set-up: no statement of their own. */
    private static final String BOUNDS = "set_config('lock_timeout', '2000ms', true), set_config('statement_timeout', '30000ms', true)";
    private static final String SET_UP = "select fleet.set_org_id(?), now(), " + BOUNDS;
    /** More calls than pgjdbc's prepareThreshold (5), on a pool that hands a single-threaded caller the same connection. */
    private static final int PAST_PREPARE_THRESHOLD = 8;
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static TrainingDatabase training;
    private static UUID org;
    private static UUID incident;
    private static UUID session;

    @BeforeAll
    static void setUp(TestDatabase db, ApplicationRole role) {
        app = role;
        fleet = new FleetDatabase(COUNTER.wrap(app.dataSource()));
        org = fleet.createOrganization(DISPATCHER, NewOrganization.of("Round trips", "round-trips")).id();
        incident = fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().open(NewIncident.of("RT-1", "Smoke", "fire", 3))).id();
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        training = new TrainingDatabase(COUNTER.wrap(db.dataSource()));
        session = training.inTransaction(tx -> tx.sessions().start("operator-rt",
                tx.scenarios().findByKey("car-accident").orElseThrow().id())).id();
    }


    @Test
    void shouldReadAFleetRowInTwoRoundTripsTheSetUpInTheQuerysFlight() {
        COUNTER.drain();
        fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().findById(incident)).orElseThrow();
        List<String> trips = COUNTER.drain();
        assertEquals(2, trips.size(), trips.toString());
        assertTrue(trips.get(0).startsWith("execute: " + SET_UP + "; select"), trips.toString());
        assertTrue(trips.get(0).contains("from \"fleet\".\"incidents\""), trips.toString());
        assertEquals("commit", trips.get(1));
    }

    @Test
    void shouldListOpenIncidentsInTwoRoundTripsTheSetUpInTheListsFlight() {
        COUNTER.drain();
        assertFalse(fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().openByPriority(PageRequest.first(5))).items().isEmpty());
        List<String> trips = COUNTER.drain();
        assertEquals(2, trips.size(), trips.toString());
        assertTrue(trips.get(0).contains(SET_UP + "; select"), trips.toString());
        assertTrue(trips.get(0).contains("from \"fleet\".\"incidents\""), trips.toString());
    }

    @Test
    void shouldSendAReadOnlySetUpInTheQuerysFlightToo() {
        COUNTER.drain();
        fleet.read(org, tx -> tx.incidents().findById(incident)).orElseThrow();
        List<String> trips = COUNTER.drain();
        assertEquals(2, trips.size(), trips.toString());
        assertTrue(trips.get(0).contains("read only; " + SET_UP + "; select"), trips.toString());
    }

    @Test
    void shouldRefuseAWriteSentInTheSameFlightAsAReadOnlySetUp() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> fleet.read(org, tx -> tx.incidents().open(NewIncident.of("RT-RO", "Alarm", "fire", 2))));
        assertEquals("25006", sqlState(refused), refused.toString());
        assertTrue(fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().findByNumber("RT-RO")).isEmpty());
    }

    @Test
    void shouldSendTheSetUpOnItsOwnWhenAnExecuteListenerWatchesTheStatements() {
        List<String> seen = new java.util.ArrayList<>();
        Configuration watched = DSL.using(COUNTER.wrap(app.dataSource()), SQLDialect.POSTGRES, DalDsl.settings()).configuration()
                .derive(ExecuteListener.onStart(ctx -> seen.add(ctx.sql())));
        FleetDatabase listened = new FleetDatabase(watched, WITHOUT_UPKEEP);
        COUNTER.drain();
        listened.inTransaction(org, DISPATCHER, tx -> tx.incidents().findById(incident)).orElseThrow();
        List<String> trips = COUNTER.drain();
        assertEquals(3, trips.size(), trips.toString());
        assertTrue(trips.get(0).endsWith(": " + SET_UP), trips.toString());
        assertEquals(1, seen.size(), "the listener sees the read, not the set-up: " + seen);
    }

    @Test
    void shouldSendTheSetUpOnItsOwnBeforeAStatementWrittenWithTheTransactionsDsl() {
        COUNTER.drain();
        UUID acting = fleet.inTransaction(org, DISPATCHER, tx -> tx.dsl().fetchSingle("select fleet.current_org_id()").get(0, UUID.class));
        List<String> trips = COUNTER.drain();
        assertEquals(org, acting);
        assertEquals(3, trips.size(), trips.toString());
        assertTrue(trips.get(0).endsWith(": " + SET_UP), trips.toString());
    }

    @Test
    void shouldSetAnIsolationLevelOtherThanReadCommittedInTheSameRoundTrip() {
        FleetDatabase serializable = new FleetDatabase(COUNTER.wrap(app.dataSource()),
                WITHOUT_UPKEEP.withIsolation(FleetOptions.Isolation.SERIALIZABLE));
        COUNTER.drain();
        String level = serializable.inTransaction(org, DISPATCHER,
                tx -> tx.dsl().fetchSingle("show transaction_isolation").get(0, String.class));
        List<String> trips = COUNTER.drain();
        assertEquals("serializable", level);
        assertEquals(3, trips.size(), trips.toString());
        assertTrue(trips.get(0).contains("set transaction isolation level serializable; " + SET_UP),
                trips.toString());
    }

    @Test
    void shouldReadATrainingRowInTwoRoundTrips() {
        COUNTER.drain();
        training.inTransaction(tx -> tx.sessions().findById(session)).orElseThrow();
        List<String> trips = COUNTER.drain();
        assertEquals(2, trips.size(), trips.toString());
        assertTrue(trips.get(0).startsWith("execute: select " + BOUNDS + "; select"), trips.toString());
        assertTrue(trips.get(0).contains("from \"training\".\"call_sessions\""), trips.toString());
        assertEquals("commit", trips.get(1));
    }

    @Test
    void shouldSendATrainingReadOnlySetUpInTheQuerysFlightToo() {
        COUNTER.drain();
        training.read(tx -> tx.sessions().findById(session)).orElseThrow();
        List<String> trips = COUNTER.drain();
        assertEquals(2, trips.size(), trips.toString());
        assertTrue(trips.get(0).startsWith("execute: set transaction read only; select " + BOUNDS + "; select"), trips.toString());
        assertTrue(trips.get(0).contains("from \"training\".\"call_sessions\""), trips.toString());
    }

    @Test
    void shouldRefuseATrainingWriteSentInTheSameFlightAsAReadOnlySetUp() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> training.read(tx -> tx.transcripts().append(session, TranscriptEntry.of(20, Speaker.CALLER, "read only"))));
        assertEquals("25006", sqlState(refused), refused.toString());
        assertTrue(training.inTransaction(tx -> tx.transcripts().transcript(session)).stream().noneMatch(l -> l.text().equals("read only")));
    }

    @Test
    void shouldInsertATranscriptLineInTwoRoundTrips() {
        COUNTER.drain();
        training.execute(tx -> tx.transcripts().append(session, TranscriptEntry.of(10, Speaker.CALLER, "Hello?")));
        List<String> trips = COUNTER.drain();
        assertEquals(2, trips.size(), trips.toString());
        assertTrue(trips.get(0).startsWith("execute: select " + BOUNDS + "; insert into \"training\".\"call_transcripts\""),
                trips.toString());
        assertEquals("commit", trips.get(1));
    }

    @Test
    void shouldOpenAnAuditedIncidentInTwoRoundTripsReportedAtTheTransactionsTimestamp() {
        COUNTER.drain();
        boolean reportedNow = fleet.inTransaction(org, DISPATCHER,
                tx -> tx.incidents().open(NewIncident.of("RT-2", "Alarm", "fire", 2)).reportedAt().isEqual(tx.now()));
        List<String> trips = COUNTER.drain();
        assertEquals(2, trips.size(), trips.toString());
        // the set-up, the incident and its audit row: one flight, the audit row in the insert's statement
        assertTrue(trips.get(0).contains(SET_UP + "; with \"changed\" as (insert into \"fleet\".\"incidents\""), trips.toString());
        assertTrue(trips.get(0).contains("\"audited\" as (insert into \"fleet\".\"audit_logs\""), trips.toString());
        assertEquals("commit", trips.get(1));
        assertTrue(reportedNow, "an incident opened without a report time is reported at the transaction's timestamp");
    }

    @Test
    void shouldOpenAnAuditedIncidentInTwoFlightsOnceTheDriverHasPreparedAndDescribedTheStatement() {
        // past pgjdbc's prepareThreshold (5) the insert is prepared on the server, and described if a
        // parameter ever went with an unknown type; its nulls (location, reporter) are what would
        for (int i = 0; i < PAST_PREPARE_THRESHOLD; i++) {
            String number = "RT-P" + i;
            fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().open(NewIncident.of(number, "Alarm", "fire", 2)));
        }
        try (DriverSyncCounter flights = new DriverSyncCounter()) {
            fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().open(NewIncident.of("RT-P", "Alarm", "fire", 2)));
            assertEquals(2, flights.syncs(), "the set-up, row and audit row in one flight, then the commit");
        }
    }

    @Test
    void shouldUpdateAnIncidentInThreeFlightsOnceTheDriverHasPreparedAndDescribedTheStatements() {
        UUID updated = fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().open(NewIncident.of("RT-U", "Alarm", "fire", 2))).id();
        for (int i = 0; i < PAST_PREPARE_THRESHOLD; i++) {
            int version = i + 1;
            fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().assign(updated, version, null));
        }
        try (DriverSyncCounter flights = new DriverSyncCounter()) {
            fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().assign(updated, PAST_PREPARE_THRESHOLD + 1, null));
            assertEquals(3, flights.syncs(), "the set-up and the locked read, the update and its audit row, the commit");
        }
    }

    @Test
    void shouldReadAnEntitysAuditTrailInTwoRoundTripsTheSetUpInItsFlight() {
        COUNTER.drain();
        assertFalse(fleet.inTransaction(org, DISPATCHER, tx -> tx.auditLogs().forEntity("incidents", incident, PageRequest.first(5)))
                .items().isEmpty());
        List<String> trips = COUNTER.drain();
        assertEquals(2, trips.size(), trips.toString());
        assertTrue(trips.get(0).contains(SET_UP + "; select"), trips.toString());
        assertTrue(trips.get(0).contains("from \"fleet\".\"audit_logs\""), trips.toString());
    }

    /**
     * With {@code prepareThreshold=0} (the README's URL for PgBouncer) every statement is planned
     * anew, and the trail, planned over every partition of audit_logs, is read through
     * {@code fleet.entity_audit_trail}, whose plan the server session keeps (fleet V15): the same
     * pages, in the same flights, and a cursor of either path serves the other.
     */
    @Test
    void shouldReadTheAuditTrailThroughItsSessionPlannedFunctionWhenTheConnectionPlansEveryStatement() {
        UUID changed = fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().open(NewIncident.of("RT-TRAIL", "Alarm", "fire", 5))).id();
        for (int priority = 4; priority >= 1; priority--) {
            int p = priority;
            fleet.execute(org, DISPATCHER, tx -> {
                Incident current = tx.incidents().get(changed);
                tx.incidents().setPriority(changed, current.version(), p);
            });
        }
        FleetDatabase planning = planningEveryStatement();

        COUNTER.drain();
        Page<AuditEntry> first = planning.inTransaction(org, DISPATCHER, tx -> tx.auditLogs().forEntity("incidents", changed, PageRequest.first(2)));
        List<String> trips = COUNTER.drain();
        assertEquals(2, trips.size(), trips.toString());
        assertTrue(trips.get(0).contains(SET_UP + "; select"), trips.toString());
        assertTrue(trips.get(0).contains("\"fleet\".\"entity_audit_trail\"("), trips.toString());

        BiFunction<FleetTransaction, PageRequest, Page<AuditEntry>> trail = (tx, page) -> tx.auditLogs().forEntity("incidents", changed, page);
        List<UUID> prepared = ids(walk(fleet, fleet, trail), AuditEntry::id);
        assertEquals(5, prepared.size(), prepared.toString());
        assertEquals(prepared, ids(walk(planning, planning, trail), AuditEntry::id));
        assertEquals(prepared, ids(walk(planning, fleet, trail), AuditEntry::id));
        assertEquals(prepared, ids(walk(fleet, planning, trail), AuditEntry::id));
        assertEquals(prepared.subList(0, 2), ids(first.items(), AuditEntry::id));
    }

    /** Entity search, the other lookup with no time to prune by, the same way ({@code fleet.transmissions_mentioning}). */
    @Test
    void shouldSearchAnEntityThroughItsSessionPlannedFunctionWhenTheConnectionPlansEveryStatement() {
        OffsetDateTime start = fleet.inTransaction(org, DISPATCHER, FleetTransaction::now).minusHours(1);
        fleet.execute(org, DISPATCHER, tx -> {
            UUID channel = tx.channels().create(new NewRadioChannel("Plates RT", ChannelSourceType.SIP, Map.of("uri", "sip:plates@pbx.example.org"))).id();
            for (int i = 0; i < 5; i++) {
                tx.transmissions().record(NewTransmission.of(channel, start.plusMinutes(i), null).transcribed("Plate 4RT0001 seen",
                        0.9, "en", List.of(new TransmissionEntity("PLATE", "4RT0001", 0.9, 6, 13))));
            }
            // the same text as another type: not a match
            tx.transmissions().record(NewTransmission.of(channel, start.plusMinutes(9), null).transcribed("4RT0001 Ave", 0.9, "en",
                    List.of(new TransmissionEntity("ADDRESS", "4RT0001", 0.9, 0, 7))));
        });
        FleetDatabase planning = planningEveryStatement();

        COUNTER.drain();
        Page<Transmission> first = planning.inTransaction(org, DISPATCHER, tx -> tx.transmissions().mentioning("PLATE", "4RT0001", PageRequest.first(2)));
        List<String> trips = COUNTER.drain();
        assertEquals(2, trips.size(), trips.toString());
        assertTrue(trips.get(0).contains("\"fleet\".\"transmissions_mentioning\"("), trips.toString());

        BiFunction<FleetTransaction, PageRequest, Page<Transmission>> search = (tx, page) -> tx.transmissions().mentioning("PLATE", "4RT0001", page);
        List<UUID> prepared = ids(walk(fleet, fleet, search), Transmission::id);
        assertEquals(5, prepared.size(), prepared.toString());
        assertEquals(prepared, ids(walk(planning, planning, search), Transmission::id));
        assertEquals(prepared, ids(walk(planning, fleet, search), Transmission::id));
        assertEquals(prepared, ids(walk(fleet, planning, search), Transmission::id));
        assertEquals(prepared.subList(0, 2), ids(first.items(), Transmission::id));
    }

    /** The application role's database, through connections with {@code prepareThreshold=0}. */
    private static FleetDatabase planningEveryStatement() {
        DatabaseUrl url = app.url();
        Map<String, String> parameters = new HashMap<>(url.parameters());
        parameters.put("prepareThreshold", "0");
        return new FleetDatabase(COUNTER.wrap(
                new DatabaseUrl(url.host(), url.port(), url.database(), url.user(), url.password(), parameters).dataSource()), WITHOUT_UPKEEP);
    }

    /** A whole list in pages of two: the first page from {@code first}, the others from {@code rest}. */
    private static <T> List<T> walk(FleetDatabase first, FleetDatabase rest, BiFunction<FleetTransaction, PageRequest, Page<T>> list) {
        List<T> items = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        FleetDatabase reading = first;
        while (request != null) {
            PageRequest current = request;
            Page<T> page = reading.inTransaction(org, DISPATCHER, tx -> list.apply(tx, current));
            items.addAll(page.items());
            request = page.nextRequest().orElse(null);
            reading = rest;
        }
        return items;
    }

    private static <T> List<UUID> ids(List<T> items, Function<T, UUID> id) {
        return items.stream().map(id).toList();
    }

    private static String sqlState(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof java.sql.SQLException)) {
            cause = cause.getCause();
        }
        return cause == null ? null : ((java.sql.SQLException) cause).getSQLState();
    }
}
