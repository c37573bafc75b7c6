package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationException;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that works on a database: opens it, runs, and closes a local server it started. */
abstract class DatabaseCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    /** Where this command connected, for error messages (never with the password). */
    DatabaseUrl connectedTo;

    @Override
    public final Integer call() throws Exception {
        Output output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr());
        if (connection.lockTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--lock-timeout must be at least 1 second, was "
                    + connection.lockTimeoutSeconds);
        }
        try (ConnectionOptions.Target target = connection.open(output)) {
            connectedTo = target.url();
            try {
                return run(target, output);
            } catch (Exception failure) {
                throw DatabaseBehindTheCode.explain(namingLockHolders(failure, target), target.dataSource(), connection.domains());
            }
        }
    }

    /**
     * A lock timeout that reaches here as the driver said it (Flyway, an undo script) names who
     * holds the lock, found while they still hold it. One the library already explained in its own
     * words (the seeder, adopt: their own waits, the table in the way) is left as it is.
     */
    private Exception namingLockHolders(Exception failure, ConnectionOptions.Target target) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())
                    && String.valueOf(failure.getMessage()).contains(String.valueOf(sql.getMessage()))) {
                String holders = LockHolders.of(target.dataSource(), connection.domains());
                return new IllegalStateException("gave up waiting " + connection.lockTimeoutSeconds + " s for a lock on "
                        + connection.domains().stream().map(Domain::schema).toList()
                        + (holders.isEmpty() ? "" : ", held by " + holders)
                        + "; retry when that ends, or raise --lock-timeout", failure);
            }
        }
        return failure;
    }

    abstract int run(ConnectionOptions.Target target, Output output) throws Exception;

    /**
     * An unknown {@code --target} is a wrong option value (exit 2), found before anything changes;
     * base is a target only where {@code baseAllowed} (going down).
     */
    final void requireKnownVersion(MigrationRunner runner, Domain domain, String version, boolean baseAllowed) {
        if (version == null) {
            return;
        }
        if (MigrationRunner.isBase(version)) {
            if (!baseAllowed) {
                throw new ParameterException(spec.commandLine(), "--target base is below every migration;"
                        + " 'dal undo --all' goes down to base");
            }
            return;
        }
        try {
            runner.knownVersion(domain, version);
        } catch (MigrationException unknown) {
            throw new ParameterException(spec.commandLine(), unknown.getMessage());
        }
    }
}
