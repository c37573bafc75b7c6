package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code dal grant-app-role} refuses a role that can {@code SET ROLE} its way around row-level
 * security (membership counts even with NOINHERIT), and sends the password only as a SCRAM verifier
 * computed on the client.
 * The test database's tables are owned by a superuser, so here one fleet table is handed to an
 * ordinary role to tell "member of the owner" apart from "member of a superuser".
 */
@IsolatedDatabase
class GrantAppRoleRefusalTest {

    private static final String SUFFIX = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
    private static final String OWNER = "dal_own_" + SUFFIX;
    private static final String SUPERUSER = "dal_su_" + SUFFIX;
    private static final String BYPASS = "dal_bypass_" + SUFFIX;
    private static final String OWNER_MEMBER = "dal_ownmem_" + SUFFIX;
    private static final String SUPERUSER_MEMBER = "dal_sumem_" + SUFFIX;
    private static final String BYPASS_MEMBER = "dal_bymem_" + SUFFIX;
    private static final String CREATED = "dal_scram_" + SUFFIX;
    private static final String PASSWORD = "cleartext-" + SUFFIX + "-pw";

    @BeforeAll
    static void roles(TestDatabase db) throws SQLException {
        db.execute("CREATE ROLE " + OWNER + " NOLOGIN NOSUPERUSER",
                "ALTER TABLE fleet.policies OWNER TO " + OWNER,
                "CREATE ROLE " + SUPERUSER + " NOLOGIN SUPERUSER",
                "CREATE ROLE " + BYPASS + " NOLOGIN NOSUPERUSER BYPASSRLS",
                "CREATE ROLE " + OWNER_MEMBER + " LOGIN NOINHERIT NOSUPERUSER IN ROLE " + OWNER,
                "CREATE ROLE " + SUPERUSER_MEMBER + " LOGIN NOINHERIT NOSUPERUSER IN ROLE " + SUPERUSER,
                "CREATE ROLE " + BYPASS_MEMBER + " LOGIN NOSUPERUSER IN ROLE " + BYPASS);
    }

    @AfterAll
    static void dropRoles(TestDatabase db) throws SQLException {
        db.execute("ALTER TABLE fleet.policies OWNER TO CURRENT_USER");
        for (String role : List.of(CREATED, OWNER_MEMBER, SUPERUSER_MEMBER, BYPASS_MEMBER, OWNER, SUPERUSER, BYPASS)) {
            db.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @Test
    void shouldRefuseANoinheritMemberOfTheOwnerOfTheFleetTables(TestDatabase db) throws SQLException {
        assertRefused(db, OWNER_MEMBER, "the owner of the fleet tables");
    }

    @Test
    void shouldRefuseAMemberOfASuperuserRole(TestDatabase db) throws SQLException {
        assertRefused(db, SUPERUSER_MEMBER, "a superuser");
    }

    @Test
    void shouldRefuseAMemberOfABypassrlsRole(TestDatabase db) throws SQLException {
        assertRefused(db, BYPASS_MEMBER, "a BYPASSRLS role");
    }

    /** What grant-app-role refuses, doctor reports: a member, even NOINHERIT, can SET ROLE and read every organization. */
    @ParameterizedTest
    @CsvSource({"ownmem, dal_own_, which owns the tables", "sumem, dal_su_, a superuser", "bymem, dal_bypass_, which has BYPASSRLS"})
    void shouldReportAMemberOfARoleThatBypassesAsAbleToBypass(String member, String reached, String reason, TestDatabase db) {
        Dal.Result doctor = Dal.run("doctor", "--url", "postgresql://dal_" + member + "_" + SUFFIX + "@" + db.url().host() + ":"
                + db.url().port() + "/" + db.name());
        assertTrue(doctor.out().contains("fleet:") && doctor.out().contains("this role CAN BYPASS row-level security: it may SET ROLE to "
                + reached + SUFFIX + ", " + reason), doctor::toString);
        assertFalse(doctor.out().contains("subject to row-level security"), doctor::toString);
    }

    @Test
    void shouldStoreOnlyAScramVerifierAndNeverPrintThePassword(TestDatabase db, @TempDir Path dir) throws Exception {
        // Were the cleartext sent, the server would hash it as this says (md5); a verifier made by the client is kept as is.
        db.execute("ALTER DATABASE \"" + db.name() + "\" SET password_encryption = 'md5'");
        Path password = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        Dal.Result created = Dal.run("grant-app-role", "--url", url(db), "--role", CREATED, "--create",
                "--password-file", password.toString(), "--verbose");
        assertEquals(0, created.exit(), created::toString);
        assertFalse(created.out().contains(PASSWORD) || created.err().contains(PASSWORD), created::toString);
        String stored = single(db, "SELECT rolpassword FROM pg_authid WHERE rolname = ?", CREATED);
        assertTrue(stored.startsWith("SCRAM-SHA-256$"), "the server hashed a cleartext password itself: " + stored);
    }

    private static void assertRefused(TestDatabase db, String role, String reason) throws SQLException {
        Dal.Result refused = Dal.run("grant-app-role", "--url", url(db), "--role", role);
        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("would bypass row-level security (is or can SET ROLE to " + reason + ")"),
                refused::toString);
        assertEquals("0", single(db, "SELECT count(*)::text FROM information_schema.role_table_grants WHERE grantee = ?", role),
                "a refused role must get no grant");
    }

    private static String url(TestDatabase db) {
        return "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
    }

    private static String single(TestDatabase db, String sql, String parameter) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
