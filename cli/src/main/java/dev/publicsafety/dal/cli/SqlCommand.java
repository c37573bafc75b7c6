package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.AppliedMigration;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
                        + domain.schema() + "." + Domain.HISTORY_TABLE);
                output.println("BEGIN;");
                output.println(read(domain.migrationLocation() + "/" + m.script()).strip());
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

    private static String read(String resource) {
        try (InputStream in = SqlCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration file " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
