package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "migrate", description = "Apply pending migrations (alembic upgrade head / <version> / +N), after checking"
        + " that the applied ones still match their files.",
        footerHeading = "%nExamples:%n",
        footer = {"  dal migrate --url postgresql://owner:secret@db.example.org:5432/dispatch",
                "  # only the training schema, up to version 2", "  dal migrate --domain training --target 2",
                "  # the next pending migration of each schema", "  dal migrate --steps 1"})
final class MigrateCommand extends DatabaseCommand {

    static final class Limit {
        @Option(names = "--target", paramLabel = "VERSION", description = "stop after this version")
        String target;

        @Option(names = "--steps", paramLabel = "N", description = "apply only the next N migrations")
        Integer steps;
    }

    @ArgGroup(exclusive = true)
    Limit limit;

    @Option(names = "--lock-retries", paramLabel = "N", defaultValue = "3",
            description = "after a lock timeout (--lock-timeout), try again up to N times, waiting 1, 2, 4… s between tries;"
                    + " each wait is logged naming the sessions holding the lock (default: ${DEFAULT-VALUE})")
    int lockRetries;

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        MigrationRunner runner = new MigrationRunner(target.dataSource(), note -> output.info("dal migrate: " + note));
        if (limit != null && limit.steps != null && limit.steps < 1) {
            throw new ParameterException(spec.commandLine(), "--steps must be at least 1, was " + limit.steps);
        }
        for (Domain domain : connection.domains()) {
            requireKnownVersion(runner, domain, limit == null ? null : limit.target, false);
        }
        if (lockRetries < 0 || lockRetries > 10) {
            throw new ParameterException(spec.commandLine(), "--lock-retries must be between 0 and 10, was " + lockRetries);
        }
        for (Domain domain : connection.domains()) {
            // what this process applied: another one migrating at the same time applies the rest
            long applied = 0;
            for (int retry = 1; ; retry++) {
                long atStart = applied(runner, domain);
                try {
                    if (limit != null && limit.target != null) {
                        applied += runner.migrateTo(domain, limit.target);
                    } else if (limit != null && limit.steps != null) {
                        int remaining = limit.steps - (int) applied;
                        applied += remaining > 0 ? runner.migrateSteps(domain, remaining) : 0;
                    } else {
                        applied += runner.migrate(domain);
                    }
                    break;
                } catch (RuntimeException failure) {
                    if (retry > lockRetries || !isLockTimeout(failure)) {
                        throw failure;
                    }
                    // the migrations before the one that timed out are committed, each in its own transaction
                    applied += applied(runner, domain) - atStart;
                    long waitSeconds = 1L << (retry - 1);
                    String holders = LockHolders.of(target.dataSource(), java.util.List.of(domain));
                    output.info(domain.schema() + ": lock timeout after " + target.lockTimeoutSeconds() + " s"
                            + (holders.isEmpty() ? "" : ", held by " + holders) + "; retry " + retry + " of " + lockRetries
                            + " in " + waitSeconds + " s");
                    sleep(waitSeconds);
                }
            }
            output.println(domain.schema() + ": applied " + applied + " migration" + (applied == 1 ? "" : "s")
                    + ", now at version " + runner.currentVersionOrBase(domain));
        }
        return 0;
    }

    /** Migrations of {@code domain} applied successfully so far, by any process. */
    private static long applied(MigrationRunner runner, Domain domain) {
        return runner.info(domain).stream().filter(m -> "Success".equals(m.state()) && m.version() != null).count();
    }

    private static boolean isLockTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry the migration", e);
        }
    }
}
