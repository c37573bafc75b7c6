package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.partition.Horizon;
import dev.publicsafety.dal.partition.Partition;
import dev.publicsafety.dal.partition.PartitionMaintenance;
import dev.publicsafety.dal.partition.PartitionedTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "doctor", description = "Can we connect, which server, which schema versions, does this role bypass"
        + " row-level security, and how far ahead the partitioned tables take rows; works for the owner and for the application role.",
        footerHeading = "%nExamples:%n",
        footer = {"  dal doctor --url \"$DB\"", "  # as the application role: it must be subject to row-level security",
                "  dal doctor --url postgresql://dal_app:secret@db.example.org:5432/dispatch",
                "  # unused, duplicate and prefix-redundant indexes, from the server's statistics",
                "  dal doctor --indexes --url \"$DB\""})
final class DoctorCommand extends DatabaseCommand {

    @Option(names = "--indexes", description = "also list indexes unused since the statistics were reset, and duplicate or"
            + " prefix-redundant ones, with their sizes")
    boolean indexes;

    @Override
    int run(ConnectionOptions.Target target, Output output) throws SQLException {
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        try (Connection connection = target.dataSource().getConnection()) {
            output.println("connection: ok (" + target.url() + ")");
            output.println("server:     " + single(connection, "SELECT version()"));
            String role = single(connection, "SELECT current_user");
            boolean superuser = flag(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
            boolean bypass = flag(connection, "SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user");
            output.println("role:       " + role + (superuser ? " (superuser)" : ""));
            for (Domain domain : Domain.values()) {
                boolean present = flag(connection, "SELECT count(*) > 0 FROM pg_namespace WHERE nspname = ?", domain.schema());
                if (!present) {
                    output.println(String.format("%-12s", domain.schema() + ":") + "schema absent (dal migrate --domain " + domain.schema() + ")");
                    continue;
                }
                boolean owner = flag(connection, """
                        SELECT count(*) > 0 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = ? AND c.relkind = 'r' AND pg_has_role(current_user, c.relowner, 'USAGE')""",
                        domain.schema());
                boolean policed = flag(connection, """
                        SELECT coalesce(bool_or(c.relrowsecurity), false) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = ? AND c.relkind IN ('r', 'p')""", domain.schema());
                String reachable = owner || superuser || bypass ? null : single(connection, """
                        SELECT string_agg(r.rolname || CASE WHEN r.rolsuper THEN ', a superuser' WHEN r.rolbypassrls
                               THEN ', which has BYPASSRLS' ELSE ', which owns the tables' END, '; ' ORDER BY r.rolname)
                          FROM pg_roles r
                         WHERE r.rolname <> current_user AND pg_has_role(current_user, r.oid, 'MEMBER')
                           AND (r.rolsuper OR r.rolbypassrls OR r.oid IN (
                                SELECT c.relowner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                 WHERE n.nspname = ? AND c.relkind IN ('r', 'p')))""", domain.schema());
                String rls = !policed ? "meets no row-level security here (this schema has none)"
                        : superuser || bypass ? "BYPASSES row-level security (superuser or BYPASSRLS)"
                        : owner ? "BYPASSES row-level security (owns the tables; fine for migrations, not for the application)"
                        : reachable != null ? "CAN BYPASS row-level security: it may SET ROLE to " + reachable
                                + " (a member, with or without INHERIT); revoke that membership from the application role"
                        : "subject to row-level security";
                boolean historyReadable = flag(connection, "SELECT has_schema_privilege(current_user, ?, 'USAGE')"
                        + " AND has_table_privilege(current_user, ?, 'SELECT')",
                        domain.schema(), "\"" + domain.schema() + "\"." + Domain.HISTORY_TABLE);
                String version = historyReadable ? "version " + runner.currentVersionOrBase(domain)
                        : "version not readable by " + role + " (as the owner: dal grant-app-role --role " + role + ")";
                output.println(String.format("%-12s", domain.schema() + ":") + version + "; this role " + rls);
            }
        }
        reportPartitions(target, output);
        if (indexes) {
            reportIndexes(target, output);
        }
        return 0;
    }

    private void reportIndexes(ConnectionOptions.Target target, Output output) throws SQLException {
        try (Connection connection = target.dataSource().getConnection()) {
            String since = IndexHealth.statisticsSince(connection);
            List<IndexHealth.Finding> findings = IndexHealth.findings(connection, this.connection.domains().stream().map(Domain::schema).toList());
            output.println(String.format("%-12s", "indexes:") + findings.size() + " finding(s), scans counted "
                    + (since == null ? "since the statistics began" : "since " + since)
                    + "; an index unused on a replica or in a monthly job may still be needed");
            for (IndexHealth.Finding finding : findings) {
                output.println(String.format("  %-10s %-60s %10s  %s", finding.kind(), finding.index(), finding.bytes() / 1024 + " kB",
                        finding.why()));
            }
        }
    }

    /**
     * How far ahead each partitioned table has months, and what its default partition holds; a
     * warning, with the command that fixes it, when less than {@link Horizon#WARNING} is left.
     */
    private static void reportPartitions(ConnectionOptions.Target target, Output output) throws SQLException {
        PartitionMaintenance maintenance = new PartitionMaintenance(target.dataSource());
        Instant now = Instant.now();
        String horizon = functionState(target, "fleet.partition_horizon()");
        if (horizon.equals("absent")) {
            // fleet below version 8 (no default partition: rows past the last month are refused), or absent
            List<Partition> partitions = maintenance.list();
            for (PartitionedTable table : PartitionedTable.values()) {
                partitions.stream().filter(p -> p.table() == table && p.attached()).map(Partition::to).max(Comparator.naturalOrder())
                        .ifPresent(until -> output.println(String.format("%-12s", "partitions:") + table + ": monthly partitions until "
                                + until + "; fleet is below version 8, so later rows are REFUSED: run 'dal migrate'"));
            }
        } else if (horizon.equals("denied")) {
            output.println(String.format("%-12s", "partitions:") + "this role may not execute fleet.partition_horizon(): run"
                    + " 'dal grant-app-role' as the owner (the application needs it to keep the partitions ahead too)");
        } else {
            maintenance.horizons().forEach(h -> output.println(String.format("%-12s", "partitions:") + h.describe(now)));
        }
    }

    /** {@code absent}, {@code denied} (no EXECUTE for this role) or {@code ok}. */
    private static String functionState(ConnectionOptions.Target target, String signature) throws SQLException {
        try (Connection connection = target.dataSource().getConnection()) {
            return single(connection, "SELECT CASE WHEN to_regprocedure(?) IS NULL THEN 'absent'"
                    + " WHEN has_function_privilege(to_regprocedure(?), 'EXECUTE') THEN 'ok' ELSE 'denied' END", signature, signature);
        }
    }

    private static boolean flag(Connection connection, String sql, String... parameters) throws SQLException {
        return "t".equals(single(connection, sql, parameters));
    }

    private static String single(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
