package dev.publicsafety.dal.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.RepairResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Runs the versioned SQL of one domain with Flyway, from code (the Flyway Maven plugin of the
 * current line is not published). Each domain keeps its history table in its own schema.
 * Concurrent runners are safe: Flyway serializes them with a PostgreSQL advisory lock, so a second
 * runner waits and then finds nothing left to apply.
 */
public final class MigrationRunner {

    /** The name of the version before the first migration, in every output and as a target. */
    public static final String BASE = "base";

    private final DataSource dataSource;
    private final ClassLoader classLoader;
    private final MigrationLockWatch lockWatch;

    public MigrationRunner(DataSource dataSource) {
        this(dataSource, MigrationRunner.class.getClassLoader(), note -> { });
    }

    /**
     * A runner that tells {@code lockWaitNote} (one line, once per Flyway call) when a migration waits
     * for the migration lock another session holds, naming that session.
     */
    public MigrationRunner(DataSource dataSource, java.util.function.Consumer<String> lockWaitNote) {
        this(dataSource, MigrationRunner.class.getClassLoader(), lockWaitNote);
    }

    /** A runner finding the migrations of classpath domains through {@code classLoader} (an application's own, if not dal's). */
    public MigrationRunner(DataSource dataSource, ClassLoader classLoader) {
        this(dataSource, classLoader, note -> { });
    }

    private MigrationRunner(DataSource dataSource, ClassLoader classLoader, java.util.function.Consumer<String> lockWaitNote) {
        this.dataSource = dataSource;
        this.classLoader = classLoader;
        this.lockWatch = new MigrationLockWatch(dataSource, lockWaitNote);
    }

    /** Applies every pending migration of {@code domain}; returns the number applied. */
    public int migrate(Domain domain) {
        return migrateChecked(domain, null);
    }

    /** Applies every pending migration of every domain; returns the number applied. */
    public int migrateAll() {
        int applied = 0;
        for (Domain domain : Domain.values()) {
            applied += migrate(domain);
        }
        return applied;
    }

    /** Applies pending migrations of {@code domain} up to and including {@code targetVersion}. */
    public int migrateTo(Domain domain, String targetVersion) {
        return migrateChecked(domain, knownVersion(domain, targetVersion));
    }

