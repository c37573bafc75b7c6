package dev.publicsafety.dal.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.radio.IngestResult;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.TestDatabase;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's own bulk path ({@code TransmissionRepository.bulkIngest}: COPY into a staging table,
 * then one INSERT … SELECT under row-level security) while PostgreSQL restarts, run as the
 * application role through a HikariCP pool, the way a recorder service runs it. The pool recovers
 * on its own, the caller learns which batch failed and sends it again, no attempt that failed left
 * a row or an audit row behind, and every acknowledged transmission is there, once, with exactly one
 * {@code bulk_ingest} audit row per acknowledged batch. A failed batch is resent under its batch id, as
 * the repository asks: PostgreSQL can commit a transaction and lose the connection before its answer. Complements DatabaseRestartDuringIngestTest,
 * which does the same for the training transcripts' COPY.
 */
class FleetIngestRestartTest {

    private static final int BATCHES = 80;
    private static final int ROWS_PER_BATCH = 500;
    private static final OffsetDateTime BASE = OffsetDateTime.parse("2025-07-01T00:00:00Z");

    @Test
    void shouldLoseNoAcknowledgedTransmissionAndCommitNoPartialBatch(@TempDir Path dataDirectory) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedServer[] current = {EmbeddedServer.startPersistent(dataDirectory, port)};
        DatabaseUrl owner = current[0].url("postgres");
        new MigrationRunner(owner.dataSource()).migrate(Domain.FLEET);

        Map<Integer, IngestResult> acknowledged = new LinkedHashMap<>();
        List<FailedAttempt> failures = new ArrayList<>();
        try (ApplicationRole app = ApplicationRole.create(new TestDatabase(owner), pool -> {
            pool.setMaximumPoolSize(2);
            pool.setConnectionTimeout(1000);
        })) {
            FleetDatabase fleet = new FleetDatabase(app.dataSource());
            Actor recorder = Actor.service("recorder-restart");
            UUID org = fleet.createOrganization(recorder, NewOrganization.of("Restart agency", "restart-agency")).id();
            UUID channel = fleet.inTransaction(org, recorder, tx -> tx.channels().create(new NewRadioChannel("Dispatch 1",
                    ChannelSourceType.SIP, Map.of("uri", "sip:dispatch-1@pbx.example.org")))).id();

            CompletableFuture<Void> restart = null;
            for (int batch = 0; batch < BATCHES; batch++) {
                if (batch == 10) {
                    restart = CompletableFuture.runAsync(() -> {
                        current[0].close();
                        current[0] = EmbeddedServer.startPersistent(dataDirectory, port);
                    });
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                List<NewTransmission> rows = batchOf(channel, batch);
                UUID batchId = UUID.randomUUID();
                while (true) {
                    try {
                        // Resent under its batch id: a commit whose answer the restart swallowed is not stored twice.
                        acknowledged.put(batch, fleet.inTransaction(org, recorder, tx -> tx.transmissions().bulkIngest(batchId, rows)));
                        break;
                    } catch (RuntimeException e) {
                        failures.add(FailedAttempt.of(batch, e));
                        assertTrue(System.nanoTime() < deadline, "the pool did not recover within 60 s; last failures "
                                + failures.subList(Math.max(0, failures.size() - 3), failures.size()));
                        Thread.sleep(100);
                    }
                }
            }
            restart.get(60, TimeUnit.SECONDS);
        } finally {
            try {
                assertStored(current[0].url("postgres").dataSource(), acknowledged, failures);
            } finally {
                current[0].close();
            }
        }
    }

    private static void assertStored(DataSource owner, Map<Integer, IngestResult> acknowledged, List<FailedAttempt> failures)
            throws SQLException {
        assertFalse(failures.isEmpty(), "the restart was not felt by any batch; the test proved nothing");
        assertTrue(failures.stream().allMatch(f -> f.sqlState().startsWith("08") || f.sqlState().startsWith("57P")
                        || f.sqlState().equals("SQLTransientConnectionException")),
                "every failure tells the caller the connection was lost: " + failures);
        assertEquals(BATCHES, acknowledged.size());
        Set<UUID> expected = new HashSet<>();
        acknowledged.values().forEach(result -> expected.addAll(result.ids()));
        assertEquals(BATCHES * ROWS_PER_BATCH, expected.size());
        Set<UUID> stored = new HashSet<>(uuids(owner, "SELECT id FROM fleet.transmissions"));
        assertEquals(expected.size(), stored.size(), "no row of a failed attempt was committed, no acknowledged row is missing");
        assertEquals(expected, stored);
        List<UUID> batches = uuids(owner, "SELECT entity_id FROM fleet.audit_logs WHERE action = 'bulk_ingest'");
        assertEquals(acknowledged.values().stream().map(IngestResult::batchId).sorted().toList(), batches.stream().sorted().toList(),
                "one audit row per acknowledged batch, none for a failed attempt");
        System.out.println("fleet bulk ingest across a restart: " + BATCHES + " batches of " + ROWS_PER_BATCH
                + " acknowledged (" + acknowledged.values().stream().filter(IngestResult::replayed).count() + " found stored on resend), " + failures.size() + " failed attempts (batches " + failures.stream().map(FailedAttempt::batch).distinct().toList()
                + ", SQLSTATEs " + failures.stream().map(FailedAttempt::sqlState).distinct().toList() + "), " + stored.size()
                + " transmissions stored = acknowledged, " + batches.size() + " bulk_ingest audit rows, 0 lost, 0 partial");
    }

    private static List<NewTransmission> batchOf(UUID channel, int batch) {
        List<NewTransmission> rows = new ArrayList<>(ROWS_PER_BATCH);
        for (int i = 0; i < ROWS_PER_BATCH; i++) {
            OffsetDateTime at = BASE.plusHours(batch).plusSeconds(i);
            rows.add(NewTransmission.of(channel, at, at.plusSeconds(5)).transcribed("batch " + batch + " row " + i, 0.9, "en", List.of()));
        }
        return rows;
    }

    private static List<UUID> uuids(DataSource owner, String sql) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = owner.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }
}
