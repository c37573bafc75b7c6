package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "clean", description = "Drop every object of the schemas, data and history included (needs --yes).")
final class CleanCommand extends DatabaseCommand {

    @Option(names = "--yes", description = "confirm that all data in the selected schemas is to be destroyed")
    boolean yes;

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        if (!yes) {
            output.info("dal clean: refusing to drop " + connection.domains().stream().map(Domain::schema).toList()
                    + " on " + target.url() + " without --yes; back up first (pg_dump)");
            return 1;
        }
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        for (Domain domain : connection.domains()) {
            runner.clean(domain);
            output.println(domain.schema() + ": cleaned");
        }
        return 0;
    }
}
