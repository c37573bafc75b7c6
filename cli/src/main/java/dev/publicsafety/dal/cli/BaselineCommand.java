package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baseline", description = "Record a database whose tables already exist as being at a version (alembic stamp).",
        footerHeading = "%nExamples:%n", footer = {"  dal baseline --domain training --version 3 --url \"$DB\""})
final class BaselineCommand extends DatabaseCommand {

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "the version the existing tables are at")
    String version;

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        for (Domain domain : connection.domains()) {
            runner.baseline(domain, version);
            output.println(domain.schema() + ": baselined at version " + version);
        }
        return 0;
    }
}
