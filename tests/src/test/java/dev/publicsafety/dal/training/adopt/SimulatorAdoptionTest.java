package dev.publicsafety.dal.training.adopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.generated.training.enums.CallSessionStatus;
import dev.publicsafety.dal.migration.CatalogSnapshot;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationException;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.NeedsServerTimers;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.CallSession;
import dev.publicsafety.dal.training.CallSessionRepository;
import dev.publicsafety.dal.training.value.EntityType;
import dev.publicsafety.dal.training.ExtractedEntity;
import dev.publicsafety.dal.training.ExtractedEntityRepository;
import dev.publicsafety.dal.training.MetricAggregate;
import dev.publicsafety.dal.training.PerformanceMetricRepository;
import dev.publicsafety.dal.training.Scenario;
import dev.publicsafety.dal.training.ScenarioRepository;
import dev.publicsafety.dal.training.TranscriptLine;
import dev.publicsafety.dal.training.TranscriptRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Adoption of the shared simulator fixture; every test starts from the fixture freshly loaded. */
@IsolatedDatabase(migrated = false)
class SimulatorAdoptionTest {

    @BeforeEach
    void loadTheSimulatorsDatabase(TestDatabase db) {
        SimulatorDatabase.reset(db.dataSource());
    }

    @Test
    void shouldKeepEveryRowWithItsContent(TestDatabase db) {
        Map<String, List<String>> columns = SimulatorDatabase.simulatorColumns(db.dataSource());
        Map<String, String> before = SimulatorDatabase.checksums(db.dataSource(), "public", columns);

        SimulatorAdoption.Report report = new SimulatorAdoption(db.dataSource()).adopt();

        assertEquals(before, SimulatorDatabase.checksums(db.dataSource(), "training", columns));
        assertEquals(List.of("6 rows", "5 rows", "30 rows", "60 rows", "15 rows"),
                before.values().stream().map(sum -> sum.substring(0, sum.indexOf(','))).toList());
        assertEquals("002", report.revision());
        assertEquals(MigrationFiles.head(Domain.TRAINING), report.version());
        assertEquals(List.of(), tablesIn(db, "public"), "the simulator's tables and alembic_version left public");
    }

    @Test
    void shouldReadEveryAdoptedRowThroughTheRepositories(TestDatabase db) {
        new SimulatorAdoption(db.dataSource()).adopt();
        DSLContext ctx = DSL.using(db.dataSource(), SQLDialect.POSTGRES);

        List<Scenario> scenarios = new ArrayList<>();
        for (UUID id : ids(ctx, "training_scenarios")) {
            scenarios.add(new ScenarioRepository(ctx).findById(id).orElseThrow());
        }
        assertEquals(6, scenarios.size());
        assertTrue(scenarios.stream().allMatch(s -> s.callerProfile().communicationStyle() != null && !s.script().expectedFlow().isEmpty()));
        assertEquals(5, new ScenarioRepository(ctx).findActive().size(), "the team's inactive scenario stays inactive");

        int lines = 0;
        int entities = 0;
        int samples = 0;
        List<CallSessionStatus> statuses = new ArrayList<>();
        for (UUID id : ids(ctx, "call_sessions")) {
            CallSession session = new CallSessionRepository(ctx).findById(id).orElseThrow();
            statuses.add(session.status());
            for (TranscriptLine line : new TranscriptRepository(ctx).transcript(id)) {
                lines++;
                List<ExtractedEntity> found = new ExtractedEntityRepository(ctx).forTranscriptEntry(line.id());
                entities += found.size();
                assertTrue(found.stream().anyMatch(e -> e.type() == EntityType.TIME_REFERENCE), line::toString);
            }
            samples += new PerformanceMetricRepository(ctx)
                    .operatorAggregates(session.operatorId(), session.startedAt(), session.startedAt().plusHours(1))
                    .stream().mapToInt(MetricAggregate::samples).sum();
        }
        assertEquals(List.of(CallSessionStatus.COMPLETED, CallSessionStatus.COMPLETED, CallSessionStatus.TERMINATED,
                CallSessionStatus.ERROR, CallSessionStatus.ACTIVE), statuses);
        assertEquals(30, lines);
        assertEquals(60, entities);
        assertEquals(15, samples);
    }

    @Test
    void shouldLeaveTrainingAsItsMigrationsDefineIt(TestDatabase db) throws SQLException {
        new SimulatorAdoption(db.dataSource()).adopt();
        List<String> adopted = CatalogSnapshot.of(db.dataSource(), "training");

        db.execute("DROP SCHEMA training CASCADE");
        new MigrationRunner(db.dataSource()).migrate(Domain.TRAINING);
        List<String> migrated = CatalogSnapshot.of(db.dataSource(), "training");

        // Only the differences, so a failure names the object that differs.
        assertEquals(List.of(), migrated.stream().filter(line -> !adopted.contains(line)).toList(), "missing after adoption");
        assertEquals(List.of(), adopted.stream().filter(line -> !migrated.contains(line)).toList(), "only after adoption");
        assertEquals(migrated, adopted, "the same objects, columns in the same order");
    }

