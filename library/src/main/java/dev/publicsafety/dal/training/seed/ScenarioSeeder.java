package dev.publicsafety.dal.training.seed;

import static dev.publicsafety.dal.generated.training.Tables.TRAINING_SCENARIOS;

import dev.publicsafety.dal.generated.training.tables.records.TrainingScenariosRecord;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Loads training scenarios from JSON seed files, safely and repeatably:
 * <ul>
 * <li>every file is validated before anything is written; any error and nothing is written;</li>
 * <li>scenarios are upserted by the stable key in the file, so a second run changes nothing;</li>
 * <li>{@code prune} deactivates seeded scenarios whose file is gone, and never deletes: call sessions
 * may reference them;</li>
 * <li>one transaction, serialized by an advisory lock, so two seeders at once neither duplicate nor fail;
 * every lock wait is bounded ({@link SeedLock}), and a timeout names the session in the way;</li>
 * <li>pruning with no files at all is refused: it would deactivate every seeded scenario.</li>
 * </ul>
 */
public final class ScenarioSeeder {

    /** Options of a run. */
    public record Options(boolean dryRun, boolean prune) {
        public static final Options DEFAULT = new Options(false, false);
    }

    /** The training schema version that has {@code scenario_key}. */
    private static final MigrationVersion REQUIRED_VERSION = MigrationVersion.fromVersion("2");
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** How long a seeder waits for a lock (another seeder, rows another transaction holds), unless told otherwise. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final SeedLock lock;
    private final ScenarioValidator validator = new ScenarioValidator();

    public ScenarioSeeder(DataSource dataSource) {
        this(dataSource, DEFAULT_LOCK_WAIT);
    }

    /** A seeder that gives up after {@code lockWait} if another seeder or transaction holds what it needs. */
    public ScenarioSeeder(DataSource dataSource, Duration lockWait) {
        this.dataSource = dataSource;
        this.lock = new SeedLock(lockWait);
    }

    /** Seeds the scenarios bundled in the seed-data jar. */
    public SeedReport seedBundled(Options options) {
        return seed(SeedSource.bundled(), options);
    }

    /** Validates {@code files}, then upserts them in one transaction; throws {@link SeedValidationException} on any error. */
    public SeedReport seed(List<SeedSource.SourceFile> files, Options options) {
        if (files.isEmpty() && options.prune()) {
            throw new IllegalArgumentException("nothing to seed: no scenario files, and pruning would deactivate every seeded"
                    + " scenario; refusing (nothing was written)");
        }
        ScenarioValidator.Result validated = validator.validate(files);
        if (!validated.errors().isEmpty()) {
            throw new SeedValidationException(validated.errors());
        }
        requireMigrated();
        try {
            return DSL.using(dataSource, SQLDialect.POSTGRES).transactionResult(configuration -> {
                DSLContext tx = configuration.dsl();
                lock.acquire(tx);
                return apply(tx, validated.scenarios(), options);
            });
        } catch (DataAccessException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.sqlState())) {
                throw new IllegalStateException(lock.rowsLocked(dataSource), e);
            }
            throw e;
        }
    }

    private SeedReport apply(DSLContext tx, List<ScenarioFile> scenarios, Options options) {
        Map<String, TrainingScenariosRecord> existing = tx.selectFrom(TRAINING_SCENARIOS)
                .where(TRAINING_SCENARIOS.SCENARIO_KEY.isNotNull())
                .fetchMap(TRAINING_SCENARIOS.SCENARIO_KEY);
        List<String> inserted = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> deactivated = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (ScenarioFile scenario : scenarios) {
            keys.add(scenario.key());
            TrainingScenariosRecord row = existing.get(scenario.key());
            if (row == null) {
                row = tx.newRecord(TRAINING_SCENARIOS);
                copy(scenario, row);
                inserted.add(scenario.key());
            } else if (sameContent(scenario, row)) {
                unchanged.add(scenario.key());
                continue;
            } else {
                copy(scenario, row);
                updated.add(scenario.key());
            }
            if (!options.dryRun()) {
                row.store();
            }
        }
        if (options.prune()) {
            for (TrainingScenariosRecord row : existing.values()) {
                if (!keys.contains(row.getScenarioKey()) && row.getIsActive()) {
                    deactivated.add(row.getScenarioKey());
                    if (!options.dryRun()) {
                        row.setIsActive(false);
                        row.store();
                    }
                }
            }
            deactivated.sort(null);
        }
        return new SeedReport(inserted, updated, unchanged, deactivated, options.dryRun());
    }

    private void requireMigrated() {
        String current = new MigrationRunner(dataSource).currentVersion(Domain.TRAINING).orElse(null);
        if (current == null || MigrationVersion.fromVersion(current).compareTo(REQUIRED_VERSION) < 0) {
            throw new IllegalStateException("the training schema is at version " + (current == null ? MigrationRunner.BASE : current)
                    + " but seeding needs version " + REQUIRED_VERSION + ": run 'dal migrate' first");
        }
    }

    private static boolean sameContent(ScenarioFile file, TrainingScenariosRecord row) {
        return Objects.equals(file.name(), row.getName())
                && Objects.equals(file.description(), row.getDescription())
                && file.difficulty() == row.getDifficultyLevel()
                && file.active() == row.getIsActive()
                && Objects.equals(file.callerProfile(), row.getCallerProfile())
                && Objects.equals(file.scenarioScript(), row.getScenarioScript());
    }

    private static void copy(ScenarioFile file, TrainingScenariosRecord row) {
        row.setScenarioKey(file.key());
        row.setName(file.name());
        row.setDescription(file.description());
        row.setDifficultyLevel(file.difficulty());
        row.setIsActive(file.active());
        row.setCallerProfile(file.callerProfile());
        row.setScenarioScript(file.scenarioScript());
    }
}
