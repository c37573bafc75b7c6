package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.AppliedMigration;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "info", description = "Current version, history (applied when, checksum) and pending migrations"
        + " (alembic current / history --verbose / heads).")
final class InfoCommand extends DatabaseCommand {

    private static final String ROW = "  %-8s %-36s %-9s %-20s %-12s %s";

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        for (Domain domain : connection.domains()) {
            List<AppliedMigration> migrations = runner.info(domain).stream().filter(AppliedMigration::isSqlMigration).toList();
            String current = runner.currentVersion(domain).orElse("none");
            String head = migrations.isEmpty() ? "none" : migrations.get(migrations.size() - 1).version();
            long pending = migrations.stream().filter(m -> "Pending".equals(m.state())).count();
            output.println(domain.schema() + ": current " + current + ", head " + head
                    + (current.equals(head) ? " (at head)" : ", " + pending + " pending"));
            output.println(String.format(ROW, "version", "description", "state", "installed on", "checksum", "installed by"));
            for (AppliedMigration m : migrations) {
                output.println(String.format(ROW, m.version(), m.description(), m.state(),
                        m.installedOn() == null ? "" : m.installedOn().toString().replace('T', ' ').replaceFirst("\\.\\d+Z$", "Z"),
                        m.checksum() == null ? "" : m.checksum().toString(),
                        m.installedBy() == null ? "" : m.installedBy()));
            }
        }
        return 0;
    }
}
