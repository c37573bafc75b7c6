package dev.publicsafety.dal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fleet V4 on a database with data: the posture modes map to automation levels as the README
 * documents, an audit row chained under V3 still matches its hash under V4's digest, and U4 maps back.
 */
@IsolatedDatabase(migrated = false)
class OperationModeMigrationTest {

    @Test
    void shouldMapEveryOldModeAndKeepOldAuditRowsVerifiable(TestDatabase db) throws SQLException {
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        runner.migrateTo(Domain.FLEET, "3");
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            for (String mode : new String[] {"standard", "elevated", "major_incident", "training"}) {
                sql.execute("INSERT INTO fleet.organizations (name, slug, operation_mode) VALUES ('Agency " + mode + "', '"
                        + mode.replace('_', '-') + "', '" + mode + "')");
            }
            sql.execute("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id)"
                    + " SELECT id, 'migration-test', 'create', 'organizations', id FROM fleet.organizations WHERE slug = 'standard'");

            runner.migrateTo(Domain.FLEET, "4");
            assertEquals(Map.of("standard", "hitl", "elevated", "hitl", "major-incident", "hitl", "training", "monitor_only"),
                    modes(sql));
            try (ResultSet rows = sql.executeQuery("SELECT row_hash = sha256(''::bytea || fleet.audit_content_digest(a))"
                    + " FROM fleet.audit_logs a WHERE chain_seq = 1")) {
                assertTrue(rows.next());
                assertTrue(rows.getBoolean(1), "a row chained under V3 must hash the same under V4's digest");
            }
            sql.execute("INSERT INTO fleet.organizations (name, slug) VALUES ('Agency new', 'new')");
            sql.execute("UPDATE fleet.organizations SET operation_mode = 'autonomous_assist' WHERE slug = 'elevated'");
            assertEquals("hitl", modes(sql).get("new"), "new organizations start in hitl");

            runner.undo(Domain.FLEET, 1, DropConsent.DATA_AND_AUDIT_TRAIL); // U4 drops columns of rows it holds: a deliberate undo
            assertEquals(Map.of("standard", "standard", "elevated", "major_incident", "major-incident", "standard",
                    "training", "training", "new", "standard"), modes(sql));
        }
    }

    private static Map<String, String> modes(Statement sql) throws SQLException {
        Map<String, String> modes = new LinkedHashMap<>();
        try (ResultSet rows = sql.executeQuery("SELECT slug, operation_mode::text FROM fleet.organizations")) {
            while (rows.next()) {
                modes.put(rows.getString(1), rows.getString(2));
            }
        }
        return modes;
    }
}
