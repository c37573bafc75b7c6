package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", description = "Apply pending migrations (alembic upgrade head / <version> / +N).")
final class MigrateCommand extends DatabaseCommand {

    static final class Limit {
        @Option(names = "--target", paramLabel = "VERSION", description = "stop after this version")
        String target;

        @Option(names = "--steps", paramLabel = "N", description = "apply only the next N migrations")
        Integer steps;
    }

    @ArgGroup(exclusive = true)
    Limit limit;

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        for (Domain domain : connection.domains()) {
            int applied;
            if (limit != null && limit.target != null) {
                applied = runner.migrateTo(domain, limit.target);
            } else if (limit != null && limit.steps != null) {
                applied = runner.migrateSteps(domain, limit.steps);
            } else {
                applied = runner.migrate(domain);
            }
            output.println(domain.schema() + ": applied " + applied + " migration" + (applied == 1 ? "" : "s")
                    + ", now at version " + runner.currentVersion(domain).orElse("none"));
        }
        return 0;
    }
}
