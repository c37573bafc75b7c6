package dev.publicsafety.dal.faults;

import static dev.publicsafety.dal.generated.training.Tables.CALL_TRANSCRIPTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.training.CallSessionRepository;
import dev.publicsafety.dal.training.ScenarioRepository;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.TranscriptRepository;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.value.Speaker;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarts in the middle of a bulk ingest. The pool recovers on its own, the caller
 * learns which batch failed (and resends it under its batch id, as PostgreSQL can commit a
 * transaction and lose the connection before its answer), no batch is half committed, and every
 * acknowledged row is there, once. Runs on a server of its own, which it stops and starts.
 */
class DatabaseRestartDuringIngestTest {

    private static final int BATCHES = 120;
    private static final int ROWS_PER_BATCH = 500;

    @Test
    void shouldLoseNothingAcknowledgedAndCommitNoPartialBatch(@TempDir Path dataDirectory) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedServer first = EmbeddedServer.startPersistent(dataDirectory, port);
        DatabaseUrl url = first.url("postgres");
        MigrationRunner runner = new MigrationRunner(url.dataSource());
        runner.migrate(Domain.TRAINING);
        new ScenarioSeeder(url.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1000);
        EmbeddedServer[] current = {first};
        List<Integer> acknowledged = new ArrayList<>();
        List<FailedAttempt> failures = new ArrayList<>();
        try (HikariDataSource pool = new HikariDataSource(config)) {
            DSLContext ctx = DalDsl.using(pool);
            UUID scenario = new ScenarioRepository(ctx).findByKey("heart-attack").orElseThrow().id();
            UUID session = new CallSessionRepository(ctx).start("ingest", scenario).id();

            CompletableFuture<Void> restart = null;
            for (int batch = 0; batch < BATCHES; batch++) {
                if (batch == 20) {
                    restart = CompletableFuture.runAsync(() -> {
                        current[0].close();
                        current[0] = EmbeddedServer.startPersistent(dataDirectory, port);
                    });
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                UUID batchId = UUID.randomUUID();
                List<TranscriptEntry> rows = batchOf(batch);
                while (true) {
                    try {
                        // Resent under its batch id: a commit whose answer the restart swallowed is not stored twice.
                        ctx.transaction(tx -> new TranscriptRepository(tx.dsl()).appendAll(batchId, session, rows));
                        acknowledged.add(batch);
                        break;
                    } catch (RuntimeException e) {
                        failures.add(FailedAttempt.of(batch, e));
                        assertTrue(System.nanoTime() < deadline, "the pool did not recover within 60 s; restart "
                                + (restart.isDone() ? (restart.isCompletedExceptionally() ? "failed" : "done") : "running")
                                + "; last failures " + failures.subList(Math.max(0, failures.size() - 3), failures.size()));
                        Thread.sleep(100);
                    }
                }
            }
            restart.get(60, TimeUnit.SECONDS);

            assertTrue(!failures.isEmpty(), "the restart was not felt by any batch; the test proved nothing");
            assertTrue(failures.stream().allMatch(f -> f.sqlState().startsWith("08") || f.sqlState().startsWith("57P")
                            || f.sqlState().equals("SQLTransientConnectionException")),
                    "every failure tells the caller the connection was lost: " + failures);
            assertEquals(BATCHES, acknowledged.size());
            Field<Long> batchOfRow = CALL_TRANSCRIPTS.TIMESTAMP_MS.div(DSL.inline(1_000_000L)); // bigint division: the batch number
            Map<Long, Integer> rowsPerBatch = ctx.select(batchOfRow, DSL.count())
                    .from(CALL_TRANSCRIPTS)
                    .where(CALL_TRANSCRIPTS.SESSION_ID.eq(session))
                    .groupBy(batchOfRow)
                    .fetchMap(r -> r.value1(), r -> r.value2());
            assertEquals(BATCHES, rowsPerBatch.size(), "every acknowledged batch is stored");
            rowsPerBatch.forEach((batch, count) -> assertEquals(ROWS_PER_BATCH, count, "batch " + batch + " is complete, once"));
            System.out.println("restart during ingest: " + BATCHES + " batches acknowledged, " + failures.size()
                    + " failed attempts (" + failures.stream().map(FailedAttempt::batch).distinct().toList() + "), "
                    + "SQLSTATEs " + failures.stream().map(FailedAttempt::sqlState).distinct().toList());
        } finally {
            current[0].close();
        }
    }

    /** Rows of one batch: timestamps batch * 1,000,000 + i, so a row tells which batch it belongs to. */
    private static List<TranscriptEntry> batchOf(int batch) {
        List<TranscriptEntry> rows = new ArrayList<>(ROWS_PER_BATCH);
        for (int i = 0; i < ROWS_PER_BATCH; i++) {
            rows.add(TranscriptEntry.of(batch * 1_000_000L + i, i % 2 == 0 ? Speaker.OPERATOR : Speaker.CALLER,
                    "batch " + batch + " line " + i));
        }
        return rows;
    }
}
