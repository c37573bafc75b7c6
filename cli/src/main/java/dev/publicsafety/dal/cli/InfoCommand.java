package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.AppliedMigration;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "info", description = "Current version, history (applied when, checksum) and pending migrations"
        + " (alembic current / history --verbose / heads); with --rows, the row count of every table.",
        footerHeading = "%nExamples:%n",
        footer = {"  dal info --url \"$DB\"", "  # row counts of the fleet tables", "  dal info --rows --domain fleet"})
final class InfoCommand extends DatabaseCommand {

    @Option(names = "--rows", description = "also count the rows of every table (exact: reads each table once;"
            + " a role under row-level security counts only what it may see)")
    boolean rows;

    private static final String ROW = "  %-8s %-36s %-9s %-20s %-12s %s";

    @Override
    int run(ConnectionOptions.Target target, Output output) throws SQLException {
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        for (Domain domain : connection.domains()) {
            List<AppliedMigration> migrations = runner.info(domain).stream().filter(AppliedMigration::isSqlMigration).toList();
            String current = runner.currentVersionOrBase(domain);
            String head = migrations.isEmpty() ? MigrationRunner.BASE : migrations.get(migrations.size() - 1).version();
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
            if (rows) {
                printRows(target.dataSource(), domain, output);
            }
        }
        return 0;
    }

    private static void printRows(DataSource dataSource, Domain domain, Output output) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement tables = connection.prepareStatement("""
                     SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname""")) {
            tables.setString(1, domain.schema());
            List<String> names = new ArrayList<>();
            try (ResultSet rs = tables.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            output.println(String.format("  %-32s %12s", "table", "rows"));
            for (String table : names) {
                String count;
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT count(*) FROM \"" + domain.schema() + "\".\""
                             + table.replace("\"", "\"\"") + "\"")) {
                    rs.next();
                    count = Long.toString(rs.getLong(1));
                } catch (SQLException denied) {
                    if (!"42501".equals(denied.getSQLState())) {
                        throw denied;
                    }
                    count = "no access";
                }
                output.println(String.format("  %-32s %12s", table, count));
            }
        }
    }
}
