package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.connect.DatabaseUrl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
        try (ConnectionOptions.Target target = connection.open(output)) {
            connectedTo = target.url();
            return run(target, output);
        }
    }

    abstract int run(ConnectionOptions.Target target, Output output) throws Exception;
}
