package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.DropConsent;
import dev.publicsafety.dal.migration.DropPlan;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "undo", description = {
        "Revert applied migrations (alembic downgrade -1 / <version> / base): the last one of each schema by default.",
        "It first works out what the undo drops; if that includes a table or column holding rows it prints the list"
                + " and refuses unless --yes is given, and an audit trail holding rows also needs --drop-audit-trail."},
        footerHeading = "%nExamples:%n",
        footer = {"  # what undoing the last migration would drop, and its SQL; changes nothing",
                "  dal undo --dry-run --url \"$DB\"",
                "  # revert training to version 2, if that drops no rows", "  dal undo --domain training --target 2",
                "  # everything down to base, rows and audit trail included", "  dal undo --all --yes --drop-audit-trail"})
final class UndoCommand extends DatabaseCommand {

    static final class Limit {
        @Option(names = "--steps", paramLabel = "N", description = "revert the last N migrations (default 1)")
        Integer steps;

        @Option(names = "--target", paramLabel = "VERSION", description = "revert until this version is the current one"
                + " (base or 0: all of them)")
        String target;

        @Option(names = "--all", description = "revert everything, down to base (needs --yes)")
        boolean all;
    }

    @ArgGroup(exclusive = true)
    Limit limit;

    @Mixin
    DropOptions drop;

    @Option(names = "--dry-run", description = "print what would be dropped and the SQL; change nothing")
    boolean dryRun;

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        if (limit != null && limit.steps != null && limit.steps < 1) {
            throw new ParameterException(spec.commandLine(), "--steps must be at least 1, was " + limit.steps);
        }
        if (limit != null && limit.all && !drop.yes && !dryRun) {
            throw new ParameterException(spec.commandLine(), "undo --all drops every table and its data; add --yes to confirm"
                    + " (or --dry-run to see what would go)");
        }
        DropConsent consent = drop.consent();
        String version = limit == null ? null : limit.all ? MigrationRunner.BASE : limit.target;
        for (Domain domain : connection.domains()) {
            requireKnownVersion(runner, domain, version, true);
        }
        List<DropPlan> plans = new ArrayList<>();
        for (Domain domain : connection.domains()) {
            plans.add(version != null ? runner.planUndoTo(domain, version) : runner.planUndo(domain, steps()));
        }
        if (dryRun) {
            for (DropPlan plan : plans) {
                plan.describe().forEach(output::println);
                output.println(plan.sql().isEmpty() ? "-- " + plan.domain().schema() + ": no SQL to run" : plan.sql());
            }
            return 0;
        }
        drop.requireConsent(plans, output);
        for (Domain domain : connection.domains()) {
            DropPlan done = version != null ? runner.undoTo(domain, version, consent) : runner.undo(domain, steps(), consent);
            int reverted = done.migrations().size();
            output.println(domain.schema() + ": reverted " + reverted + " migration" + (reverted == 1 ? "" : "s")
                    + ", now at version " + runner.currentVersionOrBase(domain)
                    + (done.dropped().isEmpty() ? "" : "; dropped " + done.dropped()));
        }
        return 0;
    }

    private int steps() {
        return limit != null && limit.steps != null ? limit.steps : 1;
    }
}
