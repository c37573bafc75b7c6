package dev.publicsafety.dal.reliability;

import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_LOGS;
import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static dev.publicsafety.dal.generated.fleet.Tables.ORGANIZATIONS;
import static dev.publicsafety.dal.generated.fleet.Tables.TASKS;
import static dev.publicsafety.dal.generated.fleet.Tables.TRANSMISSIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.PgBouncer;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two organizations' transactions, and transactions that set no organization at all, interleaved
 * by eight client connections on two server sessions of a PgBouncer in transaction pooling mode:
 * one server session serves one organization, then the other, then nobody, in turn. The
 * organization is bound to the transaction (fleet V2), so none of them ever sees a row of the
 * other organization, through the repositories or raw SQL, and one that sets none sees no tenant
 * row at all.
 */
@IsolatedDatabase
@Tag("pgbouncer")
class TenantIsolationThroughPgBouncerTest {

    private static final int SERVER_CONNECTIONS = 2;
    private static final int CLIENTS = 8;
    private static final int UNITS_PER_CLIENT = 30;

    private static TestDatabase database;
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static SeededTenant alpha;
    private static SeededTenant bravo;

    /** One unit of work: which server session ran it, in which order there, for whom ("" for nobody), and what it saw of others. */
    private record Unit(int session, long order, String tenant, List<String> foreignRows) {
    }

    @BeforeAll
    static void twoOrganizations(TestDatabase db) {
        database = db;
        app = ApplicationRole.throughPgBouncer(db, SERVER_CONNECTIONS, CLIENTS);
        fleet = new FleetDatabase(app.dataSource());
        alpha = TenantBuilder.build(fleet, "alpha");
        bravo = TenantBuilder.build(fleet, "bravo");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void shouldShowNoOrganizationTheOthersRowsWhenTheyTakeTurnsOnFewerServerSessions() throws Exception {
        assertEquals(app.pgBouncerPort(), app.url().port(), "the role logs in through PgBouncer");
        AtomicLong clock = new AtomicLong();
        Collection<Unit> units = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(threads.submit(() -> {
                    for (int i = 0; i < UNITS_PER_CLIENT; i++) {
                        units.add(switch ((client + i) % 3) {
                            case 0 -> asTenant(alpha, bravo, client + "-" + i, clock);
                            case 1 -> asTenant(bravo, alpha, client + "-" + i, clock);
                            default -> asNobody(clock);
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get(5, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }

        assertEquals(List.of(), units.stream().flatMap(u -> u.foreignRows().stream()).toList(), "rows seen by the wrong party");
        Map<Integer, List<Unit>> bySession = units.stream().collect(Collectors.groupingBy(Unit::session));
        assertTrue(bySession.size() <= SERVER_CONNECTIONS, "server sessions used: " + bySession.keySet());
        assertTrue(bySession.values().stream().anyMatch(TenantIsolationThroughPgBouncerTest::alternates),
                "some server session ran alpha, bravo and nobody's transactions one right after another");
        for (SeededTenant tenant : List.of(alpha, bravo)) {
            int written = (int) units.stream().filter(u -> u.tenant().equals(tenant.name())).count();
            assertEquals(Map.of(tenant.org(), written), incidentsNumbered(tenant.name() + "-%"),
                    "each of " + tenant + "'s units wrote one incident, in " + tenant);
        }
    }

    /** A unit of work of {@code own}: writes an incident, then reads through the repositories and raw SQL. */
    private static Unit asTenant(SeededTenant own, SeededTenant other, String suffix, AtomicLong clock) {
        return fleet.inTransaction(own.org(), own.actor(), tx -> {
            int session = session(tx.dsl());
            long order = clock.incrementAndGet(); // one server session runs one transaction at a time: this orders them there
            Incident written = tx.incidents().open(NewIncident.of(own.name() + "-" + suffix, "Unit " + suffix, "fire", 3));
            List<String> foreign = new ArrayList<>();
            if (tx.incidents().findById(written.id()).isEmpty()) {
                foreign.add(own + " cannot read its own new incident");
            }
            tx.incidents().openByPriority(PageRequest.first(PageRequest.MAX_SIZE)).items().stream()
                    .filter(i -> !i.orgId().equals(own.org()))
                    .forEach(i -> foreign.add(own + " listed incident " + i.number()));
            if (tx.incidents().findById(other.incident()).isPresent() || tx.tasks().findById(other.task()).isPresent()) {
                foreign.add(own + " read " + other + "'s incident or task by id");
            }
            organizations(tx.dsl()).stream().filter(org -> !org.equals(own.org()))
                    .forEach(org -> foreign.add(own + " saw raw rows of organization " + org));
            return new Unit(session, order, own.name(), foreign);
        });
    }

    /** A transaction on the application role's connection that sets no organization: it must see no tenant row. */
    private static Unit asNobody(AtomicLong clock) {
        try (Connection connection = app.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
                int session = session(dsl);
                long order = clock.incrementAndGet();
                List<String> seen = Stream.concat(
                                dsl.select(ORGANIZATIONS.ID).from(ORGANIZATIONS).fetch(ORGANIZATIONS.ID).stream(),
                                organizations(dsl).stream())
                        .map(org -> "a transaction without organization saw rows of " + org)
                        .toList();
                return new Unit(session, order, "", seen);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The organizations of every incident, task, transmission and audit row the connection can see. */
    private static Set<UUID> organizations(DSLContext dsl) {
        return dsl.selectDistinct(INCIDENTS.ORG_ID).from(INCIDENTS)
                .union(DSL.selectDistinct(TASKS.ORG_ID).from(TASKS))
                .union(DSL.selectDistinct(TRANSMISSIONS.ORG_ID).from(TRANSMISSIONS))
                .union(DSL.selectDistinct(AUDIT_LOGS.ORG_ID).from(AUDIT_LOGS))
                .fetchSet(INCIDENTS.ORG_ID);
    }

    private static int session(DSLContext dsl) {
        return dsl.select(DSL.function("pg_backend_pid", Integer.class)).fetchSingle().value1();
    }

    /** True if, in the order the session ran them, an alpha, a bravo and a nobody's transaction came one right after another. */
    private static boolean alternates(List<Unit> session) {
        List<String> tenants = session.stream().sorted(Comparator.comparingLong(Unit::order)).map(Unit::tenant).toList();
        for (int i = 2; i < tenants.size(); i++) {
            if (Stream.of(tenants.get(i - 2), tenants.get(i - 1), tenants.get(i)).distinct().count() == 3) {
                return true;
            }
        }
        return false;
    }

    /** How many incidents numbered like {@code pattern} each organization has, as the owner sees them (no row-level security). */
    private static Map<UUID, Integer> incidentsNumbered(String pattern) {
        return DSL.using(database.dataSource(), SQLDialect.POSTGRES)
                .select(INCIDENTS.ORG_ID, DSL.count()).from(INCIDENTS)
                .where(INCIDENTS.INCIDENT_NUMBER.like(pattern))
                .groupBy(INCIDENTS.ORG_ID)
                .fetchMap(INCIDENTS.ORG_ID, DSL.count());
    }
}
