package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "migrate", description = "Apply pending migrations (alembic upgrade head / <version> / +N), after checking"
        + " that the applied ones still match their files.",
        footerHeading = "%nExamples:%n",
        footer = {"  dal migrate --url postgresql://owner:secret@db.example.org:5432/dispatch",
                "  # only the training schema, up to version 2", "  dal migrate --domain training --target 2",
                "  # the next pending migration of each schema", "  dal migrate --steps 1"})
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
        MigrationRunner runner = new MigrationRunner(target.dataSource(), note -> output.info("dal migrate: " + note));
        if (limit != null && limit.steps != null && limit.steps < 1) {
            throw new ParameterException(spec.commandLine(), "--steps must be at least 1, was " + limit.steps);
        }
        for (Domain domain : connection.domains()) {
            requireKnownVersion(runner, domain, limit == null ? null : limit.target, false);
        }
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
                    + ", now at version " + runner.currentVersionOrBase(domain));
        }
        return 0;
    }
}
