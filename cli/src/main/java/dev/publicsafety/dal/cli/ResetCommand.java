package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.DropPlan;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.seed.SeedReport;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

@Command(name = "reset", description = {
        "Start over: undo every migration (down to base), migrate to head, and seed the bundled training scenarios"
                + " (python -m app.db.utils reset). Every row is lost: needs --yes, and --drop-audit-trail when the"
                + " audit trail holds rows."},
        footerHeading = "%nExamples:%n",
        footer = {"  # the local embedded database, from scratch", "  dal reset --yes",
                "  dal reset --yes --domain training --url postgresql://postgres@db/sim_dev"})
final class ResetCommand extends DatabaseCommand {

    @Mixin
    DropOptions drop;

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        if (!drop.yes) {
            throw new ParameterException(spec.commandLine(), "reset drops every table and its data; add --yes to confirm"
                    + " (dal undo --all --dry-run shows what would go)");
        }
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        List<DropPlan> plans = connection.domains().stream().map(domain -> runner.planUndoTo(domain, MigrationRunner.BASE)).toList();
        drop.requireConsent(plans, output);
        for (Domain domain : connection.domains()) {
            DropPlan dropped = runner.undoTo(domain, MigrationRunner.BASE, drop.consent());
            int applied = runner.migrate(domain);
            output.println(domain.schema() + ": dropped " + dropped.rowsLost() + " rows, reverted " + dropped.migrations().size()
                    + " and applied " + applied + " migrations, now at version " + runner.currentVersionOrBase(domain));
        }
        if (connection.domains().contains(Domain.TRAINING)) {
            SeedReport report = new ScenarioSeeder(target.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
            output.println("training scenarios: " + report);
        }
        return 0;
    }
}
