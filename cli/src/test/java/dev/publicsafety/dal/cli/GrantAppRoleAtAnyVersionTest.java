package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dal grant-app-role} on a database below head grants what the tables it has need (no
 * error naming a table of a later version), training included; after migrating and granting again,
 * the application role reads the training tables through {@code TrainingDatabase}.
 */
@IsolatedDatabase(migrated = false)
class GrantAppRoleAtAnyVersionTest {

    private static final String ROLE = "dal_app_any" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));

    @AfterAll
    static void dropRole(TestDatabase db) throws SQLException {
        db.execute("DROP OWNED BY " + ROLE, "DROP ROLE " + ROLE);
    }

    @Test
    void shouldGrantTheTablesOfAnyVersionAndLetTheApplicationReadTraining(TestDatabase db, @TempDir Path dir) throws Exception {
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        runner.migrateTo(Domain.FLEET, "3");
        runner.migrateTo(Domain.TRAINING, "1");
        Path password = Files.writeString(dir.resolve("pw"), "any-version-pw\n");

        Dal.Result below = Dal.run("grant-app-role", "--url", Dal.url(db), "--role", ROLE, "--create", "--password-file", password.toString());

        assertEquals(0, below.exit(), below::toString);
        assertEquals("DELETE,INSERT,SELECT,UPDATE", privileges(db, "training.training_scenarios"));
        assertEquals("DELETE,INSERT,SELECT,UPDATE", privileges(db, "fleet.incidents"));
        assertEquals("INSERT,SELECT", privileges(db, "fleet.audit_logs"));
        assertNull(privileges(db, "fleet.audit_chain_heads"), "written only by the audit trigger");

        runner.migrateAll();
        assertEquals(0, Dal.run("grant-app-role", "--url", Dal.url(db), "--role", ROLE).exit());
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);

        DatabaseUrl owner = db.url();
        DatabaseUrl app = new DatabaseUrl(owner.host(), owner.port(), owner.database(), ROLE, "any-version-pw", owner.parameters());
        assertEquals(5, new TrainingDatabase(app.dataSource()).inTransaction(tx -> tx.scenarios().findActive()).size());
        assertEquals("DELETE,INSERT,SELECT,UPDATE", privileges(db, "training.call_sessions"), "no TRUNCATE, REFERENCES or TRIGGER");
    }

    private static String privileges(TestDatabase db, String table) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT string_agg(privilege_type, ',' ORDER BY privilege_type)"
                     + " FROM information_schema.role_table_grants WHERE grantee = '" + ROLE + "'"
                     + " AND table_schema || '.' || table_name = '" + table + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
