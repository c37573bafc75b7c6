package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.PgBouncer;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * pgjdbc turns a statement that one connection has run five times ({@code prepareThreshold}) into a
 * named prepared statement of the server session it ran on. Through PgBouncer 1.18 in transaction
 * pooling mode, a later transaction of that connection may run in another server session, where the
 * name does not exist. With the URL the test kit (and the README) gives a pooled connection,
 * {@code prepareThreshold=0}, every repository path runs again and again on several client
 * connections that share two server sessions; with the driver's default the same work fails as
 * soon as a client lands on the other session, which shows that this test tells the two apart.
 */
@IsolatedDatabase
@Tag("pgbouncer")
class PreparedStatementsThroughPgBouncerTest {

    private static final int SERVER_CONNECTIONS = 2;
    private static final int CLIENTS = 4;
    /** More than the driver's default prepareThreshold (5) on every client connection. */
    private static final int ROUNDS = 7;
    private static final OffsetDateTime AT = OffsetDateTime.parse("2025-06-01T12:00:00Z");

    private static ApplicationRole app;

    @BeforeAll
    static void startPgBouncer(TestDatabase db) {
        app = ApplicationRole.throughPgBouncer(db, SERVER_CONNECTIONS, 1);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void shouldRunEveryRepositoryPathMoreThanFiveTimesOnEachOfSeveralConnections() throws Exception {
        assertEquals(app.pgBouncerPort(), app.url().port(), "the role logs in through PgBouncer");
        assertEquals("0", app.url().parameters().get("prepareThreshold"));
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Set<Integer>>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String client = "client" + (char) ('a' + c); // TenantBuilder takes lowercase letters
                clients.add(threads.submit(() -> rounds(app.url(), client)));
            }
            Set<Integer> sessions = new HashSet<>();
            boolean someClientMoved = false;
            for (Future<Set<Integer>> client : clients) {
                Set<Integer> used = client.get(5, TimeUnit.MINUTES);
                sessions.addAll(used);
                someClientMoved |= used.size() > 1;
            }
            assertTrue(sessions.size() <= SERVER_CONNECTIONS, "server sessions used: " + sessions);
            assertTrue(someClientMoved, "some client connection ran its transactions in more than one server session");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldLoseANamedStatementWithTheDriversDefaultThreshold() throws SQLException {
        DatabaseUrl pooled = app.url();
        DatabaseUrl defaults = new DatabaseUrl(pooled.host(), pooled.port(), pooled.database(), pooled.user(), pooled.password(), Map.of());
        try (HikariDataSource client = singleConnection(defaults); Connection other = defaults.dataSource().getConnection()) {
            FleetDatabase fleet = new FleetDatabase(client);
            SeededTenant tenant = TenantBuilder.build(fleet, "solo");
            for (int round = 0; round < ROUNDS; round++) {
                fleet.inTransaction(tenant.org(), tenant.actor(), tx -> readAndIngest(tx, tenant));
            }
            // another client's transaction now holds the one server session the statements were named in
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("SELECT 1");
            }
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> fleet.inTransaction(tenant.org(), tenant.actor(), tx -> readAndIngest(tx, tenant)));
            assertTrue(namesMissingStatement(failure), "expected: prepared statement \"S_…\" does not exist (26000), was: " + failure);
            other.rollback();
        }
    }

    /** {@link #ROUNDS} rounds of every repository path on a connection of its own; returns the server sessions they ran in. */
    private static Set<Integer> rounds(DatabaseUrl url, String client) {
        Set<Integer> sessions = new HashSet<>();
        try (HikariDataSource connection = singleConnection(url)) {
            FleetDatabase fleet = new FleetDatabase(connection);
            for (int round = 0; round < ROUNDS; round++) {
                SeededTenant tenant = TenantBuilder.build(fleet, client + "round" + (char) ('a' + round));
                sessions.add(fleet.inTransaction(tenant.org(), tenant.actor(), tx -> readAndIngest(tx, tenant)));
            }
        }
        return sessions;
    }

    /**
     * The read paths of the repositories and both ingest paths (a multi-row insert below 64 rows,
     * COPY through the staging table from 64), each checked for its rows; returns the server session.
     */
    private static int readAndIngest(FleetTransaction tx, SeededTenant tenant) {
        int session = tx.dsl().select(DSL.function("pg_backend_pid", Integer.class)).fetchSingle().value1();
        assertEquals(tenant.incidentNumber(), tx.incidents().get(tenant.incident()).number());
        assertTrue(tx.incidents().findByNumber(tenant.incidentNumber()).isPresent());
        assertFalse(tx.incidents().openByPriority(PageRequest.first(10)).items().isEmpty());
        assertFalse(tx.incidents().taggedWith(tenant.tag(), PageRequest.first(10)).items().isEmpty());
        assertEquals(tenant.task(), tx.tasks().get(tenant.task()).id());
        assertFalse(tx.tasks().openFor(tenant.user(), PageRequest.first(10)).items().isEmpty());
        assertEquals(tenant.crew(), tx.crews().get(tenant.crew()).id());
        assertFalse(tx.crews().members(tenant.crew()).isEmpty());
        assertEquals(tenant.asset(), tx.assets().get(tenant.asset()).id());
        assertEquals(tenant.user(), tx.users().get(tenant.user()).id());
        assertFalse(tx.suggestions().forIncident(tenant.incident(), PageRequest.first(10)).items().isEmpty());
        assertFalse(tx.transmissions().mentioning("PLATE", tenant.plate(), PageRequest.first(10)).items().isEmpty());
        assertFalse(tx.transmissions().searchTranscripts("plate " + tenant.name(), PageRequest.first(10)).items().isEmpty());
        assertFalse(tx.transmissions().channelTraffic(tenant.channel(), AT.minusHours(1), AT.plusHours(1), PageRequest.first(10)).items().isEmpty());
        assertFalse(tx.auditLogs().byActor(tenant.user(), PageRequest.first(10)).items().isEmpty());
        assertEquals(3, tx.transmissions().bulkIngest(batch(tenant, 3)).count());
        assertEquals(80, tx.transmissions().bulkIngest(batch(tenant, 80)).count());
        return session;
    }

    private static List<NewTransmission> batch(SeededTenant tenant, int rows) {
        return IntStream.range(0, rows)
                .mapToObj(i -> NewTransmission.of(tenant.channel(), AT.plusSeconds(i), AT.plusSeconds(i + 1)))
                .toList();
    }

    private static HikariDataSource singleConnection(DatabaseUrl url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(1);
        return new HikariDataSource(config);
    }

    private static boolean namesMissingStatement(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "26000".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
