package dev.publicsafety.dal.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.partition.PartitionMaintenance.Retention;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.NeedsServerTimers;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Retention against a writer in the middle of its transaction, in the order the data layer takes
 * its locks: the channel read first (its live-channel check), then the INSERT into transmissions. The
 * writer has read the channel when retention begins; retention then waits for that channel to drop
 * the detached month's foreign key to it, and the writer's INSERT must not find the parent locked
 * behind it (that was a deadlock: the DETACH held the parent while the DROP waited for the channel,
 * and PostgreSQL aborted one of the two after a second). A drop that cannot get its lock leaves the
 * month detached, and the next run drops it. Dates are derived from the current month.
 */
@IsolatedDatabase
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionWhileWritingTest {

    @Test
    @Order(1)
    @NeedsServerTimers // on a deadlock, only deadlock_timeout would end the wait
    void shouldLetAWriterHoldingAChannelFinishWhileRetentionDropsAMonth(TestDatabase db) throws Exception {
        OffsetDateTime month = OffsetDateTime.now(Clock.systemUTC()).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        UUID org = UUID.randomUUID();
        db.execute("INSERT INTO fleet.organizations (id, name, slug) VALUES ('" + org + "', 'East', 'east')",
                "INSERT INTO fleet.radio_channels (org_id, name, source_type) VALUES ('" + org + "', 'dispatch', 'SIP')",
                "INSERT INTO fleet.transmissions (org_id, channel_id, started_at, entities) SELECT org_id, id, '" + month.plusDays(2)
                        + "', '[{\"type\": \"PLATE\", \"value\": \"OLD1\"}]' FROM fleet.radio_channels");
        PartitionMaintenance later = new PartitionMaintenance(db.dataSource(),
                Clock.fixed(month.plusMonths(2).plusDays(1).toInstant(), ZoneOffset.UTC));
        OffsetDateTime kept = month.plusMonths(1).plusDays(5);

        try (Connection writer = db.dataSource().getConnection(); Statement sql = writer.createStatement()) {
            writer.setAutoCommit(false);
            sql.executeQuery("SELECT id FROM fleet.radio_channels WHERE org_id = '" + org + "'").close();

            CompletableFuture<List<RetentionStep>> retention = CompletableFuture.supplyAsync(
                    () -> later.applyRetention(new Retention(OptionalInt.of(1), OptionalInt.empty(), false)));
            awaitWaitingFor(db, "fleet.radio_channels", retention);
            sql.execute("INSERT INTO fleet.transmissions (org_id, channel_id, started_at) SELECT org_id, id, '" + kept
                    + "' FROM fleet.radio_channels WHERE org_id = '" + org + "'");
            writer.commit();

            List<RetentionStep> steps = retention.get(30, TimeUnit.SECONDS);
            assertEquals(List.of("fleet.transmissions_before_" + suffix(month), "fleet.transmissions_" + suffix(month)),
                    steps.stream().map(s -> s.partition().qualifiedName()).toList());
        }
        assertEquals(1, db.count("SELECT count(*) FROM fleet.transmissions WHERE started_at = '" + kept + "'"), "the write went in");
        assertEquals(0, db.count("SELECT count(*) FROM fleet.transmissions WHERE started_at < '" + month.plusMonths(1) + "'"));
        assertEquals(0, db.count("SELECT count(*) FROM fleet.transmission_mentions WHERE entity_value = 'OLD1'"));
        assertEquals(0, db.count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'fleet_detached' AND c.relname LIKE 'transmissions%'"), "dropped, none left detached");
    }

    @Test
    @Order(2)
    @NeedsServerTimers
    void shouldLeaveAMonthWhoseDropTimesOutDetachedAndDropItOnTheNextRun(TestDatabase db) throws Exception {
        OffsetDateTime month = OffsetDateTime.now(Clock.systemUTC()).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        String next = "transmissions_" + suffix(month.plusMonths(1));
        PartitionMaintenance later = new PartitionMaintenance(db.dataSource(),
                Clock.fixed(month.plusMonths(3).plusDays(1).toInstant(), ZoneOffset.UTC));
        Retention oneMonth = new Retention(OptionalInt.of(1), OptionalInt.empty(), false);

        try (Connection reader = db.dataSource().getConnection(); Statement sql = reader.createStatement()) {
            reader.setAutoCommit(false);
            sql.executeQuery("SELECT count(*) FROM fleet.radio_channels").close(); // a long transaction that read the channels
            RuntimeException stopped = assertThrows(RuntimeException.class, () -> later.applyRetention(oneMonth));
            reader.rollback();
            assertTrue(stopped.getMessage().contains("did not drop [") && stopped.getMessage().contains(next)
                    && stopped.getMessage().contains("a lock was not granted within 10 s"), stopped.getMessage());
        }
        assertEquals(List.of("fleet_detached." + next), later.list().stream().filter(p -> !p.attached())
                .map(Partition::qualifiedName).toList(), "detached, out of the application's schema");

        List<RetentionStep> again = later.applyRetention(oneMonth);

        assertEquals(List.of("DROP_DETACHED fleet_detached." + next),
                again.stream().map(s -> s.action() + " " + s.partition().qualifiedName()).toList());
        assertEquals(List.of(), later.list().stream().filter(p -> !p.attached()).toList());
    }

    /** Until some session waits for a lock on {@code table} (retention, at its DROP), or retention ended (it then failed). */
    private static void awaitWaitingFor(TestDatabase db, String table, CompletableFuture<?> retention) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (db.count("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = '" + table + "'::regclass") == 0) {
            assertTrue(System.nanoTime() < deadline, "retention never waited for " + table);
            if (retention.isDone()) {
                retention.join(); // its failure, if any, is the test's
                return;
            }
            Thread.sleep(20);
        }
    }

    private static String suffix(OffsetDateTime month) {
        return String.format("%04d_%02d", month.getYear(), month.getMonthValue());
    }
}
