package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.DropPlan;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "clean", description = {
        "Drop every object of the schemas, data and history included (needs --yes; an audit trail holding rows also"
                + " needs --drop-audit-trail). Without --yes it lists what it would drop and changes nothing."},
        footerHeading = "%nExamples:%n",
        footer = {"  # what would be dropped, with row counts", "  dal clean --dry-run --domain training",
                "  dal clean --yes --domain training --url postgresql://postgres@db/scratch"})
final class CleanCommand extends DatabaseCommand {

    @Mixin
    DropOptions drop;

    @Option(names = "--dry-run", description = "print what would be dropped; change nothing")
    boolean dryRun;

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        List<DropPlan> plans = connection.domains().stream().map(runner::planClean).toList();
        if (dryRun) {
            for (DropPlan plan : plans) {
                plan.describe().forEach(output::println);
                output.println(plan.sql());
            }
            return 0;
        }
        if (!drop.yes) {
            plans.forEach(plan -> plan.describe().forEach(output::println));
            throw new ConfirmationRequired("refusing to drop " + connection.domains().stream().map(Domain::schema).toList()
                    + " on " + target.url() + " without --yes; back up first (pg_dump)");
        }
        drop.requireConsent(plans, output);
        for (Domain domain : connection.domains()) {
            DropPlan done = runner.clean(domain, drop.consent());
            output.println(domain.schema() + ": cleaned" + (done.rowsLost() > 0 ? "; dropped " + done.rowsLost() + " rows" : ""));
        }
        return 0;
    }
}
