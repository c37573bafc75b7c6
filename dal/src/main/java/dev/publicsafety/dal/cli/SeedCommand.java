package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.seed.SeedReport;
import dev.publicsafety.dal.training.seed.SeedSource;
import dev.publicsafety.dal.training.seed.SeedValidationException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "seed", description = "Load the training scenarios from JSON files (default: the bundled ones);"
        + " validates every file first and writes nothing if any is wrong.",
        footerHeading = "%nExamples:%n",
        footer = {"  dal seed", "  # your own files; report what would change, write nothing", "  dal seed --dir ./scenarios --dry-run"})
final class SeedCommand extends DatabaseCommand {

    @Option(names = "--dir", paramLabel = "PATH", description = "folder of scenario *.json files (default: bundled scenarios)")
    Path directory;

    @Option(names = "--dry-run", description = "report what would change; write nothing")
    boolean dryRun;

    @Option(names = "--prune", description = "deactivate seeded scenarios whose file is gone (never deletes)")
    boolean prune;

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        ScenarioSeeder seeder = new ScenarioSeeder(target.dataSource());
        ScenarioSeeder.Options options = new ScenarioSeeder.Options(dryRun, prune);
        SeedReport report;
        try {
            report = seeder.seed(directory == null ? SeedSource.bundled() : SeedSource.directory(directory), options);
        } catch (SeedValidationException e) {
            if (e.errors().size() == 1) {
                output.info("dal seed: " + e.errors().get(0) + " (nothing was written)");
            } else {
                e.errors().forEach(error -> output.info("dal seed: " + error));
                output.info("dal seed: " + e.errors().size() + " errors; nothing was written");
            }
            return 1;
        }
        output.println("training scenarios: " + report);
        report.inserted().forEach(key -> output.println("  inserted    " + key));
        report.updated().forEach(key -> output.println("  updated     " + key));
        report.deactivated().forEach(key -> output.println("  deactivated " + key));
        return 0;
    }
}