    /** Applies the next {@code steps} pending migrations of {@code domain}. */
    public int migrateSteps(Domain domain, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be at least 1, was " + steps);
        }
        List<MigrationInfo> pending = Arrays.asList(flyway(domain, null).info().pending());
        if (pending.isEmpty()) {
            return 0;
        }
        MigrationInfo last = pending.get(Math.min(steps, pending.size()) - 1);
        return migrateChecked(domain, last.getVersion());
    }

    /**
     * Applies pending migrations up to {@code target} (all if null) after checking the applied ones
     * and that the connected role can create every extension the pending ones create.
     */
    private int migrateChecked(Domain domain, MigrationVersion target) {
        requireValid(domain);
        Flyway flyway = flyway(domain, target);
        RequiredExtensions.check(dataSource, domain, run(() -> flyway.info().pending()), classLoader);
        return run(() -> lockWatch.during(domain, () -> flyway.migrate().migrationsExecuted));
    }

    /** Every migration of {@code domain}, applied or not, in version order. */
    public List<AppliedMigration> info(Domain domain) {
        return run(() -> Arrays.stream(flyway(domain, null).info().all())
                .map(info -> toApplied(domain, info))
                .toList());
    }

    /** The highest successfully applied version of {@code domain}, or {@value #BASE} if none. */
    public String currentVersionOrBase(Domain domain) {
        return currentVersion(domain).orElse(BASE);
    }

    /** The highest successfully applied version of {@code domain}, if any. */
    public Optional<String> currentVersion(Domain domain) {
        MigrationInfo current = run(() -> flyway(domain, null).info().current());
        return current == null || current.getVersion() == null
                ? Optional.empty()
                : Optional.of(current.getVersion().getVersion());
    }

    /**
     * Checks applied migrations against the files: changed checksums, applied versions missing from
     * this build (a database newer than the code), failed migrations; and the files' numbering (two
     * files with one version, a gap), with the renumbering to do. Pending ones are fine.
     */
    public List<ValidationProblem> validate(Domain domain) {
        List<ValidationProblem> numbering = MigrationNumbering.problems(domain, DomainFiles.migrations(domain, classLoader));
        if (!numbering.isEmpty()) {
            return numbering; // Flyway would stop at the first twin without saying how to fix it
        }
        ValidateResult result = run(() -> configuration(domain).load().validateWithResult());
        return result.invalidMigrations.stream()
                .map(invalid -> new ValidationProblem(domain, invalid.version, invalid.filepath, explain(invalid)))
                .toList();
    }

    /** Throws with every validation problem if there is any; run before changing a database. */
    public void requireValid(Domain domain) {
        List<ValidationProblem> problems = validate(domain);
        if (!problems.isEmpty()) {
            throw new MigrationException(problems.stream().map(ValidationProblem::toString)
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
    }

    /** Records {@code version} as applied without running anything, for a database whose tables already exist. */
    public void baseline(Domain domain, String version) {
        run(() -> configuration(domain).baselineVersion(version).baselineDescription("baseline by dal").load().baseline());
    }

    /** Removes failed entries from the history and realigns checksums with the files; returns what it did. */
    public List<String> repair(Domain domain) {
        RepairResult result = run(() -> configuration(domain).load().repair());
        return result.repairActions == null ? List.of() : List.copyOf(result.repairActions);
    }

    /** What {@link #clean(Domain, DropConsent)} would drop, changing nothing. */
    public DropPlan planClean(Domain domain) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return SchemaContents.read(connection, domain.schema()).droppedIn(SchemaContents.empty(), connection, domain,
                        List.of(), "-- Flyway clean drops every object of schema " + domain.schema() + ", its history included\n");
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot read what clean would drop from " + domain.schema() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops every object in the domain's schema, history included, if {@code consent} covers what it
     * holds; otherwise throws {@link DataLossRefusedException} and drops nothing. (The check and
     * Flyway's clean are two transactions: rows written between them are dropped too.)
     */
    public DropPlan clean(Domain domain, DropConsent consent) {
        DropPlan plan = planClean(domain);
        consent.check(plan);
        run(() -> configuration(domain).cleanDisabled(false).load().clean());
        return plan;
    }

    /**
     * Reverts the last {@code steps} applied migrations of {@code domain} if that drops no table or
     * column holding rows, else throws {@link DataLossRefusedException} and changes nothing; returns
     * how many it reverted. See {@link UndoRunner}.
     */
    public int undo(Domain domain, int steps) {
        return undo(domain, steps, DropConsent.NONE).migrations().size();
    }

    /** Reverts the last {@code steps} migrations if {@code consent} covers what that drops; returns what it dropped. */
    public DropPlan undo(Domain domain, int steps, DropConsent consent) {
        return new UndoRunner(dataSource, this, classLoader).undo(domain, steps, consent, false);
    }

    /** What undoing the last {@code steps} migrations would drop, with its SQL; changes nothing. */
    public DropPlan planUndo(Domain domain, int steps) {
        return new UndoRunner(dataSource, this, classLoader).undo(domain, steps, DropConsent.NONE, true);
    }

    /**
     * Reverts applied migrations of {@code domain} until its version is {@code targetVersion}
     * ({@value #BASE} or {@code 0} for none), if that drops no rows; returns how many it reverted.
     */
    public int undoTo(Domain domain, String targetVersion) {
        return undoTo(domain, targetVersion, DropConsent.NONE).migrations().size();
    }

    /** Reverts down to {@code targetVersion} if {@code consent} covers what that drops; returns what it dropped. */
    public DropPlan undoTo(Domain domain, String targetVersion, DropConsent consent) {
        return new UndoRunner(dataSource, this, classLoader).undoTo(domain, targetVersion, consent, false);
    }

    /** What undoing down to {@code targetVersion} would drop, with its SQL; changes nothing. */
    public DropPlan planUndoTo(Domain domain, String targetVersion) {
        return new UndoRunner(dataSource, this, classLoader).undoTo(domain, targetVersion, DropConsent.NONE, true);
    }

    /** True for the names of the version before the first migration: {@value #BASE} and {@code 0}. */
    public static boolean isBase(String version) {
        return BASE.equalsIgnoreCase(version.strip()) || "0".equals(version.strip());
    }

    /**
     * The Flyway instance for {@code domain}, configured as this runner uses it, for the commands
     * that map one to one onto Flyway (validate, baseline, repair, clean).
     */
    public FluentConfiguration configuration(Domain domain) {
        if (domain.isBuiltIn()) {
            BuiltInMigrations.refuseStrays(classLoader, domain);
        }
        FluentConfiguration configuration = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .schemas(domain.schema())
                .defaultSchema(domain.schema())
                .table(domain.historyTable())
                .locations(DomainFiles.flywayLocation(domain.migrationLocation()))
                // Migrations are plain SQL; ${...} inside a function body must stay as written.
                .placeholderReplacement(false)
                .validateMigrationNaming(true)
                // Pending migrations are normal; applied versions unknown to this build ("future") are not.
                .ignoreMigrationPatterns("*:pending")
                .cleanDisabled(true)
                .lockRetryCount(MigrationLockWatch.RETRIES);
        // A session-level advisory lock instead of Flyway's default transactional one, whose open
        // transaction a CREATE INDEX CONCURRENTLY migration would wait on for ever.
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return configuration;
    }

    /** Parses {@code version} and checks that {@code domain} has a migration of that version. */
    public MigrationVersion knownVersion(Domain domain, String version) {
        MigrationVersion parsed;
        try {
            parsed = MigrationVersion.fromVersion(version);
        } catch (RuntimeException e) {
            throw new MigrationException("'" + version + "' is not a migration version: use a number such as 1 or 2.1");
        }
        boolean known = Arrays.stream(flyway(domain, null).info().all())
                .anyMatch(info -> parsed.equals(info.getVersion()));
        if (!known) {
            throw new MigrationException("version " + version + " does not exist in " + domain.schema()
                    + ": known versions are " + knownVersions(domain));
        }
        return parsed;
    }

    /** {@value #BASE} and every version this build has for {@code domain}, in order. */
    public List<String> knownVersions(Domain domain) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(BASE),
                info(domain).stream().map(AppliedMigration::version).filter(java.util.Objects::nonNull)).toList();
    }

    private Flyway flyway(Domain domain, MigrationVersion target) {
        FluentConfiguration configuration = configuration(domain);
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private static String explain(ValidateOutput invalid) {
        String message = invalid.errorDetails == null ? "invalid" : invalid.errorDetails.errorMessage;
        String code = invalid.errorDetails == null || invalid.errorDetails.errorCode == null
                ? "" : invalid.errorDetails.errorCode.toString();
        String oneLine = message.replaceAll("\\s*\\R\\s*", " ").strip();
        if (code.contains("CHECKSUM_MISMATCH")) {
            return "the file changed after it was applied (" + oneLine + "); restore the file as it was applied,"
                    + " or run 'dal repair' if the change is deliberate";
        }
        if (code.contains("NOT_RESOLVED")) {
            return "applied to the database but not in this build, so the database is newer than this code ("
                    + oneLine + "); use the dal release that applied it";
        }
        return oneLine;
    }

    private static AppliedMigration toApplied(Domain domain, MigrationInfo info) {
        return new AppliedMigration(domain,
                info.getVersion() == null ? null : info.getVersion().getVersion(),
                info.getDescription(),
                info.getType().name(),
                info.getScript(),
                info.getState().getDisplayName(),
                info.getChecksum(),
                info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant(),
                info.getInstalledBy(),
                info.getExecutionTime());
    }

    private static <T> T run(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (FlywayException e) {
            throw new MigrationException(e.getMessage(), e);
        }
    }
}
