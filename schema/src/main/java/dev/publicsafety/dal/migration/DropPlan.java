package dev.publicsafety.dal.migration;

import java.util.ArrayList;
import java.util.List;

/**
 * What an undo or a clean drops from one schema, worked out before anything is committed: the
 * migrations it reverts, the tables and columns that go with their row counts, the other objects
 * (types, functions, sequences, views), whether the schema itself goes, and the SQL it runs.
 * Changes to surviving columns (a type narrowed, values rewritten by an undo script) are not seen.
 */
public record DropPlan(Domain domain, List<String> migrations, List<Table> tables, List<Column> columns,
                       List<String> otherObjects, boolean dropsSchema, String sql) {

    /** A table that goes, with the rows it held. */
    public record Table(String name, long rows, boolean auditTrail) {
    }

    /** A column that goes from a table that stays, with the rows of that table and the values (not NULL) it held. */
    public record Column(String table, String name, long rows, long values, boolean auditTrail) {
    }

    public DropPlan {
        migrations = List.copyOf(migrations);
        tables = List.copyOf(tables);
        columns = List.copyOf(columns);
        otherObjects = List.copyOf(otherObjects);
    }

    static DropPlan nothing(Domain domain) {
        return new DropPlan(domain, List.of(), List.of(), List.of(), List.of(), false, "");
    }

    /** Rows that would be lost, whole or in part: those of dropped tables, and of tables that lose a column (once each). */
    public long rowsLost() {
        return rowsLost(false);
    }

    /** Rows of the audit trail that would be lost, whole or in part. */
    public long auditRowsLost() {
        return rowsLost(true);
    }

    private long rowsLost(boolean auditTrailOnly) {
        long inDroppedTables = tables.stream().filter(table -> !auditTrailOnly || table.auditTrail()).mapToLong(Table::rows).sum();
        long inTablesLosingColumns = columns.stream().filter(column -> !auditTrailOnly || column.auditTrail())
                .collect(java.util.stream.Collectors.toMap(Column::table, Column::rows, (same, alsoSame) -> same))
                .values().stream().mapToLong(Long::longValue).sum();
        return inDroppedTables + inTablesLosingColumns;
    }

    /** True when nothing would be dropped or reverted. */
    public boolean isEmpty() {
        return migrations.isEmpty() && tables.isEmpty() && columns.isEmpty() && otherObjects.isEmpty() && !dropsSchema;
    }

    /**
     * What went, for the report after it is done: tables with the rows they held, columns with the
     * values (not NULL) they held; empty when neither went. A dropped column takes values, not rows.
     */
    public String dropped() {
        List<String> parts = new ArrayList<>();
        if (!tables.isEmpty()) {
            parts.add(count(tables.size(), "table") + " with " + rows(tables.stream().mapToLong(Table::rows).sum()));
        }
        if (!columns.isEmpty()) {
            long values = columns.stream().mapToLong(Column::values).sum();
            parts.add(count(columns.size(), "column") + " with " + count(values, "non-null value"));
        }
        return String.join(" and ", parts);
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** The plan as lines for a person: one object a line, tables with their rows. */
    public List<String> describe() {
        String schema = domain.schema();
        List<String> lines = new ArrayList<>();
        if (isEmpty()) {
            lines.add(schema + ": nothing to drop");
            return lines;
        }
        if (!migrations.isEmpty()) {
            lines.add(schema + ": reverts " + String.join(", ", migrations));
        }
        for (Table table : tables) {
            lines.add(schema + ": drops table " + schema + "." + table.name() + " (" + rows(table.rows())
                    + (table.auditTrail() ? ", audit trail" : "") + ")");
        }
        for (Column column : columns) {
            lines.add(schema + ": drops column " + schema + "." + column.table() + "." + column.name() + " ("
                    + rows(column.rows()) + " lose it" + (column.auditTrail() ? ", audit trail" : "") + ")");
        }
        for (String other : otherObjects) {
            lines.add(schema + ": drops " + other);
        }
        if (dropsSchema) {
            lines.add(schema + ": drops schema " + schema);
        }
        return lines;
    }

    private static String rows(long rows) {
        return rows + (rows == 1 ? " row" : " rows");
    }
}
