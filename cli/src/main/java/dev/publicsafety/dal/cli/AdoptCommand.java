package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.MigrationException;
import dev.publicsafety.dal.training.adopt.SimulatorAdoption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "adopt", modelTransformer = SeedCommand.WithoutDomain.class,
        description = "Bring a database made by the 911 training simulator's own migrations (tables in public,"
        + " alembic_version 001 or 002) under dal: move its tables into schema training and migrate them to head,"
        + " in one transaction.",
        footerHeading = "%nExamples:%n",
        footer = {"  # what adopting would do; rolled back, nothing changes",
                "  dal adopt --dry-run --url postgresql://postgres@localhost:5432/simulator",
                "  dal adopt --url postgresql://postgres@localhost:5432/simulator"})
final class AdoptCommand extends DatabaseCommand {

    @Option(names = "--dry-run", description = "print what adopting would do, then roll it back; change nothing")
    boolean dryRun;

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        SimulatorAdoption adoption = new SimulatorAdoption(target.dataSource());
        SimulatorAdoption.Report report;
        try {
            report = dryRun ? adoption.dryRun() : adoption.adopt();
        } catch (MigrationException e) {
            output.info("dal adopt: " + e.getMessage());
            return 1;
        }
        report.steps().forEach(step -> output.println((dryRun ? "would: " : "") + step));
        output.println(dryRun
                ? "dry run: rolled back, nothing was changed; 'dal adopt' does the above in one transaction"
                : "adopted simulator revision " + report.revision() + ": training is at version " + report.version());
        return 0;
    }
}
