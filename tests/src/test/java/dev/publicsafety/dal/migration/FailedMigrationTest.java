package dev.publicsafety.dal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/**
 * What a migration that fails halfway leaves behind. A transactional one (the norm in PostgreSQL,
 * where DDL is transactional): nothing, schema and history exactly as before. One that cannot run
 * in a transaction (CREATE INDEX CONCURRENTLY): its partial work (an INVALID index) and a failed
 * history entry that blocks migrate until an operator cleans up and runs repair.
 */
@IsolatedDatabase
class FailedMigrationTest {

    @Test
    void shouldLeaveSchemaAndHistoryExactlyAsBeforeWhenATransactionalMigrationFails(TestDatabase db) throws SQLException {
        List<String> catalogBefore = CatalogSnapshot.of(db.dataSource(), "fleet");
        List<String> historyBefore = history(db);

        FlywayException error = assertThrows(FlywayException.class, () -> withFixture(db, "transactional").migrate());
        assertTrue(error.getMessage().contains("V99__half_done.sql"), error.getMessage());
        assertTrue(error.getMessage().contains("duplicate key"), error.getMessage());

        assertEquals(catalogBefore, CatalogSnapshot.of(db.dataSource(), "fleet"), "no table, column or index of V99 may remain");
        assertEquals(historyBefore, history(db), "no history row for the failed migration");
        assertEquals(List.of(), new MigrationRunner(db.dataSource()).validate(Domain.FLEET));
    }

    @Test
    void shouldLeaveAnInvalidIndexBehindWhenANonTransactionalMigrationFails(TestDatabase db) throws SQLException {
        db.execute("INSERT INTO fleet.organizations (id, name, slug) VALUES ('00000000-0000-0000-0000-000000000001', 'A', 'a')");
        for (String subject : new String[] {"one", "two"}) {
            db.execute("INSERT INTO fleet.users (org_id, oidc_subject, email, display_name) VALUES"
                    + " ('00000000-0000-0000-0000-000000000001', '" + subject + "', 'same@example.org', '" + subject + "')");
        }
        List<String> catalogBefore = CatalogSnapshot.of(db.dataSource(), "fleet");
        List<String> historyBefore = history(db);

        assertThrows(FlywayException.class, () -> withFixture(db, "concurrent").migrate());

        assertNotEquals(catalogBefore, CatalogSnapshot.of(db.dataSource(), "fleet"),
                "CREATE INDEX CONCURRENTLY ran outside a transaction, so its partial work stays");
        assertEquals("false", single(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'fleet.users_email_unique'::regclass"),
                "the index it leaves is INVALID: maintained on writes, never used by queries");
        List<String> historyAfter = history(db);
        assertEquals(historyBefore.size() + 1, historyAfter.size());
        assertTrue(historyAfter.get(historyAfter.size() - 1).matches("99\\|V99__unique_email_concurrently.sql\\|.*\\|false"),
                "the failed migration is recorded as failed: " + historyAfter);

        FlywayException retry = assertThrows(FlywayException.class, () -> withFixture(db, "concurrent").migrate());
        assertTrue(retry.getMessage().contains("failed"), retry.getMessage());

        // The operator's way out, as docs/reliability.md describes it: drop the leftover, fix the data,
        // repair the history, migrate.
        db.execute("DROP INDEX fleet.users_email_unique");
        db.execute("UPDATE fleet.users SET email = 'two@example.org' WHERE oidc_subject = 'two'");
        withFixture(db, "concurrent").repair();
        assertEquals(historyBefore, history(db));
        assertEquals(1, withFixture(db, "concurrent").migrate().migrationsExecuted);
        assertEquals("true", single(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'fleet.users_email_unique'::regclass"));
    }

    private static Flyway withFixture(TestDatabase db, String fixture) {
        return new MigrationRunner(db.dataSource()).configuration(Domain.FLEET)
                .locations("classpath:" + Domain.FLEET.migrationLocation(), "classpath:failing-migrations/" + fixture + "/fleet")
                .load();
    }

    private static List<String> history(TestDatabase db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version, script, checksum, success FROM fleet.flyway_schema_history"
                     + " ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getBoolean(4));
            }
        }
        return rows;
    }

    private static String single(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return String.valueOf(rs.getBoolean(1));
        }
    }
}
