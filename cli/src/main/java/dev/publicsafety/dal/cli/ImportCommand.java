package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.connect.OneLine;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.product.DispatchProductExport;
import dev.publicsafety.dal.fleet.product.DispatchProductExport.OrganizationImport;
import dev.publicsafety.dal.fleet.product.DispatchProductImport;
import dev.publicsafety.dal.fleet.product.DispatchProductImport.OrganizationReport;
import dev.publicsafety.dal.fleet.product.ImportRefusal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "import", description = "Load another system's exported records through the data layer's repositories.",
        subcommands = {ImportCommand.Fleet.class},
        footerHeading = "%nExamples:%n",
        footer = {"  dal import fleet --dir ./dispatch-export --dry-run --url \"$DB\""})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name what to import: fleet");
    }

    /** The name audit rows carry: 1 to 100 characters, not blank. */
    static final class ActorName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank() || value.length() > 100) {
                throw new TypeConversionException("an actor name has 1 to 100 characters, not all blank");
            }
            return value;
        }
    }

    @Command(name = "fleet", modelTransformer = SeedCommand.WithoutDomain.class,
            description = "Load the radio-dispatch product's exported records (one JSON array per record type: organizations.json,"
                    + " users.json, radio_channels.json, assets.json, crews.json, incidents.json, tasks.json, transmissions.json,"
                    + " policies.json, webhooks.json) into the fleet schema. Every record is checked first; any refusal and nothing"
                    + " is written. Then one transaction per organization, audited under --actor; records already imported (by id)"
                    + " are skipped, so a rerun creates nothing.",
            footerHeading = "%nExamples:%n",
            footer = {"  # what would be created, and every refusal; writes nothing",
                    "  dal import fleet --dir ./dispatch-export --dry-run --url \"$DB\"",
                    "  dal import fleet --dir ./dispatch-export --actor migration-2026 --url \"$DB\""})
    static final class Fleet extends DatabaseCommand {

        @Option(names = "--dir", paramLabel = "DIR", required = true, converter = ExistingDirectory.class,
                description = "the export's folder")
        Path directory;

        @Option(names = "--dry-run", description = "print what would be created and every refusal; write nothing")
        boolean dryRun;

        @Option(names = "--actor", paramLabel = "NAME", defaultValue = "import", converter = ActorName.class,
                description = "who the audit rows name as having written the records (default: ${DEFAULT-VALUE})")
        String actor;

        @Override
        int run(ConnectionOptions.Target target, Output output) {
            DispatchProductExport.Contents contents = DispatchProductExport.read(directory);
            if (!contents.refusals().isEmpty()) {
                for (ImportRefusal refusal : contents.refusals()) {
                    output.info("dal import fleet: " + refusal);
                }
                output.info("dal import fleet: " + contents.refusals().size() + " refused; nothing was written");
                return 1;
            }
            DispatchProductImport importer = new DispatchProductImport(new FleetDatabase(target.dataSource()), Actor.service(actor));
            List<String> imported = new ArrayList<>();
            for (OrganizationImport organization : contents.organizations()) {
                OrganizationReport report;
                try {
                    report = importer.run(organization, dryRun);
                } catch (RuntimeException failure) {
                    output.info("dal import fleet: organization " + organization.slug() + " rolled back, nothing of it written: "
                            + Failures.explain(failure, target.url().toString())
                            + (imported.isEmpty() ? "" : "; already imported: " + imported));
                    return 1;
                }
                imported.add(organization.slug());
                output.println((dryRun ? "would create " : "created ") + report.total() + " records for organization "
                        + report.slug() + " (" + report.orgId() + "): " + (report.total() == 0 ? "every record is already there"
                        : report.counts().entrySet().stream().filter(count -> count.getValue() > 0)
                        .map(count -> count.getKey() + " " + count.getValue()).collect(Collectors.joining(", "))));
                if (dryRun) {
                    report.created().forEach(record -> output.println("  would create " + OneLine.escape(record)));
                }
            }
            if (dryRun) {
                output.println("dry run: rolled back, nothing was written");
            }
            return 0;
        }
    }
}
