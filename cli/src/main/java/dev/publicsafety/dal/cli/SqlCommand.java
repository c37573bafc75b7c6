package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.AppliedMigration;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.DomainFiles;
import dev.publicsafety.dal.migration.MigrationRunner;
import org.flywaydb.core.api.MigrationVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sql", description = "Print the SQL that migrate would run, applying nothing (alembic upgrade head --sql).",
        footerHeading = "%nExamples:%n",
        footer = {"  dal sql --url \"$DB\" > review.sql", "  dal sql --domain fleet --target 1"})
final class SqlCommand extends DatabaseCommand {

    @Option(names = "--target", paramLabel = "VERSION", description = "stop after this version")
    String targetVersion;

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        int printed = 0;
        for (Domain domain : connection.domains()) {
            requireKnownVersion(runner, domain, targetVersion, false);
        }
        for (Domain domain : connection.domains()) {
            MigrationVersion limit = targetVersion == null ? null : runner.knownVersion(domain, targetVersion);
            for (AppliedMigration m : runner.info(domain)) {
                if (!m.isSqlMigration() || m.isApplied() || (limit != null && MigrationVersion.fromVersion(m.version()).compareTo(limit) > 0)) {
                    continue;
                }
                output.println("-- " + domain.schema() + " V" + m.version() + ": " + m.description() + " (" + m.script() + ")");
                output.println("-- dal migrate runs this in one transaction and records it in "
                        + domain.schema() + "." + domain.historyTable());
                output.println("BEGIN;");
                output.println(DomainFiles.migration(domain, m.script(), SqlCommand.class.getClassLoader()).orElseThrow(() -> new IllegalStateException(
                        "migration file " + domain.migrationLocation() + "/" + m.script() + " is missing")).strip());
                output.println("COMMIT;");
                output.println("");
                printed++;
            }
        }
        if (printed == 0) {
            output.info("dal sql: nothing pending");
        }
        return 0;
    }
}
