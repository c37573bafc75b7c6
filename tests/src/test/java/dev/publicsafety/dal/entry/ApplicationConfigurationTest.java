package dev.publicsafety.dal.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultTransactionProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both databases built from an application's jOOQ {@link Configuration}: its execute listeners see
 * every repository query (the pre-rendered fast path included), its settings shape the SQL, and its
 * transaction provider begins and commits each call.
 */
@IsolatedDatabase
class ApplicationConfigurationTest {

    private static final Actor ACTOR = Actor.service("configuration-test");
    private static ApplicationRole app;
    private static TestDatabase database;
    private static UUID org;

    @BeforeAll
    static void setUp(TestDatabase db, ApplicationRole role) {
        database = db;
        app = role;
        org = new FleetDatabase(app.dataSource()).createOrganization(ACTOR, NewOrganization.of("Configured", "configured")).id();
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
    }


    /** An application's configuration: upper-case keywords, a listener that records each query, a counting transaction provider. */
    private static final class Application {
        final List<String> executed = new ArrayList<>();
        final CountingTransactions transactions;
        final Configuration configuration;

        Application(DataSource dataSource) {
            transactions = new CountingTransactions(new DefaultTransactionProvider(new DataSourceConnectionProvider(dataSource)));
            configuration = new DefaultConfiguration().set(dataSource).set(SQLDialect.POSTGRES)
                    .set(DalDsl.settings().withRenderKeywordCase(RenderKeywordCase.UPPER))
                    .set(transactions)
                    .set(new ExecuteListener() {
                        @Override
                        public void executeStart(ExecuteContext ctx) {
                            executed.add(ctx.sql());
                        }
                    });
        }
    }

    private static final class CountingTransactions implements TransactionProvider {
        private final TransactionProvider delegate;
        int begun;
        int committed;
        int rolledBack;

        CountingTransactions(TransactionProvider delegate) {
            this.delegate = delegate;
        }

        @Override
        public void begin(TransactionContext ctx) {
            begun++;
            delegate.begin(ctx);
        }

        @Override
        public void commit(TransactionContext ctx) {
            committed++;
            delegate.commit(ctx);
        }

        @Override
        public void rollback(TransactionContext ctx) {
            rolledBack++;
            delegate.rollback(ctx);
        }
    }

    @Test
    void shouldRunFleetCallsThroughTheApplicationsListenersSettingsAndTransactions() {
        Application application = new Application(app.dataSource());
        FleetDatabase fleet = new FleetDatabase(application.configuration);

        UUID id = fleet.inTransaction(org, ACTOR, tx -> tx.incidents().open(NewIncident.of("CFG-1", "Smoke", "fire", 3))).id();
        fleet.inTransaction(org, ACTOR, tx -> tx.incidents().findById(id)).orElseThrow();
        assertThrows(IllegalStateException.class, () -> fleet.execute(org, ACTOR, tx -> {
            tx.incidents().get(id);
            throw new IllegalStateException("the caller gives up");
        }));

        assertEquals(List.of(3, 2, 1), List.of(application.transactions.begun, application.transactions.committed,
                application.transactions.rolledBack));
        // the partition upkeep before the first unit of work (outside its transaction); open: the
        // incident and its audit row, one statement; then two reads of it. Each unit's set-up (tenant, lock and
        // statement timeouts) goes on the transaction's connection as the library's own statement, not through the listeners
        assertEquals(4, application.executed.size(), application.executed.toString());
        assertEquals("SELECT \"fleet\".\"keep_partitions_ahead\"()", application.executed.get(0));
        assertTrue(application.executed.get(1).startsWith("WITH \"changed\" AS (INSERT INTO \"fleet\".\"incidents\"")
                && application.executed.get(1).contains("\"audited\" AS (INSERT INTO \"fleet\".\"audit_logs\""), application.executed.get(1));
        assertTrue(application.executed.subList(2, 4).stream().allMatch(sql -> sql.startsWith("SELECT")), application.executed.toString());
    }

    @Test
    void shouldRunTrainingCallsThroughTheApplicationsListenersSettingsAndTransactions() {
        Application application = new Application(database.dataSource());
        TrainingDatabase training = new TrainingDatabase(application.configuration);

        UUID scenario = training.inTransaction(tx -> tx.scenarios().findByKey("heart-attack")).orElseThrow().id();
        UUID session = training.inTransaction(tx -> tx.sessions().start("operator-cfg", scenario)).id();
        training.inTransaction(tx -> tx.sessions().findById(session)).orElseThrow();   // the pre-rendered query

        assertEquals(List.of(3, 3, 0), List.of(application.transactions.begun, application.transactions.committed,
                application.transactions.rolledBack));
        // start reads the scenario first; each unit's set-up (its timeouts) is not the application's statement, as for fleet
        assertEquals(4, application.executed.size(), application.executed.toString());
        assertTrue(application.executed.stream().allMatch(sql -> sql.startsWith("SELECT") || sql.startsWith("INSERT INTO")),
                application.executed.toString());
        assertTrue(application.executed.get(3).contains("FROM \"training\".\"call_sessions\""), application.executed.toString());
    }

    @Test
    void shouldUseTheDataLayersSettingsWhenBuiltFromADataSource() {
        RoundTripCounter fleetCalls = new RoundTripCounter();
        FleetDatabase fleet = new FleetDatabase(fleetCalls.wrap(app.dataSource()));
        fleet.inTransaction(org, ACTOR, tx -> tx.incidents().openByPriority(dev.publicsafety.dal.fleet.PageRequest.first(5)));
        RoundTripCounter trainingCalls = new RoundTripCounter();
        TrainingDatabase training = new TrainingDatabase(trainingCalls.wrap(database.dataSource()));
        training.inTransaction(tx -> tx.scenarios().findByKey("heart-attack")).orElseThrow();

        // DalDsl.settings() turns jOOQ's warning fetch (a call after every statement) off; a bare DSL.using would not.
        assertTrue(fleetCalls.statementMethods().contains("execute"), fleetCalls.statementMethods().toString());
        assertFalse(fleetCalls.statementMethods().contains("getWarnings"), fleetCalls.statementMethods().toString());
        assertFalse(trainingCalls.statementMethods().contains("getWarnings"), trainingCalls.statementMethods().toString());
    }
}
