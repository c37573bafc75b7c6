package dev.publicsafety.dal.fleet.radio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.error.ConflictException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetTestSupport;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class TransmissionRepositoryTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2025-04-01T12:00:00Z");
    private static final Actor RECORDER = Actor.service("recorder-1");

    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID org;
    private static Tenant acting;
    private static RadioChannel north;
    private static RadioChannel south;

    @BeforeAll
    static void setUp(Tenant tenant) {
        app = tenant.role();
        fleet = tenant.fleet();
        org = tenant.id();
        acting = tenant.as(RECORDER);
        north = FleetTestSupport.channel(fleet, org, "North");
        south = FleetTestSupport.channel(fleet, org, "South");
    }


    @Test
    void shouldRecordATransmissionWithItsTranscriptionAndEntities() {
        List<TransmissionEntity> entities = List.of(
                new TransmissionEntity("PLATE", "7ABC123", 0.97, 18, 25),
                new TransmissionEntity("ADDRESS", "400 Main St", 0.88, 29, 40));
        Transmission recorded = acting.inTransaction(t -> t.transmissions().record(NewTransmission.of(north.id(), T0, T0.plusSeconds(14))
                .withAudio("s3://audio/north/0001.opus")
                .transcribed("Engine 4, vehicle 7ABC123 at 400 Main St", 0.93, "en", entities)));
        Transmission read = acting.inTransaction(t -> t.transmissions().get(recorded.id()));
        assertEquals(entities, read.entities());
        assertEquals("Engine 4, vehicle 7ABC123 at 400 Main St", read.transcription());
        assertEquals(0.93, read.transcriptionConfidence());
        assertEquals("s3://audio/north/0001.opus", read.audioRef());
        assertEquals(T0.toInstant(), read.startedAt().toInstant());
    }

    @Test
    void shouldStoreATranscriptionArrivingLater() {
        Transmission recorded = acting.inTransaction(t -> t.transmissions().record(NewTransmission.of(north.id(), T0.minusDays(3), null)));
        Transmission transcribed = acting.inTransaction(t -> t.transmissions().transcribe(recorded.id(), "Medic 2 en route", 0.81, "en",
                List.of(new TransmissionEntity("UNIT", "Medic 2", 0.9, 0, 7))));
        assertEquals("Medic 2 en route", transcribed.transcription());
        assertEquals("Medic 2", transcribed.entities().get(0).value());
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.transmissions().transcribe(recorded.id(), "x", 1.5, "en", List.of())));
    }

    @Test
    void shouldPageAChannelsTrafficNewestFirstWithinTheTimeRange() {
        UUID channel = FleetTestSupport.channel(fleet, org, "Paging").id();
        OffsetDateTime start = T0.plusDays(10);
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // Pairs share a start time, so the id must break ties.
            batch.add(NewTransmission.of(channel, start.plusMinutes(i / 2), null));
        }
        acting.inTransaction(t -> t.transmissions().bulkIngest(batch));
        OffsetDateTime from = start.plusMinutes(5);
        OffsetDateTime to = start.plusMinutes(20);
        List<Transmission> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(7);
        while (request != null) {
            PageRequest current = request;
            Page<Transmission> page = acting.inTransaction(t -> t.transmissions().channelTraffic(channel, from, to, current));
            seen.addAll(page.items());
            request = page.nextRequest().orElse(null);
        }
        assertEquals(30, seen.size(), "minutes 5 to 19, two per minute");
        assertEquals(30, seen.stream().map(Transmission::id).distinct().count());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(!seen.get(i).startedAt().isAfter(seen.get(i - 1).startedAt()), "newest first");
        }
        assertEquals(from.plusMinutes(14).toInstant(), seen.get(0).startedAt().toInstant());
        assertEquals(from.toInstant(), seen.get(29).startedAt().toInstant());
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.transmissions().channelTraffic(channel, to, from, PageRequest.first(5))));
    }

    @Test
    void shouldFindEveryTransmissionMentioningAPlate() {
        UUID channel = FleetTestSupport.channel(fleet, org, "Plates").id();
        acting.inTransaction(t -> {
            t.transmissions().record(NewTransmission.of(channel, T0.plusHours(1), null)
                    .transcribed("Stolen vehicle 8RVT214 northbound", 0.9, "en",
                            List.of(new TransmissionEntity("PLATE", "8RVT214", 0.95, 15, 22))));
            t.transmissions().record(NewTransmission.of(channel, T0.plusHours(2), null)
                    .transcribed("8RVT214 stopped at 5th and Pine", 0.9, "en",
                            List.of(new TransmissionEntity("PLATE", "8RVT214", 0.91, 0, 7),
                                    new TransmissionEntity("ADDRESS", "5th and Pine", 0.8, 19, 31))));
            t.transmissions().record(NewTransmission.of(channel, T0.plusHours(3), null)
                    .transcribed("Unit 9 at 8RVT214 Ave", 0.7, "en",
                            List.of(new TransmissionEntity("ADDRESS", "8RVT214 Ave", 0.6, 10, 21))));
            return null;
        });
        List<Transmission> plates = acting.inTransaction(t -> t.transmissions().mentioning("PLATE", "8RVT214", PageRequest.first(10)).items());
        assertEquals(2, plates.size(), "the ADDRESS with the same text is another entity type");
        assertTrue(plates.get(0).startedAt().isAfter(plates.get(1).startedAt()));
        List<Transmission> address = acting.inTransaction(t -> t.transmissions().mentioning("ADDRESS", "5th and Pine", PageRequest.first(10)).items());
        assertEquals(1, address.size());
    }

    @Test
    void shouldCopyStraightInForAnOwnerAndStillRejectAForeignChannel(TestDatabase db) {
        FleetDatabase owner = new FleetDatabase(db.dataSource());
        UUID otherOrg = FleetTestSupport.organization(fleet, "copy-other").id();
        UUID foreignChannel = FleetTestSupport.channel(fleet, otherOrg, "Foreign").id();
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(NewTransmission.of(north.id(), T0.plusDays(30).plusSeconds(i), null).transcribed("owner " + i, 0.5, "en", List.of()));
        }
        IngestResult result = owner.inTransaction(org, RECORDER, t -> t.transmissions().bulkIngest(batch));
        assertEquals(500, result.count());
        assertEquals(org, acting.inTransaction(t -> t.transmissions().get(result.ids().get(499))).orgId());

        List<NewTransmission> foreign = List.of(NewTransmission.of(foreignChannel, T0, null));
        assertThrows(NotFoundException.class,
                () -> owner.inTransaction(org, RECORDER, t -> t.transmissions().bulkIngest(foreign)));
    }

    @Test
    void shouldBulkIngestABatchWithCopy() {
        UUID channel = FleetTestSupport.channel(fleet, org, "Bulk").id();
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            batch.add(NewTransmission.of(i % 2 == 0 ? channel : south.id(), T0.plusDays(20).plusSeconds(i), T0.plusDays(20).plusSeconds(i + 3))
                    .withAudio("file:///spool/" + i + ".wav")
                    .transcribed("Copy \"quoted\", comma, newline\nand tab\t" + i, (i % 100) / 100.0, "en",
                            List.of(new TransmissionEntity("UNIT", "Engine " + (i % 7), 0.9, 0, 8)))
                    .withMetadata(Map.of("recorder", "r-" + (i % 3))));
        }
        IngestResult result = acting.inTransaction(t -> t.transmissions().bulkIngest(batch));
        assertEquals(2000, result.count());
        Transmission sample = acting.inTransaction(t -> t.transmissions().get(result.ids().get(1234)));
        assertEquals("Copy \"quoted\", comma, newline\nand tab\t1234", sample.transcription());
        assertEquals(0.34, sample.transcriptionConfidence());
        assertEquals("Engine 2", sample.entities().get(0).value());
        assertEquals("r-1", sample.metadata().get("recorder"));
        assertEquals(channel, sample.channelId(), "even rows go to the new channel");
        assertEquals(286, acting.inTransaction(t -> t.transmissions().mentioning("UNIT", "Engine 3", PageRequest.first(1000))).items().size(),
                "every 7th of 2000 mentions Engine 3");
    }

    @Test
    void shouldIngestNothingWhenAnyRowOfTheBatchIsRejected(TestDatabase db) throws SQLException {
        UUID channel = FleetTestSupport.channel(fleet, org, "All or nothing").id();
        long before = FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.transmissions WHERE channel_id = ?", channel);
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(NewTransmission.of(channel, T0.plusSeconds(i), null));
        }
        batch.add(NewTransmission.of(UUID.randomUUID(), T0, null));
        NotFoundException failure = assertThrows(NotFoundException.class, () -> acting.inTransaction(t -> t.transmissions().bulkIngest(batch)));
        assertTrue(failure.getMessage().contains("radio_channels"), failure.getMessage());
        assertEquals(before, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.transmissions WHERE channel_id = ?", channel));
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.transmissions().bulkIngest(List.of())));
    }

    @Test
    void shouldStoreABatchOnceWhenItIsSentAgainUnderItsBatchId(TestDatabase db) throws SQLException {
        UUID channel = FleetTestSupport.channel(fleet, org, "Resent").id();
        UUID batchId = UUID.randomUUID();
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(NewTransmission.of(channel, T0.plusDays(40).plusSeconds(i), null).transcribed("resent " + i, 0.8, "en", List.of()));
        }
        IngestResult first = acting.inTransaction(t -> t.transmissions().bulkIngest(batchId, batch));
        // As if the first commit's answer had been lost: the recorder sends the same batch again.
        IngestResult again = acting.inTransaction(t -> t.transmissions().bulkIngest(batchId, batch));

        assertFalse(first.replayed());
        assertTrue(again.replayed());
        assertEquals(first.ids(), again.ids());
        assertEquals(batchId, again.batchId());
        assertEquals(100, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.transmissions WHERE channel_id = ?", channel));
        assertEquals(1, FleetTestSupport.ownerCount(db,
                "SELECT count(*) FROM fleet.audit_logs WHERE action = 'bulk_ingest' AND entity_id = ?", batchId));
        InvalidInputException other = assertThrows(InvalidInputException.class,
                () -> acting.inTransaction(t -> t.transmissions().bulkIngest(batchId, batch.subList(0, 99))));
        assertTrue(other.getMessage().contains("was ingested with 100 transmissions; this one has 99"), other.getMessage());
        assertEquals(100, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.transmissions WHERE channel_id = ?", channel));
    }

    @Test
    void shouldLetOnlyOneOfTwoConcurrentSendsOfABatchCommit(TestDatabase db) throws Exception {
        UUID channel = FleetTestSupport.channel(fleet, org, "Raced").id();
        UUID batchId = UUID.randomUUID();
        List<NewTransmission> batch = List.of(NewTransmission.of(channel, T0.plusDays(41), null),
                NewTransmission.of(channel, T0.plusDays(41).plusSeconds(1), null));
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<IngestResult> first = CompletableFuture.supplyAsync(() -> acting.inTransaction(t -> {
            IngestResult result = t.transmissions().bulkIngest(batchId, batch);
            firstWrote.countDown();
            await(release);
            return result;
        }));
        assertTrue(firstWrote.await(30, TimeUnit.SECONDS));
        // The second send cannot see the first's uncommitted audit row, so it inserts, and waits on the primary key.
        CompletableFuture<IngestResult> second = CompletableFuture.supplyAsync(() -> acting.inTransaction(t -> t.transmissions().bulkIngest(batchId, batch)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (FleetTestSupport.ownerCount(db, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") == 0) {
            assertTrue(System.nanoTime() < deadline, "the second send never waited on the first");
            Thread.sleep(20);
        }
        release.countDown();

        assertFalse(first.get(30, TimeUnit.SECONDS).replayed());
        ExecutionException refused = assertThrows(ExecutionException.class, () -> second.get(30, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof ConflictException, String.valueOf(refused.getCause()));
        assertEquals(2, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.transmissions WHERE channel_id = ?", channel));
        assertTrue(acting.inTransaction(t -> t.transmissions().bulkIngest(batchId, batch)).replayed(), "sent a third time, it replays");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldCheckEveryChannelOfABatchNamingMoreThanOneCheckTakes() {
        List<UUID> channels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            channels.add(FleetTestSupport.channel(fleet, org, "Many " + i).id());
        }
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            batch.add(NewTransmission.of(channels.get(i), T0.plusSeconds(i), null));
        }
        assertEquals(20, acting.inTransaction(t -> t.transmissions().bulkIngest(batch)).count());
        fleet.execute(org, RECORDER, t -> t.channels().softDelete(channels.get(18)));
        NotFoundException failure = assertThrows(NotFoundException.class, () -> acting.inTransaction(t -> t.transmissions().bulkIngest(batch)));
        assertTrue(failure.getMessage().contains(channels.get(18).toString()), failure.getMessage());
    }

    @Test
    void shouldIngestTwoBatchesInOneTransaction() {
        UUID channel = FleetTestSupport.channel(fleet, org, "Twice").id();
        int total = acting.inTransaction(t -> t.transmissions().bulkIngest(List.of(NewTransmission.of(channel, T0, null))).count()
                + t.transmissions().bulkIngest(List.of(NewTransmission.of(channel, T0.plusSeconds(1), null))).count());
        assertEquals(2, total);
    }

    @Test
    void shouldKeepTheSessionsStagingTableEmptyBetweenTransactions() throws SQLException {
        UUID channel = FleetTestSupport.channel(fleet, org, "One session").id();
        HikariConfig config = new HikariConfig();
        config.setDataSource(app.dataSource());
        config.setMaximumPoolSize(1);
        try (HikariDataSource session = new HikariDataSource(config)) {
            FleetDatabase onOneConnection = new FleetDatabase(session);
            // batches large enough for COPY, which is what goes through the staging table
            int rows = TransmissionRepository.COPY_FROM_ROWS;
            onOneConnection.execute(org, RECORDER, t -> t.transmissions().bulkIngest(batchOn(channel, 0, rows)));
            assertEquals(0, stagedRows(session), "the staging table outlives the transaction, empty");

            IllegalStateException abandoned = assertThrows(IllegalStateException.class, () -> onOneConnection.execute(org, RECORDER, t -> {
                t.transmissions().bulkIngest(batchOn(channel, 1000, rows + 1));
                throw new IllegalStateException("caller gives up after the ingest");
            }));
            assertEquals("caller gives up after the ingest", abandoned.getMessage());
            onOneConnection.execute(org, RECORDER, t -> {
                t.transmissions().bulkIngest(batchOn(channel, 2000, rows));
                t.transmissions().bulkIngest(batchOn(channel, 3000, rows));
            });
            assertEquals(0, stagedRows(session));
        }
        assertEquals(3 * TransmissionRepository.COPY_FROM_ROWS,
                acting.inTransaction(t -> t.transmissions().channelTraffic(channel, T0, T0.plusDays(1), PageRequest.first(500))).items().size(),
                "three batches; the abandoned one rolled back");
    }

    @Test
    void shouldIngestASmallBatchWithoutTheStagingTable() throws SQLException {
        UUID channel = FleetTestSupport.channel(fleet, org, "Small batch").id();
        HikariConfig config = new HikariConfig();
        config.setDataSource(app.dataSource());
        config.setMaximumPoolSize(1);
        try (HikariDataSource session = new HikariDataSource(config)) {
            try (Connection connection = session.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS pg_temp.transmissions_ingest");   // left by an earlier test's COPY, if any
            }
            IngestResult result = new FleetDatabase(session).inTransaction(org, RECORDER,
                    t -> t.transmissions().bulkIngest(batchOn(channel, 0, TransmissionRepository.COPY_FROM_ROWS - 1)));
            assertEquals(TransmissionRepository.COPY_FROM_ROWS - 1, result.count());
            SQLException none = assertThrows(SQLException.class, () -> stagedRows(session));
            assertEquals("42P01", none.getSQLState(), "one INSERT, no staging table: " + none.getMessage());
        }
        Transmission newest = acting.inTransaction(t -> t.transmissions().channelTraffic(channel, T0, T0.plusDays(1), PageRequest.first(1))).items().get(0);
        assertEquals("staged " + (TransmissionRepository.COPY_FROM_ROWS - 2), newest.transcription());
    }

    private static List<NewTransmission> batchOn(UUID channel, int first, int count) {
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            batch.add(NewTransmission.of(channel, T0.plusSeconds(i), null).transcribed("staged " + i, 0.5, "en", List.of()));
        }
        return batch;
    }

    private static long stagedRows(DataSource session) throws SQLException {
        try (Connection connection = session.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_temp.transmissions_ingest")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void shouldRejectATransmissionEndingBeforeItStarts() {
        InvalidInputException failure = assertThrows(InvalidInputException.class,
                () -> NewTransmission.of(north.id(), T0, T0.minusSeconds(1)));
        assertTrue(failure.getMessage().contains("ends"), failure.getMessage());
    }

    @Test
    void shouldNotRecordOnADeletedChannel() {
        RadioChannel retired = FleetTestSupport.channel(fleet, org, "Retired");
        fleet.execute(org, RECORDER, t -> t.channels().softDelete(retired.id()));
        assertThrows(NotFoundException.class,
                () -> acting.inTransaction(t -> t.transmissions().record(NewTransmission.of(retired.id(), T0, null))));
    }
}
