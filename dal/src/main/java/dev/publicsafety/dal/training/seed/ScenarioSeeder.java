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
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Loads training scenarios from JSON seed files, safely and repeatably:
 * <ul>
 * <li>every file is validated before anything is written; any error and nothing is written;</li>
 * <li>scenarios are upserted by the stable key in the file, so a second run changes nothing;</li>
 * <li>{@code prune} deactivates seeded scenarios whose file is gone, and never deletes: call sessions
 * may reference them;</li>
 * <li>one transaction, serialized by an advisory lock, so two seeders at once neither duplicate nor fail;
 * the wait for that lock is bounded, and a timeout names the session that holds it;</li>
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
    private static final long LOCK_KEY = 0x5CE1A210L;
    /** How long a seeder waits for another one to finish, unless told otherwise. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);
    private static final Duration LOCK_RETRY = Duration.ofMillis(100);

    private final DataSource dataSource;
    private final Duration lockWait;
    private final ScenarioValidator validator = new ScenarioValidator();

    public ScenarioSeeder(DataSource dataSource) {
        this(dataSource, DEFAULT_LOCK_WAIT);
    }

    /** A seeder that gives up after {@code lockWait} if another seeder holds the seeding lock. */
    public ScenarioSeeder(DataSource dataSource, Duration lockWait) {
        this.dataSource = dataSource;
        this.lockWait = lockWait;
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
        return DSL.using(dataSource, SQLDialect.POSTGRES).transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            lock(tx);
            return apply(tx, validated.scenarios(), options);
        });
    }

    /** Takes the seeding lock, retrying until {@link #lockWait}; a bare {@code pg_advisory_xact_lock} would wait forever. */
    private void lock(DSLContext tx) throws InterruptedException {
        long deadline = System.nanoTime() + lockWait.toNanos();
        while (!tx.select(DSL.function("pg_try_advisory_xact_lock", SQLDataType.BOOLEAN, DSL.val(LOCK_KEY))).fetchSingle().value1()) {
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("another session holds the seeding lock (" + holder(tx) + "); gave up after "
                        + lockWait.toMillis() / 1000.0 + " s, nothing was written");
            }
            Thread.sleep(LOCK_RETRY.toMillis());
        }
    }

    /** Who holds the seeding lock, from the catalog: a bigint advisory key is (classid, objid) = (high, low 32 bits). */
    private static String holder(DSLContext tx) {
        Record holder = tx.fetchOptional("SELECT l.pid, a.application_name, a.usename, a.xact_start FROM pg_locks l"
                + " LEFT JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.classid::bigint = {0} AND l.objid::bigint = {1} AND l.objsubid = 1",
                DSL.val(LOCK_KEY >>> 32), DSL.val(LOCK_KEY & 0xFFFFFFFFL)).orElse(null);
        if (holder == null) {
            return "it was released just now";
        }
        return "pid " + holder.get(0) + ", application_name '" + holder.get(1) + "', user " + holder.get(2)
                + (holder.get(3) == null ? "" : ", in a transaction since " + holder.get(3));
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
            throw new IllegalStateException("the training schema is at version " + (current == null ? "none" : current)
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
