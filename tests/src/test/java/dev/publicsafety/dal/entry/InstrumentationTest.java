package dev.publicsafety.dal.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.Instrumentation;
import dev.publicsafety.dal.error.ConflictException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.error.WaitTimeoutException;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetOptions;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.CapturedLog;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.NeedsServerTimers;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.TrainingOptions;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The instrumentation (issue #29): one {@code dal.unit} observation per unit of work with its
 * domain, operation, outcome and retries, one {@code db.client.operation.duration} observation per
 * statement named by the OpenTelemetry database conventions, no value in any of them; the fused
 * set-up kept with observations on; the slow-unit log.
 */
@IsolatedDatabase
class InstrumentationTest {

    private static final Actor DISPATCHER = Actor.service("instrumented");
    private static final RoundTripCounter COUNTER = new RoundTripCounter();
    private static final Recorder RECORDED = new Recorder();
    private static final ObservationRegistry REGISTRY = ObservationRegistry.create();
    private static DataSource appDataSource;
    private static FleetDatabase fleet;
    private static TrainingDatabase training;
    private static String databaseName;
    private static UUID org;
    private static UUID incident;

    @BeforeAll
    static void setUp(TestDatabase db, ApplicationRole app) {
        REGISTRY.observationConfig().observationHandler(RECORDED);
        databaseName = db.name();
        appDataSource = app.dataSource();
        fleet = new FleetDatabase(COUNTER.wrap(appDataSource),
                FleetOptions.defaults().withPartitionUpkeep(Duration.ZERO).withObservationRegistry(REGISTRY));
        org = fleet.createOrganization(DISPATCHER, NewOrganization.of("Instrumented", "instrumented")).id();
        incident = fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().open(NewIncident.of("OB-1", "Smoke", "fire", 3))).id();
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        training = new TrainingDatabase(db.dataSource(), TrainingOptions.defaults().withObservationRegistry(REGISTRY));
    }

    @BeforeEach
    void forget() {
        RECORDED.stopped.clear();
        COUNTER.drain();
    }

    @Test
    void shouldObserveAFleetReadAsOneUnitAndOneStatementStillInTwoRoundTrips() {
        fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().findById(incident)).orElseThrow();

        List<String> trips = COUNTER.drain();
        assertEquals(2, trips.size(), "the set-up still goes in the query's flight: " + trips);
        assertEquals(2, RECORDED.stopped.size(), RECORDED.toString());
        Observation.Context statement = RECORDED.stopped.get(0);
        Observation.Context unit = RECORDED.stopped.get(1);
        assertEquals("db.client.operation.duration", statement.getName());
        assertEquals("SELECT fleet.incidents", statement.getContextualName());
        assertEquals(Map.of("db.system.name", "postgresql", "dal.domain", "fleet", "db.namespace", databaseName,
                "db.collection.name", "fleet.incidents", "db.operation.name", "SELECT",
                "db.query.summary", "SELECT fleet.incidents"), keys(statement));
        assertSame(unit, statement.getParentObservation().getContextView());
        assertEquals("dal.unit", unit.getName());
        assertEquals("fleet inTransaction", unit.getContextualName());
        assertEquals(Map.of("db.system.name", "postgresql", "dal.domain", "fleet", "dal.operation", "inTransaction",
                "dal.outcome", "committed", "dal.retries", "0"), keys(unit));
        assertTrue(statement.getHighCardinalityKeyValues().stream().findAny().isEmpty(), "nothing of high cardinality");
    }

    @Test
    void shouldNameTheCallersOperationAndAConflictWithItsSqlState() {
        assertThrows(ConflictException.class, () -> fleet.named("open-incident").inTransaction(org, DISPATCHER,
                tx -> tx.incidents().open(NewIncident.of("OB-1", "Smoke again", "fire", 3))));

        Observation.Context unit = RECORDED.last("dal.unit");
        assertEquals("open-incident", keys(unit).get("dal.operation"));
        assertEquals("conflict", keys(unit).get("dal.outcome"));
        assertEquals("23505", keys(unit).get("error.type"));
        Observation.Context failed = RECORDED.stopped.stream().filter(c -> keys(c).containsKey("db.response.status_code"))
                .findFirst().orElseThrow(() -> new AssertionError("no failed statement in " + RECORDED));
        assertEquals("INSERT fleet.incidents", keys(failed).get("db.query.summary"));
        assertEquals("23505", keys(failed).get("db.response.status_code"));
        assertEquals("23505", keys(failed).get("error.type"));
        assertNoValues();
    }

    @Test
    void shouldSayNotFoundForAUnitThatEndedOnAMissingRow() {
        UUID missing = UUID.fromString("00000000-0000-0000-0000-000000000029");
        assertThrows(NotFoundException.class, () -> fleet.read(org, tx -> tx.incidents().get(missing)));

        assertEquals("not_found", keys(RECORDED.last("dal.unit")).get("dal.outcome"));
        assertNoValues();
    }

    @Test
    @NeedsServerTimers
    void shouldSayTimeoutForAUnitWhoseStatementRanPastItsBound() {
        FleetDatabase bounded = new FleetDatabase(appDataSource, FleetOptions.defaults().withPartitionUpkeep(Duration.ZERO)
                .withStatementTimeout(Duration.ofMillis(200)).withObservationRegistry(REGISTRY));
        assertThrows(WaitTimeoutException.class, () -> bounded.named("long-report").read(org,
                tx -> tx.dsl().fetchValue("select pg_sleep(5)::text")));

        Observation.Context unit = RECORDED.last("dal.unit");
        assertEquals("long-report", keys(unit).get("dal.operation"));
        assertEquals("timeout", keys(unit).get("dal.outcome"));
        assertEquals("57014", keys(unit).get("error.type"));
        assertEquals("57014", keys(RECORDED.last("db.client.operation.duration")).get("db.response.status_code"));
    }

    @Test
    void shouldCountTheRetriesOfAUnitThatCommittedInTheEnd() {
        AtomicInteger attempts = new AtomicInteger();
        fleet.read(org, tx -> {
            tx.incidents().findById(incident);
            if (attempts.incrementAndGet() == 1) {
                throw new DataAccessException("could not serialize", new SQLException("could not serialize access", "40001"));
            }
            return null;
        });

        Observation.Context unit = RECORDED.last("dal.unit");
        assertEquals("read", keys(unit).get("dal.operation"));
        assertEquals("committed", keys(unit).get("dal.outcome"));
        assertEquals("1", keys(unit).get("dal.retries"));
        assertEquals(1, RECORDED.stopped.stream().filter(c -> c.getName().equals("dal.unit")).count(), "one unit for both attempts");
    }

    @Test
    void shouldObserveABulkIngestsCopyAsAStatementOfItsUnit() {
        UUID channel = fleet.inTransaction(org, DISPATCHER, tx -> tx.channels().create(new NewRadioChannel("Ingest 1",
                ChannelSourceType.SIP, Map.of("uri", "sip:ingest-1@pbx.example.org")))).id();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1); // recorded an hour ago, whatever the day
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            batch.add(NewTransmission.of(channel, start.plusSeconds(i), start.plusSeconds(i + 5)));
        }
        RECORDED.stopped.clear();
        fleet.named("recorder-batch").inTransaction(org, DISPATCHER, tx -> tx.transmissions().bulkIngest(batch));

        Observation.Context unit = RECORDED.last("dal.unit");
        List<Observation.Context> statements = RECORDED.stopped.stream()
                .filter(c -> c.getName().equals("db.client.operation.duration")).toList();
        Observation.Context copy = statements.stream().filter(c -> "COPY".equals(keys(c).get("db.operation.name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no COPY among " + RECORDED));
        // the application role is subject to row-level security: its rows go through the session's staging table
        assertEquals(Map.of("db.system.name", "postgresql", "dal.domain", "fleet", "db.namespace", databaseName,
                "db.collection.name", "pg_temp.transmissions_ingest", "db.operation.name", "COPY",
                "db.query.summary", "COPY pg_temp.transmissions_ingest"), keys(copy));
        assertTrue(statements.stream().anyMatch(c -> "INSERT fleet.transmissions".equals(keys(c).get("db.query.summary"))), RECORDED::toString);
        for (Observation.Context statement : statements) {
            assertSame(unit, statement.getParentObservation().getContextView(), keys(statement).toString());
        }
        assertEquals("recorder-batch", keys(unit).get("dal.operation"));
        assertNoValues();
    }

    @Test
    void shouldObserveTheStatementsJooqRunsInATrainingUnit() {
        training.read(tx -> tx.scenarios().findByKey("car-accident")).orElseThrow();

        Observation.Context unit = RECORDED.last("dal.unit");
        assertEquals(Map.of("db.system.name", "postgresql", "dal.domain", "training", "dal.operation", "read",
                "dal.outcome", "committed", "dal.retries", "0"), keys(unit));
        List<String> summaries = RECORDED.stopped.stream().filter(c -> c.getName().equals("db.client.operation.duration"))
                .map(c -> keys(c).get("db.query.summary")).toList();
        // The read-only set-up travels with the bounds, one flight, summarized by its last statement.
        assertEquals(List.of("SELECT set_config", "SELECT training.training_scenarios"), summaries);
        assertNoValues();
    }

    @Test
    void shouldObserveAStatementJooqRunsThatFailsAndTheUnitItRolledBack() {
        assertThrows(DataAccessException.class, () -> training.named("report").inTransaction(
                tx -> tx.dsl().fetchValue("select 1 / 0 from training.training_scenarios limit 1")));

        Observation.Context unit = RECORDED.last("dal.unit");
        assertEquals("rolled_back", keys(unit).get("dal.outcome"));
        assertEquals("22012", keys(unit).get("error.type"));
        Observation.Context failed = RECORDED.last("db.client.operation.duration");
        assertEquals("SELECT training.training_scenarios", keys(failed).get("db.query.summary"));
        assertEquals("22012", keys(failed).get("db.response.status_code"));
        assertEquals("22012", keys(failed).get("error.type"));
        assertSame(unit, failed.getParentObservation().getContextView());
    }

    @Test
    void shouldLogAUnitOverTheThresholdOnceWithItsStatementsAndNoValues() {
        FleetDatabase logged = new FleetDatabase(appDataSource, FleetOptions.defaults().withPartitionUpkeep(Duration.ZERO)
                .withInstrumentation(Instrumentation.off().withSlowUnitThreshold(Duration.ofMillis(500))));
        String log;
        try (CapturedLog captured = CapturedLog.start()) {
            logged.named("slow-report").read(org, tx -> {
                tx.incidents().findById(incident);
                return tx.dsl().fetchValue("select pg_sleep(0.6)::text || 'literal-7'");
            });
            logged.named("fast-report").read(org, tx -> tx.incidents().findById(incident));
            log = captured.text();
        }
        assertEquals(1, log.split("slow unit of work", -1).length - 1, log);
        assertTrue(log.contains("WARN dev.publicsafety.dal.SlowUnits - slow unit of work: fleet slow-report took "), log);
        assertTrue(log.contains("(threshold 500 ms), committed; 2 statements in "), log);
        assertTrue(log.matches("(?s).*: SELECT fleet\\.incidents \\d+\\.\\d ms, SELECT pg_sleep \\d+\\.\\d ms.*"), log);
        assertFalse(log.contains(org.toString()) || log.contains(incident.toString()) || log.contains("literal-7"), log);
    }

    @Test
    void shouldMakeNoObservationWithTheDefaultOptions() {
        new FleetDatabase(appDataSource, FleetOptions.defaults().withPartitionUpkeep(Duration.ZERO))
                .inTransaction(org, DISPATCHER, tx -> tx.incidents().findById(incident));

        assertTrue(RECORDED.stopped.isEmpty(), RECORDED.toString());
        assertTrue(FleetOptions.defaults().instrumentation().isOff());
    }

    /** No key of any observation carries the organization, the incident or the incident's number. */
    private static void assertNoValues() {
        for (Observation.Context context : RECORDED.stopped) {
            String all = context.getAllKeyValues().toString() + context.getContextualName();
            assertFalse(all.contains(org.toString()) || all.contains(incident.toString()) || all.contains("OB-1"), all);
        }
    }

    private static Map<String, String> keys(Observation.Context context) {
        Map<String, String> keys = new TreeMap<>();
        for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
            keys.put(keyValue.getKey(), keyValue.getValue());
        }
        return keys;
    }

    /** The observations stopped, in order. */
    private static final class Recorder implements ObservationHandler<Observation.Context> {

        final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        @Override
        public void onStop(Observation.Context context) {
            stopped.add(context);
        }

        Observation.Context last(String name) {
            return stopped.stream().filter(c -> c.getName().equals(name)).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no " + name + " in " + this));
        }

        @Override
        public String toString() {
            return stopped.stream().map(c -> c.getName() + " " + c.getContextualName() + " " + c.getLowCardinalityKeyValues()).toList()
                    .toString();
        }
    }
}
