package dev.publicsafety.dal.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetOptions;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.value.Speaker;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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

    private static String sqlState(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof java.sql.SQLException)) {
            cause = cause.getCause();
        }
        return cause == null ? null : ((java.sql.SQLException) cause).getSQLState();
    }
}
