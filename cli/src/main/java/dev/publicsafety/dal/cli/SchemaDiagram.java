package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of one schema as the live catalog has them: columns with their types, primary keys and
 * foreign keys (composite ones whole). A partitioned table appears once, as its parent; the
 * migration history table is left out. Everything is in a fixed order (tables and constraints by
 * name, columns by position), so the same schema always gives the same diagram.
 */
record SchemaDiagram(String schema, List<Table> tables, List<ForeignKey> foreignKeys) {

    record Table(String name, List<Column> columns, List<String> primaryKey, List<List<String>> uniqueKeys) {
    }

    record Column(String name, String type, boolean notNull) {
    }

    /** {@code columns} of {@code table} reference {@code referencedColumns} of {@code referencedTable}, pairwise. */
    record ForeignKey(String name, String table, List<String> columns, String referencedSchema, String referencedTable,
                      List<String> referencedColumns) {
    }

    private static final String TABLES = """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> ?
             ORDER BY c.relname""";

    private static final String COLUMNS = """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY c.relname, a.attnum""";

    /** Primary, unique and foreign keys, each column list in key order; a partition's copy of its parent's key is left out. */
    private static final String KEYS = """
            SELECT con.contype, con.conname, c.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
                           JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.pos),
                   rn.nspname, r.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, pos)
                           JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.pos)
              FROM pg_constraint con
              JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_class r ON r.oid = con.confrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
             WHERE n.nspname = ? AND con.contype IN ('p', 'u', 'f') AND con.conparentid = 0 AND NOT c.relispartition
             ORDER BY c.relname, con.conname""";

    /** Reads {@code schema}'s tables and keys; a schema that does not exist has none. */
    static SchemaDiagram read(Connection connection, String schema) throws SQLException {
        Map<String, List<Column>> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(TABLES)) {
            statement.setString(1, schema);
            statement.setString(2, Domain.HISTORY_TABLE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), new ArrayList<>());
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<Column> of = columns.get(rs.getString(1));
                    if (of != null) {
                        of.add(new Column(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                    }
                }
            }
        }
        Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
        Map<String, List<List<String>>> uniqueKeys = new LinkedHashMap<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(KEYS)) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(3);
                    if (!columns.containsKey(table)) {
                        continue; // the history table
                    }
                    List<String> keyColumns = names(rs.getArray(4));
                    switch (rs.getString(1)) {
                        case "p" -> primaryKeys.put(table, keyColumns);
                        case "u" -> uniqueKeys.computeIfAbsent(table, t -> new ArrayList<>()).add(keyColumns);
                        default -> foreignKeys.add(new ForeignKey(rs.getString(2), table, keyColumns, rs.getString(5),
                                rs.getString(6), names(rs.getArray(7))));
                    }
                }
            }
        }
        List<Table> tables = columns.entrySet().stream()
                .map(e -> new Table(e.getKey(), List.copyOf(e.getValue()), primaryKeys.getOrDefault(e.getKey(), List.of()),
                        List.copyOf(uniqueKeys.getOrDefault(e.getKey(), List.of()))))
                .toList();
        return new SchemaDiagram(schema, tables, List.copyOf(foreignKeys));
    }

    private static List<String> names(Array array) throws SQLException {
        return List.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
