package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.lint.LintFinding;
import dev.publicsafety.dal.migration.lint.StatementLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What a lint finding costs on a live database: the size of the table its statement works on (rows
 * estimated by the planner's statistics, bytes with indexes and TOAST; a partitioned table summed
 * over its partitions) and the lock the statement holds there ({@link StatementLock}), so that a
 * reviewer can estimate how long the application waits.
 */
final class LiveTables {

    private static final String SIZE = """
            WITH t AS (SELECT coalesce(i.indrelid, c.oid) AS oid
                         FROM pg_class c LEFT JOIN pg_index i ON i.indexrelid = c.oid
                        WHERE c.oid = to_regclass(?))
            SELECT t.oid::regclass::text,
                   -- reltuples is -1 until the table is first vacuumed or analyzed
                   sum(CASE WHEN p.reltuples >= 0 THEN p.reltuples ELSE coalesce(s.n_live_tup, 0) END)::bigint,
                   pg_size_pretty(sum(pg_total_relation_size(p.oid))::bigint)
              FROM t CROSS JOIN LATERAL (
                   -- the partitions of a partitioned table; a table outside any partition tree is its own
                   SELECT tree.relid FROM pg_partition_tree(t.oid) tree WHERE tree.isleaf
                    UNION ALL
                   SELECT t.oid WHERE NOT EXISTS (SELECT 1 FROM pg_partition_tree(t.oid))) leaf
              JOIN pg_class p ON p.oid = leaf.relid
              LEFT JOIN pg_stat_user_tables s ON s.relid = p.oid
             GROUP BY t.oid
            """;

    private final DataSource dataSource;
    private final List<Domain> domains;

    /** Unqualified names are looked up in the schemas of {@code domains}, then on the search path. */
    LiveTables(DataSource dataSource, List<Domain> domains) {
        this.dataSource = dataSource;
        this.domains = domains;
    }

    /** The finding's line with {@code [table: ~rows rows, size; takes MODE]}, or as it is if its statement locks no table. */
    String describe(LintFinding finding) {
        return StatementLock.of(finding.statement())
                .map(lock -> finding + " [" + size(lock) + "; takes " + lock.mode() + "]")
                .orElse(finding.toString());
    }

    private String size(StatementLock lock) {
        List<String> names = new ArrayList<>();
        if (!lock.relation().contains(".")) {
            domains.forEach(domain -> names.add(domain.schema() + "." + lock.relation()));
        }
        names.add(lock.relation());
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(SIZE)) {
            for (String name : names) {
                statement.setString(1, name);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1) + ": ~" + rs.getLong(2) + " rows, " + rs.getString(3);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the size of " + lock.relation() + ": " + e.getMessage(), e);
        }
        return lock.relation() + (lock.index() ? ": no such index" : ": no such table") + " in the database";
    }
}
