package dev.publicsafety.dal.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.Instrumentation;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetOptions;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier.Checkpoint;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.TrainingOptions;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.value.Speaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data layer's own counters (issue #29), in a {@link SimpleMeterRegistry}: rows ingested by both
 * domains' bulk ingests, counted once their unit of work commits (not for a unit that rolled back,
 * once for one that was retried), retries by SQLSTATE, and audit chains verified by outcome; no tag
 * carries an organization.
 */
@IsolatedDatabase
class CountersTest {

    private static final Actor RECORDER = Actor.service("counted");
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 12, 6, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static final Instrumentation COUNTED = Instrumentation.off().withMeterRegistry(METERS);
    private static TestDatabase database;
    private static FleetDatabase fleet;
    private static TrainingDatabase training;
    private static UUID org;
    private static UUID channel;

    @BeforeAll
    static void setUp(TestDatabase db, ApplicationRole app) {
        database = db;
        fleet = new FleetDatabase(app.dataSource(),
                FleetOptions.defaults().withPartitionUpkeep(Duration.ZERO).withInstrumentation(COUNTED));
        org = fleet.createOrganization(RECORDER, NewOrganization.of("Counted", "counted")).id();
        channel = fleet.inTransaction(org, RECORDER, tx -> tx.channels().create(new NewRadioChannel("Dispatch 1",
                ChannelSourceType.SIP, Map.of("uri", "sip:dispatch-1@pbx.example.org")))).id();
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        training = new TrainingDatabase(db.dataSource(), TrainingOptions.defaults().withInstrumentation(COUNTED));
    }

    @Test
    void shouldCountTheRowsOfBothIngestPathsOnceTheirUnitCommits() {
        double before = ingested("fleet", "fleet.transmissions");
        fleet.inTransaction(org, RECORDER, tx -> tx.transmissions().bulkIngest(batch(3)));    // one INSERT
        fleet.inTransaction(org, RECORDER, tx -> tx.transmissions().bulkIngest(batch(100)));  // COPY, through staging

        assertEquals(before + 103, ingested("fleet", "fleet.transmissions"));
    }

    @Test
    void shouldNotCountTheRowsOfAUnitThatRolledBack() {
        double before = ingested("fleet", "fleet.transmissions");
        assertThrows(IllegalStateException.class, () -> fleet.inTransaction(org, RECORDER, tx -> {
            tx.transmissions().bulkIngest(batch(80));
            throw new IllegalStateException("the caller gives up after the ingest");
        }));

        assertEquals(before, ingested("fleet", "fleet.transmissions"));
    }

    @Test
    void shouldCountTheRowsOfARetriedUnitOnce() {
        double before = ingested("fleet", "fleet.transmissions");
        AtomicInteger attempts = new AtomicInteger();
        fleet.inTransaction(org, RECORDER, tx -> {
            tx.transmissions().bulkIngest(batch(70));
            if (attempts.incrementAndGet() == 1) {
                throw new DataAccessException("could not serialize", new SQLException("could not serialize access", "40001"));
            }
            return null;
        });

        assertEquals(2, attempts.get());
        assertEquals(before + 70, ingested("fleet", "fleet.transmissions"));
    }

    @Test
    void shouldCountEachRetryByItsSqlState() {
        double serialization = retries("40001");
        double deadlock = retries("40P01");
        AtomicInteger attempts = new AtomicInteger();
        fleet.named("retried-read").read(org, tx -> {
            int attempt = attempts.incrementAndGet();
            tx.dsl().fetchValue("select 1");
            if (attempt < 3) {
                String state = attempt == 1 ? "40001" : "40P01";
                throw new DataAccessException("retryable", new SQLException("serialization failure or deadlock", state));
            }
            return null;
        });

        assertEquals(3, attempts.get());
        assertEquals(serialization + 1, retries("40001"));
        assertEquals(deadlock + 1, retries("40P01"));
    }

    @Test
    void shouldCountTheTranscriptLinesATrainingImportAppends() {
        double before = ingested("training", "training.call_transcripts");
        training.inTransaction(tx -> {
            UUID scenario = tx.scenarios().findByKey("car-accident").orElseThrow().id();
            UUID session = tx.sessions().start("operator-counted", scenario).id();
            return tx.transcripts().appendAll(session, IntStream.range(0, 12)
                    .mapToObj(i -> TranscriptEntry.of(i * 1000L, i % 2 == 0 ? Speaker.OPERATOR : Speaker.CALLER, "line " + i))
                    .toList());
        });

        assertEquals(before + 12, ingested("training", "training.call_transcripts"));
    }

    @Test
    void shouldCountEachVerifiedChainByItsOutcome() {
        AuditChainVerifier verifier = new AuditChainVerifier(database.dataSource(), COUNTED);
        double intactBefore = verifications("intact");
        double brokenBefore = verifications("broken");

        AuditChainVerifier.Result intact = verifier.verify(Optional.of(org), List.of()).get(0);
        assertTrue(intact.intact(), intact.toString());
        Checkpoint forged = new Checkpoint(org, intact.head().seq(), "0".repeat(64));
        assertFalse(verifier.verify(Optional.of(org), List.of(forged)).get(0).intact(), "a checkpoint the chain does not hold");

        assertEquals(intactBefore + 1, verifications("intact"));
        assertEquals(brokenBefore + 1, verifications("broken"));
        new AuditChainVerifier(database.dataSource()).verify(Optional.of(org), List.of());
        assertEquals(intactBefore + 1, verifications("intact"), "a verifier without a meter registry counts nothing");
    }

    @Test
    void shouldTagNoCounterWithAnOrganization() {
        fleet.inTransaction(org, RECORDER, tx -> tx.transmissions().bulkIngest(batch(2)));
        new AuditChainVerifier(database.dataSource(), COUNTED).verify(Optional.of(org), List.of());

        assertFalse(METERS.getMeters().isEmpty());
        for (Meter meter : METERS.getMeters()) {
            String id = meter.getId().toString();
            assertTrue(meter.getId().getName().startsWith("dal."), id);
            assertFalse(id.contains(org.toString()) || id.contains(channel.toString()), id);
        }
    }

    private static double ingested(String domain, String table) {
        Counter counter = METERS.find("dal.rows.ingested").tag("dal.domain", domain).tag("db.collection.name", table).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double retries(String sqlState) {
        Counter counter = METERS.find("dal.retries").tags("dal.domain", "fleet", "dal.operation", "retried-read", "error.type", sqlState)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static double verifications(String outcome) {
        Counter counter = METERS.find("dal.audit.verifications").tag("dal.outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<NewTransmission> batch(int rows) {
        List<NewTransmission> batch = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            batch.add(NewTransmission.of(channel, START.plusSeconds(i), START.plusSeconds(i + 5)));
        }
        return batch;
    }
}
