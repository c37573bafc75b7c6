package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
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

/** {@code dal grant-app-role}: creates the application role and grants it what it needs, nothing more. */
@IsolatedDatabase
class GrantAppRoleCommandTest {

    private static final String ROLE = "dal_app_cli" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));

    private static String url(TestDatabase db) {
        return "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
    }

    @AfterAll
    static void dropRole(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection(); Statement statement = owner.createStatement()) {
            statement.execute("DROP OWNED BY " + ROLE);
            statement.execute("DROP ROLE " + ROLE);
        }
    }

    @Test
    void shouldCreateTheRoleGrantItAndLeaveTheAuditTrailAppendOnly(TestDatabase db, @TempDir Path dir) throws Exception {
        Dal.Result missing = Dal.run("grant-app-role", "--url", url(db), "--role", ROLE);
        assertEquals(1, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("does not exist; add --create"), missing::toString);

        Path password = Files.writeString(dir.resolve("pw"), "s3cret-app\n");
        Dal.Result created = Dal.run("grant-app-role", "--url", url(db), "--role", ROLE, "--create", "--password-file", password.toString());
        assertEquals(0, created.exit(), created::toString);
        assertTrue(created.out().contains("created role " + ROLE), created::toString);
        assertFalse(created.out().contains("s3cret-app") || created.err().contains("s3cret-app"), "the password is never printed");

        DatabaseUrl owner = db.url();
        DatabaseUrl app = new DatabaseUrl(owner.host(), owner.port(), owner.database(), ROLE, "s3cret-app", owner.parameters());
        assertTrue(FleetRoles.inspect(app.dataSource()).isSubjectToRowLevelSecurity());
        assertEquals("INSERT,SELECT", privileges(db, "fleet.audit_logs"));
        assertEquals("DELETE,INSERT,SELECT,UPDATE", privileges(db, "fleet.incidents"));

        Dal.Result again = Dal.run("grant-app-role", "--url", url(db), "--role", ROLE);
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("granted " + ROLE), again::toString);

        // Where grant-app-role sends people next: doctor, connected as that role.
        Dal.Result doctor = Dal.run("doctor", "--url", "postgresql://" + ROLE + ":s3cret-app@" + owner.host() + ":"
                + owner.port() + "/" + owner.database());
        assertEquals(0, doctor.exit(), doctor::toString);
        assertTrue(doctor.out().contains("role:       " + ROLE), doctor::toString);
        assertTrue(doctor.out().matches("(?s).*fleet: +version \\d+; this role subject to row-level security.*"), doctor::toString);
        assertTrue(doctor.out().matches("(?s).*training: +version \\d+; .*"), doctor::toString);
        assertEquals("SELECT", privileges(db, "fleet.flyway_schema_history"), "read-only on the history");
    }

    @Test
    void shouldRefuseARoleThatBypassesRowLevelSecurity(TestDatabase db) {
        Dal.Result owner = Dal.run("grant-app-role", "--url", url(db), "--role", db.url().user());
        assertEquals(1, owner.exit(), owner::toString);
        assertTrue(owner.err().contains("would bypass row-level security"), owner::toString);
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
