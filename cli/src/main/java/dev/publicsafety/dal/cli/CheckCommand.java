package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.drift.SchemaDrift;
import picocli.CommandLine.Command;

@Command(name = "check", description = "Compare the live database with what its migrations define and print the DDL that"
        + " would reconcile them; exit 3 on drift (alembic check / autogenerate).",
        footerHeading = "%nExamples:%n", footer = {"  dal check --url \"$DB\"", "  dal check --domain training"})
final class CheckCommand extends DatabaseCommand {

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        boolean drift = false;
        for (SchemaDrift.Report report : new SchemaDrift(target.url()).check(connection.domains())) {
            if (report.isClean()) {
                output.println(report.domain().schema() + ": matches its migrations at version " + report.version());
                continue;
            }
            drift = true;
            output.println("-- " + report.domain().schema() + ": differs from its migrations at version " + report.version());
            if (!report.proposedDdl().isEmpty()) {
                output.println("-- DDL that would make the database match the migrations (review before running;"
                        + " better: write a migration):");
                report.proposedDdl().forEach(output::println);
            }
            report.onlyLive().forEach(line -> output.println("-- only in the database:   " + line));
            report.onlyExpected().forEach(line -> output.println("-- only in the migrations: " + line));
        }
        return drift ? DalCommand.DRIFT : 0;
    }
}
