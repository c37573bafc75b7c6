package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.seed.SeedReport;
import dev.publicsafety.dal.training.seed.SeedSource;
import dev.publicsafety.dal.training.seed.SeedValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "seed", modelTransformer = SeedCommand.WithoutDomain.class,
        description = "Load the training scenarios from JSON files: the bundled ones (the default), your folders (--dir),"
                + " or both (--bundled --dir); validates every file first and writes nothing if any is wrong.",
        footerHeading = "%nExamples:%n",
        footer = {"  dal seed", "  # your own files; report what would change, write nothing", "  dal seed --dir ./scenarios --dry-run",
                "  # the bundled scenarios and yours; deactivate seeded ones in neither", "  dal seed --bundled --dir ./scenarios --prune"})
final class SeedCommand extends DatabaseCommand {

    @Option(names = "--bundled", description = "seed the bundled scenarios (the default when no --dir is given)")
    boolean bundled;

    @Option(names = "--dir", paramLabel = "PATH", converter = ExistingDirectory.class,
            description = "folder of scenario *.json files; repeat for several folders")
    List<Path> directories = new ArrayList<>();

    @Option(names = "--dry-run", description = "report what would change; write nothing")
    boolean dryRun;

    @Option(names = "--prune", description = "deactivate seeded scenarios that are in none of the files seeded (never deletes)")
    boolean prune;

    @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "10M", converter = ByteSize.class,
            description = "refuse larger scenario files: bytes, or with K, M or G (default: ${DEFAULT-VALUE})")
    long maxFileSize;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "give up if another seeder holds the seeding lock this long (default: ${DEFAULT-VALUE})")
    int lockWaitSeconds;

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        if (lockWaitSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--lock-wait must be 0 or more seconds, was " + lockWaitSeconds);
        }
        List<SeedSource.SourceFile> files = new ArrayList<>();
        if (bundled || directories.isEmpty()) {
            files.addAll(SeedSource.bundled());
        }
        for (Path directory : directories) {
            files.addAll(SeedSource.directory(directory, maxFileSize));
        }
        ScenarioSeeder seeder = new ScenarioSeeder(target.dataSource(), Duration.ofSeconds(lockWaitSeconds));
        SeedReport report;
        try {
            report = seeder.seed(files, new ScenarioSeeder.Options(dryRun, prune));
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

    /** Seeding and adopting are training only: the shared {@code --domain} option would mean nothing there, so they do not offer it. */
    static final class WithoutDomain implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.remove(spec.findOption("--domain"));
            return spec;
        }
    }

    /** {@code 10485760}, {@code 512K}, {@code 10M}, {@code 1G}. */
    static final class ByteSize implements CommandLine.ITypeConverter<Long> {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,9})([KMG]?)B?");

        @Override
        public Long convert(String value) {
            Matcher size = SIZE.matcher(value.strip().toUpperCase(Locale.ROOT));
            if (!size.matches() || Long.parseLong(size.group(1)) == 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size above 0 such as 10485760, 512K, 10M or 1G");
            }
            int shift = switch (size.group(2)) {
                case "K" -> 10;
                case "M" -> 20;
                case "G" -> 30;
                default -> 0;
            };
            return Long.parseLong(size.group(1)) << shift;
        }
    }
}
