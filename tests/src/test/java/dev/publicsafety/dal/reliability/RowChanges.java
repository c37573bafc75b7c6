package dev.publicsafety.dal.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What a write did to the fleet tables, seen by the owner (who bypasses row-level security): every
 * row of every tenant table as {@code table/id} with an md5 of its content, compared before and
 * after. {@code audit_logs} is kept apart: it is what the write is checked against.
 */
final class RowChanges {

    static final List<String> TENANT_TABLES = List.of("organizations", "users", "radio_channels", "incidents",
            "transmissions", "tasks", "task_checklists", "crews", "assets", "webhooks", "policies", "suggested_actions");

    private static final String ROWS = TENANT_TABLES.stream()
            .map(t -> "SELECT '" + t + "/' || id, md5(t::text) FROM fleet." + t + " t")
            .collect(Collectors.joining(" UNION ALL "));

    private RowChanges() {
    }

    /** Each tenant row, {@code table/id} to the md5 of its content. */
    static Map<String, String> rows(DataSource owner) {
        Map<String, String> rows = new HashMap<>();
        query(owner, ROWS, rs -> rows.put(rs.getString(1), rs.getString(2)));
        return rows;
    }

    /** The audit rows, id to {@code entity_type/entity_id}. */
    static Map<String, String> auditRows(DataSource owner) {
        Map<String, String> rows = new HashMap<>();
        query(owner, "SELECT id, entity_type || '/' || entity_id FROM fleet.audit_logs", rs -> rows.put(rs.getString(1), rs.getString(2)));
        return rows;
    }

    /** The rows inserted, changed or deleted between two {@link #rows} snapshots, sorted. */
    static Set<String> changed(Map<String, String> before, Map<String, String> after) {
        Set<String> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(before.get(k), after.get(k)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(DataSource owner, String sql, RowHandler handler) {
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                handler.accept(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
