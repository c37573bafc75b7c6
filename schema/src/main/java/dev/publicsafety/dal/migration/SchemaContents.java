package dev.publicsafety.dal.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The droppable contents of one schema as the catalog shows them inside the caller's transaction:
 * tables with their columns, and every other object by kind and name. Two readings, before and
 * after a change, tell what the change dropped.
 */
record SchemaContents(boolean exists, Map<String, Set<String>> tableColumns, Set<String> otherObjects) {

    static SchemaContents read(Connection connection, String schema) throws SQLException {
        boolean exists;
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) > 0 FROM pg_namespace WHERE nspname = ?")) {
            query.setString(1, schema);
            try (ResultSet rs = query.executeQuery()) {
                exists = rs.next() && rs.getBoolean(1);
            }
        }
        Map<String, Set<String>> tables = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.relname, a.attname
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                 ORDER BY c.relname, a.attnum""")) {
            query.setString(1, schema);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Set<String> columns = tables.computeIfAbsent(rs.getString(1), table -> new LinkedHashSet<>());
                    if (rs.getString(2) != null) {
                        columns.add(rs.getString(2));
                    }
                }
            }
        }
        Set<String> others = new TreeSet<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' ELSE 'materialized view ' END
                       || n.nspname || '.' || c.relname
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relkind IN ('S', 'v', 'm')
                UNION ALL
                SELECT CASE t.typtype WHEN 'e' THEN 'enum type ' ELSE 'domain ' END || n.nspname || '.' || t.typname
                  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE n.nspname = ? AND t.typtype IN ('e', 'd')
                UNION ALL
                SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = ?""")) {
            for (int i = 1; i <= 3; i++) {
                query.setString(i, schema);
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    others.add(rs.getString(1));
                }
            }
        }
        return new SchemaContents(exists, tables, others);
    }

    /**
     * What is here and gone from {@code after}, with the rows each dropped table or column takes
     * with it, counted now (call before the change, or after rolling it back). Counts are exact and
     * run with row security off, so a policy can never hide rows from them: where one would, the
     * count fails instead.
     */
    DropPlan droppedIn(SchemaContents after, Connection connection, Domain domain, List<String> migrations, String sql)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL row_security = off");
        }
        List<DropPlan.Table> tables = new ArrayList<>();
        List<DropPlan.Column> columns = new ArrayList<>();
        for (Map.Entry<String, Set<String>> table : tableColumns.entrySet()) {
            String name = table.getKey();
            if (name.equals(domain.historyTable())) {
                continue; // the history is the undo's own bookkeeping, not data
            }
            Set<String> remaining = after.tableColumns.get(name);
            if (remaining == null) {
                tables.add(new DropPlan.Table(name, rows(connection, domain, name), domain.isAuditTable(name)));
                continue;
            }
            List<String> dropped = table.getValue().stream().filter(column -> !remaining.contains(column)).toList();
            if (!dropped.isEmpty()) {
                long[] counts = counts(connection, domain, name, dropped);
                for (int i = 0; i < dropped.size(); i++) {
                    columns.add(new DropPlan.Column(name, dropped.get(i), counts[0], counts[i + 1], domain.isAuditTable(name)));
                }
            }
        }
        List<String> others = otherObjects.stream().filter(object -> !after.otherObjects.contains(object)).toList();
        return new DropPlan(domain, migrations, tables, columns, others, exists && !after.exists, sql);
    }

    /** Nothing at all: what a schema holds after a clean. */
    static SchemaContents empty() {
        return new SchemaContents(false, Map.of(), Set.of());
    }

    /** The table's rows, then the non-null values of each of {@code columns}, in one scan. */
    private static long[] counts(Connection connection, Domain domain, String table, List<String> columns) throws SQLException {
        StringBuilder query = new StringBuilder("SELECT count(*)");
        for (String column : columns) {
            query.append(", count(").append(quoted(column)).append(')');
        }
        query.append(" FROM ").append(quoted(domain.schema())).append('.').append(quoted(table));
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query.toString())) {
            rs.next();
            long[] counts = new long[columns.size() + 1];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = rs.getLong(i + 1);
            }
            return counts;
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static long rows(Connection connection, Domain domain, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM \"" + domain.schema() + "\".\"" + table.replace("\"", "\"\"") + "\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
