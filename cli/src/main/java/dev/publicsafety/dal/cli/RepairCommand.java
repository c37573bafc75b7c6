package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "repair", description = "Fix the history after a failed or deliberately edited migration: remove failed"
        + " entries, realign checksums.",
        footerHeading = "%nExamples:%n", footer = {"  dal repair --domain fleet --url \"$DB\""})
final class RepairCommand extends DatabaseCommand {

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        for (Domain domain : connection.domains()) {
            List<String> actions = runner.repair(domain);
            output.println(domain.schema() + ": " + (actions.isEmpty() ? "nothing to repair" : String.join(", ", actions)));
        }
        return 0;
    }
}
