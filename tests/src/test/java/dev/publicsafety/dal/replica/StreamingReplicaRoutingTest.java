package dev.publicsafety.dal.replica;

import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedReplicaPair;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetOptions;
import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.CapturedLog;
import dev.publicsafety.dal.training.CallSession;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.TrainingOptions;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router against a real streaming replica: a primary and a hot standby started by
 * {@link EmbeddedReplicaPair} (always their own pair, whatever DAL_TEST_DATABASE_URL says), the fleet
 * schema migrated on the primary, and every unit of work run as the application role.
 */
class StreamingReplicaRoutingTest {

    static {
        // the router says at INFO when the replica serves again; the test log level is WARN
        System.setProperty("org.slf4j.simpleLogger.log.dev.publicsafety.dal.replica", "info");
    }

    private static final String DATABASE = "fleet_replica";
    private static final Actor DISPATCHER = Actor.service("replica-test");

    private static EmbeddedReplicaPair pair;
    private static DataSource primary;
    private static DataSource replica;
    private static UUID org;

    @BeforeAll
    static void startPair() throws SQLException {
        pair = EmbeddedReplicaPair.start();
        superuser("CREATE DATABASE " + DATABASE);
        DataSource owner = pair.primary(DATABASE).dataSource();
        new MigrationRunner(owner).migrateAll();
        String role = "dal_app_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
        FleetRoles.createApplicationRole(owner, role, "pw-" + role);
        primary = asRole(pair.primary(DATABASE), role);
        replica = asRole(pair.replica(DATABASE), role);
        org = fleet(ReplicaOptions.defaults()).createOrganization(DISPATCHER, NewOrganization.of("Replica County", "replica-county")).id();
        pair.awaitCaughtUp(); // the role, the schema and the organization exist on the standby too
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void shouldRunReadsOnTheReplicaAndWritesOnThePrimary() {
        FleetDatabase fleet = fleet(ReplicaOptions.defaults());

        assertTrue(fleet.read(org, StreamingReplicaRoutingTest::inRecovery), "read() ran on the standby");
        assertFalse(fleet.inTransaction(org, DISPATCHER, StreamingReplicaRoutingTest::inRecovery), "inTransaction() ran on the primary");
        assertFalse(fleet.write(org, DISPATCHER, StreamingReplicaRoutingTest::inRecovery).value(), "write() ran on the primary");
    }

    @Test
    void shouldReadItsOwnWriteOnTheReplicaWithTheCommitPosition() {
        FleetDatabase fleet = fleet(ReplicaOptions.defaults().withMaxWait(Duration.ofSeconds(10)));

        for (int i = 0; i < 20; i++) {
            Committed<Incident> opened = fleet.write(org, DISPATCHER, tx -> tx.incidents().open(incident()));
            Seen seen = fleet.read(org, opened.position(), tx -> Seen.in(tx, opened.value().id()));

            assertEquals(new Seen(true, true), seen, "read " + i + " of its own write, after " + opened.position());
        }
    }

    @Test
    void shouldWaitForTheTokenThenReadOnThePrimaryWhileReplayIsPaused() {
        Duration maxWait = Duration.ofMillis(200);
        FleetDatabase fleet = fleet(ReplicaOptions.defaults().withMaxWait(maxWait));
        pair.pauseReplay();
        try {
            Committed<Incident> opened = fleet.write(org, DISPATCHER, tx -> tx.incidents().open(incident()));

            long start = System.nanoTime();
            Seen withToken = fleet.read(org, opened.position(), tx -> Seen.in(tx, opened.value().id()));
            long waitedNanos = System.nanoTime() - start;
            Seen withoutToken = fleet.read(org, tx -> Seen.in(tx, opened.value().id()));

            assertEquals(new Seen(false, true), withToken, "with the token: the primary, which has the write");
            assertTrue(waitedNanos >= maxWait.toNanos(), "it waited for the replica first: " + waitedNanos / 1_000_000 + " ms");
            assertEquals(new Seen(true, false), withoutToken, "without it: the replica's older state");
        } finally {
            pair.resumeReplay();
        }
    }

    @Test
    void shouldServeTheTokenFromTheReplicaOnceReplayCatchesUpWithinTheWait() throws Exception {
        FleetDatabase fleet = fleet(ReplicaOptions.defaults().withMaxWait(Duration.ofSeconds(20)));
        pair.pauseReplay();
        CompletableFuture<Void> resume;
        Committed<Incident> opened;
        try {
            opened = fleet.write(org, DISPATCHER, tx -> tx.incidents().open(incident()));
        } finally {
            resume = CompletableFuture.runAsync(pair::resumeReplay, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        }

        Seen seen = fleet.read(org, opened.position(), tx -> Seen.in(tx, opened.value().id()));

        resume.get(30, TimeUnit.SECONDS);
        assertEquals(new Seen(true, true), seen, "the read waited on the replica until replay resumed");
    }

    @Test
    void shouldSendReadsToThePrimaryWhileTheReplicaIsTooFarBehindAndSaySoOnce() throws SQLException {
        FleetDatabase fleet = fleet(ReplicaOptions.defaults().withMaxLagBytes(256 * 1024).withHealthCheckInterval(Duration.ZERO));
        assertTrue(fleet.read(org, StreamingReplicaRoutingTest::inRecovery));
        String log;
        pair.pauseReplay();
        try (CapturedLog captured = CapturedLog.start()) {
            superuser("SELECT pg_logical_emit_message(false, 'replica-test', repeat('x', 1024 * 1024))"); // 1 MiB of WAL

            assertFalse(fleet.read(org, StreamingReplicaRoutingTest::inRecovery), "behind by more than maxLagBytes: the primary");
            assertFalse(fleet.read(org, StreamingReplicaRoutingTest::inRecovery));
            log = captured.text();
        } finally {
            pair.resumeReplay();
        }

        assertEquals(1, count(log, "read replica is too far behind"), log);
        assertTrue(awaitReadOnReplica(fleet), "caught up again: reads return to the replica");
    }

    @Test
    void shouldReadFromThePrimaryWhileTheReplicaIsStoppedAndReturnWhenItIsBack() {
        FleetDatabase fleet = fleet(ReplicaOptions.defaults().withHealthCheckInterval(Duration.ZERO));
        UUID id = fleet.inTransaction(org, DISPATCHER, tx -> tx.incidents().open(incident())).id();
        assertTrue(fleet.read(org, StreamingReplicaRoutingTest::inRecovery));

        try (CapturedLog captured = CapturedLog.start()) {
            pair.stopReplica();
            try {
                Seen first = fleet.read(org, tx -> Seen.in(tx, id));
                Seen second = fleet.read(org, tx -> Seen.in(tx, id));

                assertEquals(new Seen(false, true), first, "the replica is down: the primary serves");
                assertEquals(new Seen(false, true), second);
                assertEquals(1, count(captured.text(), "read replica is down"), captured.text());
            } finally {
                pair.startReplica();
            }
            assertTrue(awaitReadOnReplica(fleet), "back: reads return to the replica");
            assertEquals(1, count(captured.text(), "read replica serves reads again"), captured.text());
        }
    }

    @Test
    void shouldRunAgainOnThePrimaryWhenPooledReplicaConnectionsBreakMidway() {
        HikariConfig config = new HikariConfig();
        config.setDataSource(replica);
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1000);
        try (HikariDataSource pooled = new HikariDataSource(config); CapturedLog captured = CapturedLog.start()) {
            FleetDatabase fleet = new FleetDatabase(new ReplicaRouter(primary, pooled,
                    ReplicaOptions.defaults().withHealthCheckInterval(Duration.ofMinutes(10))), FleetOptions.defaults());
            assertTrue(fleet.read(org, StreamingReplicaRoutingTest::inRecovery), "the pool holds a replica connection");

            pair.stopReplica(); // the health check is not due: the read finds out by itself
            try {
                assertFalse(fleet.read(org, StreamingReplicaRoutingTest::inRecovery), "the read ran again on the primary");
                assertFalse(fleet.read(org, StreamingReplicaRoutingTest::inRecovery));
                assertEquals(1, count(captured.text(), "read replica is down"), captured.text());
            } finally {
                pair.startReplica();
            }
        }
    }

    @Test
    void shouldReadOnTheReplicaWhenTransactionsAreSerializable() {
        FleetDatabase fleet = new FleetDatabase(new ReplicaRouter(primary, replica, ReplicaOptions.defaults()),
                FleetOptions.defaults().withIsolation(FleetOptions.Isolation.SERIALIZABLE));

        assertTrue(fleet.read(org, StreamingReplicaRoutingTest::inRecovery), "read at REPEATABLE READ, which a standby allows");
        assertEquals("repeatable read", fleet.read(org, tx -> tx.dsl().fetchValue("SHOW transaction_isolation", String.class)));
    }

    @Test
    void shouldSendReadsToThePrimaryWhenTheReplicaIsNotInRecovery() {
        // a "replica" that is a primary: what a promoted standby looks like to the router
        FleetDatabase fleet = new FleetDatabase(new ReplicaRouter(primary, primary, ReplicaOptions.defaults()),
                FleetOptions.defaults());
        try (CapturedLog captured = CapturedLog.start()) {
            Committed<Incident> opened = fleet.write(org, DISPATCHER, tx -> tx.incidents().open(incident()));

            assertEquals(new Seen(false, true), fleet.read(org, opened.position(), tx -> Seen.in(tx, opened.value().id())));
            assertEquals(1, count(captured.text(), "read replica is not a standby"), captured.text());
        }
    }

    @Test
    void shouldKeepOrganizationsApartOnTheReplicaForTheApplicationRole() {
        FleetDatabase fleet = fleet(ReplicaOptions.defaults().withMaxWait(Duration.ofSeconds(10)));
        UUID other = fleet.createOrganization(DISPATCHER, NewOrganization.of("Other County", "other-" + UUID.randomUUID())).id();
        Committed<Incident> theirs = fleet.write(other, DISPATCHER, tx -> tx.incidents().open(incident()));

        // no org_id filter: only row-level security stands between this read and the other organization
        List<UUID> orgsSeen = fleet.read(org, theirs.position(), tx -> {
            assertTrue(inRecovery(tx), "on the standby");
            assertEquals(false, tx.dsl().select(DSL.field("(SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = current_user)",
                    Boolean.class)).fetchSingle().value1(), "as a role subject to row-level security");
            return tx.dsl().selectDistinct(INCIDENTS.ORG_ID).from(INCIDENTS).fetch(INCIDENTS.ORG_ID);
        });
        List<UUID> theirsSeen = fleet.read(other, theirs.position(), tx -> tx.dsl().selectDistinct(INCIDENTS.ORG_ID).from(INCIDENTS).fetch(INCIDENTS.ORG_ID));

        assertFalse(orgsSeen.contains(other), "the other organization's incident stays hidden: " + orgsSeen);
        assertEquals(List.of(other), theirsSeen, "its own organization sees it on the replica");
    }

    @Test
    void shouldRejectWritesInAReadOnlyUnitOnTheReplicaAndOnThePrimary() {
        FleetDatabase routed = fleet(ReplicaOptions.defaults());
        FleetDatabase primaryOnly = new FleetDatabase(primary);
        int before = primaryOnly.inTransaction(org, DISPATCHER, tx -> tx.dsl().fetchCount(INCIDENTS));

        assertEquals("25006", sqlStateOf(() -> routed.read(org, tx -> tx.incidents().open(incident()))), "on the replica");
        assertEquals("25006", sqlStateOf(() -> primaryOnly.read(org, tx -> tx.incidents().open(incident()))), "on the primary");
        int after = primaryOnly.inTransaction(org, DISPATCHER, tx -> tx.dsl().fetchCount(INCIDENTS));
        assertEquals(before, after, "nothing was written");
    }

    @Test
    void shouldRouteTrainingReadsTheSameWay() {
        DataSource owner = pair.primary(DATABASE).dataSource();
        new ScenarioSeeder(owner).seedBundled(ScenarioSeeder.Options.DEFAULT);
        TrainingDatabase training = new TrainingDatabase(new ReplicaRouter(owner, pair.replica(DATABASE).dataSource(),
                ReplicaOptions.defaults().withMaxWait(Duration.ofSeconds(10))), TrainingOptions.defaults());

        Committed<CallSession> started = training.write(tx -> tx.sessions().start("operator-replica",
                tx.scenarios().findByKey("heart-attack").orElseThrow().id()));
        boolean onReplica = training.read(started.position(),
                tx -> tx.dsl().select(DSL.field("pg_is_in_recovery()", Boolean.class)).fetchSingle().value1());
        CallSession read = training.read(started.position(), tx -> tx.sessions().findById(started.value().id())).orElseThrow();

        assertTrue(onReplica, "a training read with the token ran on the standby");
        assertEquals("operator-replica", read.operatorId(), "and saw the write");
        assertEquals("25006", sqlStateOf(() -> training.read(tx -> tx.sessions().start("operator-nope",
                started.value().scenarioId()))), "a write in a read-only training unit");
        assertEquals("25006", sqlStateOf(() -> new TrainingDatabase(owner).read(null, tx -> tx.sessions().start("operator-nope",
                started.value().scenarioId()))), "on the primary too");
    }

    /** Where a unit of work ran and whether it saw one incident. */
    private record Seen(boolean onReplica, boolean found) {

        static Seen in(FleetTransaction tx, UUID incident) {
            return new Seen(inRecovery(tx), tx.incidents().findById(incident).isPresent());
        }
    }

    private static boolean inRecovery(FleetTransaction tx) {
        return tx.dsl().select(DSL.field("pg_is_in_recovery()", Boolean.class)).fetchSingle().value1();
    }

    /** Whether a read lands on the replica within a bounded time (it must first replay what it missed). */
    private static boolean awaitReadOnReplica(FleetDatabase fleet) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (fleet.read(org, StreamingReplicaRoutingTest::inRecovery)) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static FleetDatabase fleet(ReplicaOptions options) {
        return new FleetDatabase(new ReplicaRouter(primary, replica, options), FleetOptions.defaults());
    }

    private static NewIncident incident() {
        return NewIncident.of("INC-" + UUID.randomUUID().toString().substring(0, 8), "Structure fire", "fire", 1);
    }

    private static String sqlStateOf(Runnable work) {
        try {
            work.run();
        } catch (DataAccessException e) {
            return e.sqlState();
        }
        return fail("the write in a read-only unit of work succeeded");
    }

    private static DataSource asRole(DatabaseUrl superuser, String role) {
        return new DatabaseUrl(superuser.host(), superuser.port(), superuser.database(), role, "pw-" + role, Map.of()).dataSource();
    }

    private static void superuser(String sql) throws SQLException {
        try (Connection connection = pair.primary("postgres").dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int count(String text, String phrase) {
        return text.split(java.util.regex.Pattern.quote(phrase), -1).length - 1;
    }
}
