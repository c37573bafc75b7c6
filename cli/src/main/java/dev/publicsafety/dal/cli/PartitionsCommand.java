package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.partition.Partition;
import dev.publicsafety.dal.partition.PartitionMaintenance;
import dev.publicsafety.dal.partition.PartitionMaintenance.Retention;
import dev.publicsafety.dal.partition.RetentionStep;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "partitions", description = {
        "Keep the monthly partitions of fleet.transmissions and fleet.audit_logs: list them, create months ahead, apply retention.",
        "A row dated after the last month goes to the table's default partition; the application's FleetDatabase keeps three",
        "months ahead by itself, and 'create' does the same from outside it (cron), moving such rows into their months."},
        subcommands = {PartitionsCommand.ListPartitions.class, PartitionsCommand.CreateAhead.class, PartitionsCommand.Retain.class},
        footerHeading = "%nExamples:%n",
        footer = {"  dal partitions list --url \"$DB\"", "  # monthly, from cron", "  dal partitions create --months-ahead 3 --url \"$DB\"",
                "  dal partitions retain --transmissions-months 12 --audit-months 84 --url \"$DB\""})
final class PartitionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name what to do: list, create or retain");
    }

    @Command(name = "list", description = {
            "List each partition with its range, estimated rows (as of the last ANALYZE) and size, then the audit partitions",
            "detached by retention, and how far ahead each table has months and what its default partition holds."},
            footerHeading = "%nExamples:%n", footer = {"  dal partitions list --url \"$DB\""})
    static final class ListPartitions extends DatabaseCommand {

        @Override
        int run(ConnectionOptions.Target target, Output output) {
            PartitionMaintenance maintenance = new PartitionMaintenance(target.dataSource());
            List<Partition> partitions = maintenance.list();
            output.println(String.format("%-40s %-25s %-25s %12s %12s", "partition", "from", "to", "rows (est.)", "bytes"));
            for (Partition partition : partitions) {
                output.println(String.format("%-40s %-25s %-25s %12s %12d", partition.qualifiedName(),
                        partition.from().map(Object::toString).orElse("(everything older)"), partition.to(),
                        partition.estimatedRows() < 0 ? "not analyzed" : Long.toString(partition.estimatedRows()), partition.bytes()));
            }
            Instant now = Instant.now();
            maintenance.horizons().forEach(horizon -> output.println(horizon.describe(now)));
            return 0;
        }
    }

    @Command(name = "create", description = {"Create the missing monthly partitions of both tables up to N months after the current one,",
            "moving the rows of each new month that the default partition holds into it."},
            footerHeading = "%nExamples:%n", footer = {"  dal partitions create --url \"$DB\"",
                    "  dal partitions create --months-ahead 12 --url \"$DB\""})
    static final class CreateAhead extends DatabaseCommand {

        @Option(names = "--months-ahead", paramLabel = "N", defaultValue = "3",
                description = "months after the current one to cover (default: ${DEFAULT-VALUE})")
        int monthsAhead;

        @Override
        int run(ConnectionOptions.Target target, Output output) {
            if (monthsAhead < 0 || monthsAhead > 120) {
                throw new ParameterException(spec.commandLine(), "--months-ahead must be between 0 and 120, was " + monthsAhead);
            }
            List<Partition> created = new PartitionMaintenance(target.dataSource()).createAhead(monthsAhead);
            created.forEach(partition -> output.println("created " + partition.qualifiedName() + " (" + partition.from().orElseThrow()
                    + " to " + partition.to() + ")"));
            if (created.isEmpty()) {
                output.println("nothing to create: both tables have partitions " + monthsAhead + " months ahead");
            }
            return 0;
        }
    }

    @Command(name = "retain", description = {
            "Apply retention: transmissions partitions older than the retention are detached and dropped; audit partitions are",
            "only detached (into schema fleet_detached, append-only, the chain start recorded so that 'dal audit verify' still",
            "passes); dropping detached audit partitions needs --drop-audit-partitions. Without --yes it prints what it would",
            "do and exits 1, changing nothing. Months count back from the start of the current month (UTC)."},
            footerHeading = "%nExamples:%n",
            footer = {"  # what would go, in the database of $DATABASE_URL", "  dal partitions retain --transmissions-months 12 --audit-months 84",
                    "  dal partitions retain --transmissions-months 12 --audit-months 84 --yes",
                    "  # also drop detached audit months past the retention (back them up first)",
                    "  dal partitions retain --audit-months 84 --yes --drop-audit-partitions"})
    static final class Retain extends DatabaseCommand {

        @Option(names = "--transmissions-months", paramLabel = "N", description = "keep this many months of transmissions")
        Integer transmissionMonths;

        @Option(names = "--audit-months", paramLabel = "N", description = "keep this many months of audit logs attached")
        Integer auditMonths;

        @Option(names = "--yes", description = "confirm: detach and drop")
        boolean yes;

        @Option(names = "--drop-audit-partitions", description = "with --yes: also drop detached audit partitions past --audit-months")
        boolean dropAuditPartitions;

        @Override
        int run(ConnectionOptions.Target target, Output output) {
            if (transmissionMonths == null && auditMonths == null) {
                throw new ParameterException(spec.commandLine(), "give --transmissions-months, --audit-months or both");
            }
            if (dropAuditPartitions && !yes) {
                throw new ParameterException(spec.commandLine(), "--drop-audit-partitions only adds to --yes; give both");
            }
            if (dropAuditPartitions && auditMonths == null) {
                throw new ParameterException(spec.commandLine(), "--drop-audit-partitions needs --audit-months");
            }
            for (Integer months : new Integer[] {transmissionMonths, auditMonths}) {
                if (months != null && months < 1) {
                    throw new ParameterException(spec.commandLine(), "a retention must keep at least 1 month, was " + months);
                }
            }
            Retention retention = new Retention(optional(transmissionMonths), optional(auditMonths), dropAuditPartitions);
            PartitionMaintenance maintenance = new PartitionMaintenance(target.dataSource());
            if (!yes) {
                List<RetentionStep> plan = maintenance.planRetention(retention);
                plan.forEach(step -> output.println("would " + step.describe()));
                if (plan.isEmpty()) {
                    output.println("nothing is past the retention");
                    return 0;
                }
                throw new ConfirmationRequired("refusing to detach or drop " + plan.size() + " partitions on " + target.url()
                        + " without --yes");
            }
            List<RetentionStep> done = maintenance.applyRetention(retention);
            done.forEach(step -> output.println("done: " + step.describe()));
            if (done.isEmpty()) {
                output.println("nothing is past the retention");
            }
            return 0;
        }

        private static OptionalInt optional(Integer months) {
            return months == null ? OptionalInt.empty() : OptionalInt.of(months);
        }
    }
}