    @Test
    void shouldDeriveAUniqueStableKeyFromEachName(TestDatabase db) throws SQLException {
        db.execute("INSERT INTO public.training_scenarios (id, name, description, caller_profile, scenario_script, difficulty_level)"
                + " SELECT '00000000-0000-4000-8000-000000000001', name, description, caller_profile, scenario_script, difficulty_level"
                + " FROM public.training_scenarios WHERE name = 'Burglary in Progress'");
        SimulatorAdoption.Report report = new SimulatorAdoption(db.dataSource()).adopt();

        DSLContext ctx = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        assertEquals(List.of("active-shooter-report", "burglary-in-progress", "burglary-in-progress-2", "car-accident-minor-injuries",
                        "domestic-violence-call", "gas-leak-in-apartment-block", "medical-emergency-heart-attack"),
                ctx.fetch("SELECT scenario_key FROM training.training_scenarios ORDER BY 1").getValues(0, String.class));
        assertEquals("burglary-in-progress", new ScenarioRepository(ctx).findById(UUID.fromString("c355b66f-3b74-4be7-8f07-7afa18754e5e"))
                .orElseThrow().key(), "the older of two equal names keeps the plain key");
        assertTrue(report.steps().contains("scenario key burglary-in-progress-2 for 'Burglary in Progress'"), report.steps()::toString);
    }

    @Test
    void shouldChangeNothingOnADryRun(TestDatabase db) {
        List<String> before = SimulatorDatabase.everything(db.dataSource());

        SimulatorAdoption.Report plan = new SimulatorAdoption(db.dataSource()).dryRun();

        assertTrue(plan.dryRun());
        assertEquals("migrated training to version " + MigrationFiles.head(Domain.TRAINING), plan.steps().get(plan.steps().size() - 1));
        assertTrue(plan.steps().get(1).startsWith("moved tables to schema training: training_scenarios (6 rows)"), plan.steps()::toString);
        assertEquals(before, SimulatorDatabase.everything(db.dataSource()));
    }

    @Test
    void shouldRefuseASecondAdoptionAndChangeNothing(TestDatabase db) {
        new SimulatorAdoption(db.dataSource()).adopt();
        List<String> adopted = SimulatorDatabase.everything(db.dataSource());

        MigrationException refused = assertThrows(MigrationException.class, () -> new SimulatorAdoption(db.dataSource()).adopt());

        assertEquals("training is already managed by dal (it has a migration history), nothing to adopt; the database is unchanged",
                refused.getMessage());
        assertEquals(adopted, SimulatorDatabase.everything(db.dataSource()));
    }

    @Test
    void shouldRefuseAnUnknownRevisionAndChangeNothing(TestDatabase db) throws SQLException {
        db.execute("UPDATE public.alembic_version SET version_num = '003'");
        List<String> before = SimulatorDatabase.everything(db.dataSource());

        MigrationException refused = assertThrows(MigrationException.class, () -> new SimulatorAdoption(db.dataSource()).adopt());

        assertEquals("public.alembic_version is '003', not a simulator revision dal adopt knows (001, 002); the database is unchanged",
                refused.getMessage());
        assertEquals(before, SimulatorDatabase.everything(db.dataSource()));
    }

    @Test
    void shouldRollEverythingBackWhenARowBreaksOneOfOurChecks(TestDatabase db) throws SQLException {
        // The simulator has no range check on confidence; ours refuses 1.5, late in the adoption.
        db.execute("UPDATE public.extracted_entities SET confidence_score = 1.5 WHERE id = 'cf919d1a-332a-4edb-8cfe-a788113c626c'");
        List<String> before = SimulatorDatabase.everything(db.dataSource());

        MigrationException failed = assertThrows(MigrationException.class, () -> new SimulatorAdoption(db.dataSource()).adopt());

        assertTrue(failed.getMessage().startsWith("adoption failed and was rolled back: "), failed::getMessage);
        assertTrue(failed.getMessage().contains("extracted_entities_confidence_range"), failed::getMessage);
        assertTrue(failed.getMessage().endsWith("; the database is unchanged"), failed::getMessage);
        assertFalse(failed.getMessage().contains("\n"), failed::getMessage);
        assertEquals(before, SimulatorDatabase.everything(db.dataSource()));
    }

    @Test
    @NeedsServerTimers
    void shouldGiveUpWithinItsLockTimeoutWhileTheSimulatorUsesItsTables(TestDatabase db) throws SQLException {
        List<String> before = SimulatorDatabase.everything(db.dataSource());
        try (Connection simulator = db.dataSource().getConnection(); Statement statement = simulator.createStatement()) {
            simulator.setAutoCommit(false);
            statement.executeQuery("SELECT count(*) FROM public.call_sessions").close();   // holds its lock until rollback
            long started = System.nanoTime();

            MigrationException failed = assertThrows(MigrationException.class, () -> new SimulatorAdoption(db.dataSource()).adopt());

            long waitedSeconds = (System.nanoTime() - started) / 1_000_000_000L;
            simulator.rollback();
            assertTrue(waitedSeconds >= 9 && waitedSeconds < 30, "waited " + waitedSeconds + " s");
            assertEquals("adoption failed and was rolled back: the simulator's tables are in use (waited 10 s for a lock):"
                    + " stop the simulator, then adopt again; the database is unchanged", failed.getMessage());
        }
        assertEquals(before, SimulatorDatabase.everything(db.dataSource()));
    }

    private static List<UUID> ids(DSLContext ctx, String table) {
        return ctx.fetch("SELECT id FROM training." + table + " ORDER BY id").getValues(0, UUID.class);
    }

    private static List<String> tablesIn(TestDatabase db, String schema) {
        return DSL.using(db.dataSource(), SQLDialect.POSTGRES)
                .fetch("SELECT tablename FROM pg_tables WHERE schemaname = ?", schema).getValues(0, String.class);
    }
}
