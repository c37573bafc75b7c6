package dev.publicsafety.dal.training.seed;

import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;
import static dev.publicsafety.dal.generated.training.Tables.TRAINING_SCENARIOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.ScenarioRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Seeding on one database, in the order an operator would run it. */
@IsolatedDatabase
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScenarioSeederTest {

    private static final List<String> ALL = List.of("active-shooter", "burglary-in-progress", "car-accident",
            "domestic-violence", "heart-attack");

    @Test
    @Order(1)
    void shouldReportWithoutWritingOnADryRun(TestDatabase db) {
        SeedReport report = new ScenarioSeeder(db.dataSource()).seedBundled(new ScenarioSeeder.Options(true, false));
        assertEquals(ALL, report.inserted());
        assertTrue(report.dryRun());
        assertEquals(0, dsl(db).fetchCount(TRAINING_SCENARIOS));
    }

    @Test
    @Order(2)
    void shouldLoadTheFiveBundledScenarios(TestDatabase db) {
        SeedReport report = new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        assertEquals(ALL, report.inserted());
        assertEquals(5, report.changes());
        assertEquals(5, new ScenarioRepository(dsl(db)).findActive().size());
    }

    @Test
    @Order(3)
    void shouldChangeNothingWhenRunAgain(TestDatabase db) {
        String before = dsl(db).fetch("SELECT * FROM training.training_scenarios ORDER BY id").formatCSV();
        SeedReport report = new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        assertEquals(0, report.changes(), report::toString);
        assertEquals(ALL, report.unchanged());
        assertEquals(before, dsl(db).fetch("SELECT * FROM training.training_scenarios ORDER BY id").formatCSV());
    }

    @Test
    @Order(4)
    void shouldUpdateAnEditedScenarioInPlace(TestDatabase db) {
        List<SeedSource.SourceFile> files = edited("car-accident.json", "\"age\": 45", "\"age\": 46");
        SeedReport dryRun = new ScenarioSeeder(db.dataSource()).seed(files, new ScenarioSeeder.Options(true, false));
        assertEquals(List.of("car-accident"), dryRun.updated());
        assertEquals(45, new ScenarioRepository(dsl(db)).findByKey("car-accident").orElseThrow().callerProfile().age());

        SeedReport report = new ScenarioSeeder(db.dataSource()).seed(files, ScenarioSeeder.Options.DEFAULT);
        assertEquals(List.of("car-accident"), report.updated());
        assertEquals(46, new ScenarioRepository(dsl(db)).findByKey("car-accident").orElseThrow().callerProfile().age());
        assertEquals(5, dsl(db).fetchCount(TRAINING_SCENARIOS));
    }

    @Test
    @Order(5)
    void shouldDeactivateButNeverDeleteWhenPruning(TestDatabase db) {
        DSLContext ctx = dsl(db);
        var burglary = new ScenarioRepository(ctx).findByKey("burglary-in-progress").orElseThrow();
        ctx.insertInto(CALL_SESSIONS, CALL_SESSIONS.OPERATOR_ID, CALL_SESSIONS.SCENARIO_ID).values("op", burglary.id()).execute();
        List<SeedSource.SourceFile> withoutBurglary = SeedSource.bundled().stream()
                .filter(f -> !f.name().equals("burglary-in-progress.json")).toList();

        SeedReport notPruned = new ScenarioSeeder(db.dataSource()).seed(withoutBurglary, ScenarioSeeder.Options.DEFAULT);
        assertEquals(List.of(), notPruned.deactivated());
        assertEquals(List.of("car-accident"), notPruned.updated(), "the bundled file puts the edited age back");

        SeedReport pruned = new ScenarioSeeder(db.dataSource()).seed(withoutBurglary, new ScenarioSeeder.Options(false, true));
        assertEquals(List.of("burglary-in-progress"), pruned.deactivated());
        assertFalse(new ScenarioRepository(ctx).findByKey("burglary-in-progress").orElseThrow().active());
        assertEquals(5, ctx.fetchCount(TRAINING_SCENARIOS));
        assertEquals(1, ctx.fetchCount(CALL_SESSIONS));

        SeedReport restored = new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        assertEquals(List.of("burglary-in-progress"), restored.updated());
    }

    @Test
    @Order(6)
    void shouldNeitherDuplicateNorFailWhenTwoSeedersRunAtOnce(TestDatabase db) throws Exception {
        dsl(db).deleteFrom(CALL_SESSIONS).execute();
        dsl(db).deleteFrom(TRAINING_SCENARIOS).execute();
        int seeders = 4;
        ExecutorService pool = Executors.newFixedThreadPool(seeders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SeedReport>> reports = new ArrayList<>();
        for (int i = 0; i < seeders; i++) {
            reports.add(pool.submit(() -> {
                start.await();
                return new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
            }));
        }
        start.countDown();
        int inserted = 0;
        for (Future<SeedReport> report : reports) {
            inserted += report.get().inserted().size();
        }
        pool.shutdown();
        assertEquals(5, inserted, "each scenario inserted by exactly one seeder");
        assertEquals(5, dsl(db).fetchCount(TRAINING_SCENARIOS));
    }

    private static List<SeedSource.SourceFile> edited(String name, String from, String to) {
        return SeedSource.bundled().stream()
                .map(f -> f.name().equals(name) ? new SeedSource.SourceFile(name, f.content().replace(from, to)) : f)
                .toList();
    }

    private static DSLContext dsl(TestDatabase db) {
        return DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    }
}
