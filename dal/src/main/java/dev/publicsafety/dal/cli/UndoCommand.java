package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "undo", description = "Revert applied migrations (alembic downgrade -1 / <version> / base).")
final class UndoCommand extends DatabaseCommand {

    static final class Limit {
        @Option(names = "--steps", paramLabel = "N", description = "revert the last N migrations (default 1)")
        Integer steps;

        @Option(names = "--target", paramLabel = "VERSION", description = "revert until this version is the current one")
        String target;

        @Option(names = "--all", description = "revert everything: drops all tables and data (needs --yes)")
        boolean all;
    }

    @ArgGroup(exclusive = true)
    Limit limit;

    @Option(names = "--yes", description = "confirm --all")
    boolean yes;

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        if (limit != null && limit.all && !yes) {
            throw new ParameterException(spec.commandLine(),
                    "undo --all drops every table and its data; add --yes to confirm");
        }
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        for (Domain domain : connection.domains()) {
            int reverted;
            if (limit != null && limit.all) {
                reverted = runner.undoTo(domain, "0");
            } else if (limit != null && limit.target != null) {
                reverted = runner.undoTo(domain, limit.target);
            } else {
                reverted = runner.undo(domain, limit != null && limit.steps != null ? limit.steps : 1);
            }
            output.println(domain.schema() + ": reverted " + reverted + " migration" + (reverted == 1 ? "" : "s")
                    + ", now at version " + runner.currentVersion(domain).orElse("none"));
        }
        return 0;
    }
}
