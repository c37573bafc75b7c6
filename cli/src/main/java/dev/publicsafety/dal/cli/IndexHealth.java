package dev.publicsafety.dal.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet guide's index advice ("add indexes for real query patterns, remove unused ones") from
 * the server's own statistics: indexes no scan has used since the statistics were reset, and
 * indexes that another index of the same table makes redundant (the same key columns, or a prefix
 * of a btree's). A partitioned table's index counts the scans and bytes of its partitions' indexes.
 * Indexes that enforce a constraint (primary key, unique, exclusion) are never called unused: they
 * work on every write.
 */
final class IndexHealth {

    /** One finding: what, the index, its size, and why. */
    record Finding(String kind, String index, long bytes, String why) {
    }

    // Top-level indexes (not a partition's copy of a parent index), with their partitions' scans and sizes.
    private static final String INDEXES = """
            WITH RECURSIVE tree AS (
                SELECT i.indexrelid AS root, i.indexrelid AS member
                  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ANY (?) AND NOT EXISTS (SELECT FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
                UNION ALL
                SELECT t.root, h.inhrelid FROM tree t JOIN pg_inherits h ON h.inhparent = t.member
            )
            SELECT t.root::regclass::text AS name, i.indrelid::regclass::text AS tbl, am.amname AS method,
                   (i.indisunique OR i.indisprimary OR i.indisexclusion) AS enforces,
                   i.indexprs IS NOT NULL AS expression, pg_get_expr(i.indpred, i.indrelid) AS predicate,
                   (SELECT string_agg(k::text, ' ' ORDER BY p) FROM unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY u (k, p)) AS keys,
                   (SELECT string_agg(o::text, ' ' ORDER BY p) FROM unnest(i.indclass) WITH ORDINALITY u (o, p)) AS opclasses,
                   coalesce(sum(s.idx_scan), 0) AS scans, sum(pg_relation_size(t.member)) AS bytes
              FROM tree t JOIN pg_index i ON i.indexrelid = t.root
              JOIN pg_class c ON c.oid = t.root JOIN pg_am am ON am.oid = c.relam
              LEFT JOIN pg_stat_all_indexes s ON s.indexrelid = t.member
             GROUP BY t.root, i.indexrelid, am.amname
             ORDER BY 1""";

    private record Index(String name, String table, String method, boolean enforces, boolean expression, String predicate,
                         String keys, String opclasses, long scans, long bytes) {

        /** Same table, method, predicate and operator classes, and this one's keys lead the other's (btree) or equal them. */
        boolean coveredBy(Index other) {
            if (other == this || !table.equals(other.table) || !method.equals(other.method) || expression || other.expression
                    || !String.valueOf(predicate).equals(String.valueOf(other.predicate))) {
                return false;
            }
            boolean same = keys.equals(other.keys) && opclasses.equals(other.opclasses);
            boolean prefix = method.equals("btree") && (other.keys + " ").startsWith(keys + " ")
                    && (other.opclasses + " ").startsWith(opclasses + " ");
            return same || prefix;
        }
    }

    private IndexHealth() {
    }

    /** Since when the database's statistics count, as the server says ({@code null}: since they began). */
    static String statisticsSince(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT stats_reset::text FROM pg_stat_database WHERE datname = current_database()");
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<Finding> findings(Connection connection, List<String> schemas) throws SQLException {
        List<Index> indexes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(INDEXES)) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    indexes.add(new Index(rs.getString("name"), rs.getString("tbl"), rs.getString("method"),
                            rs.getBoolean("enforces"), rs.getBoolean("expression"), rs.getString("predicate"),
                            rs.getString("keys"), rs.getString("opclasses"), rs.getLong("scans"), rs.getLong("bytes")));
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Index index : indexes) {
            if (!index.enforces && index.scans == 0) {
                findings.add(new Finding("unused", index.name, index.bytes, "no scan since the statistics were reset"));
            }
            for (Index other : indexes) {
                // a constraint's index is kept; of two equal plain ones, the later name is the one to drop
                boolean redundant = !index.enforces && index.coveredBy(other)
                        && (!other.coveredBy(index) || other.enforces || other.name.compareTo(index.name) < 0);
                if (redundant) {
                    boolean same = other.coveredBy(index);
                    findings.add(new Finding(same ? "duplicate" : "redundant", index.name, index.bytes,
                            (same ? "the same keys as " : "its keys lead ") + other.name));
                    break;
                }
            }
        }
        return findings;
    }
}
