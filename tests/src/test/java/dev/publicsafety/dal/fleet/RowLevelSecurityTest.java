package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A role that is not the owner sees and writes only the organization set for its transaction
 * ({@code fleet.set_org_id}), and nothing when none is set.
 */
@IsolatedDatabase
class RowLevelSecurityTest {

    private static final String APP_ROLE = "dal_rls_test_" + Long.toHexString(System.nanoTime());
    private static UUID orgA;
    private static UUID orgB;

    @BeforeAll
    static void createTwoOrganizationsAndAnApplicationRole(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection(); Statement statement = owner.createStatement()) {
            orgA = FleetFixtures.organization(owner, "agency-a");
            orgB = FleetFixtures.organization(owner, "agency-b");
            for (UUID org : new UUID[] {orgA, orgB}) {
                for (int i = 0; i < 3; i++) {
                    FleetFixtures.user(owner, org, "user-" + i);
                    FleetFixtures.incident(owner, org, "INC-" + i);
                }
            }
            statement.execute("CREATE ROLE " + APP_ROLE + " NOLOGIN");
            statement.execute("GRANT USAGE ON SCHEMA fleet TO " + APP_ROLE);
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA fleet TO " + APP_ROLE);
        }
    }

    @AfterAll
    static void dropApplicationRole(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection(); Statement statement = owner.createStatement()) {
            statement.execute("DROP OWNED BY " + APP_ROLE);
            statement.execute("DROP ROLE " + APP_ROLE);
        }
    }

    @Test
    void shouldShowTheOwnerEveryOrganization(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection()) {
            assertEquals(6, FleetFixtures.count(owner, "SELECT count(*) FROM fleet.users"));
        }
    }

    @Test
    void shouldShowTheApplicationRoleOnlyItsOrganization(TestDatabase db) throws SQLException {
        try (Connection app = asApplication(db, orgA)) {
            assertEquals(3, FleetFixtures.count(app, "SELECT count(*) FROM fleet.users"));
            assertEquals(3, FleetFixtures.count(app, "SELECT count(*) FROM fleet.incidents"));
            assertEquals(0, FleetFixtures.count(app, "SELECT count(*) FROM fleet.incidents WHERE org_id = '" + orgB + "'"));
            assertEquals(1, FleetFixtures.count(app, "SELECT count(*) FROM fleet.organizations"));
            app.rollback();
        }
    }

    @Test
    void shouldShowNothingWhenNoOrganizationIsSet(TestDatabase db) throws SQLException {
        try (Connection app = asApplication(db, null)) {
            assertEquals(0, FleetFixtures.count(app, "SELECT count(*) FROM fleet.users"));
            assertEquals(0, FleetFixtures.count(app, "SELECT count(*) FROM fleet.organizations"));
            app.rollback();
        }
    }

    @Test
    void shouldRejectWritingARowForAnotherOrganization(TestDatabase db) throws SQLException {
        try (Connection app = asApplication(db, orgA)) {
            SQLException error = assertThrows(SQLException.class,
                    () -> FleetFixtures.incident(app, orgB, "INC-FOREIGN"));
            assertTrue(error.getMessage().contains("row-level security"), error.getMessage());
            app.rollback();
        }
    }

    @Test
    void shouldNotUpdateOrDeleteAnotherOrganizationsRows(TestDatabase db) throws SQLException {
        try (Connection app = asApplication(db, orgA);
             PreparedStatement update = app.prepareStatement("UPDATE fleet.incidents SET title = 'hijacked' WHERE org_id = ?");
             PreparedStatement delete = app.prepareStatement("DELETE FROM fleet.incidents WHERE org_id = ?")) {
            update.setObject(1, orgB);
            delete.setObject(1, orgB);
            assertEquals(0, update.executeUpdate());
            assertEquals(0, delete.executeUpdate());
            app.commit();
        }
        try (Connection owner = db.dataSource().getConnection()) {
            assertEquals(3, FleetFixtures.count(owner, "SELECT count(*) FROM fleet.incidents WHERE org_id = '" + orgB
                    + "' AND title <> 'hijacked'"));
        }
    }

    private static Connection asApplication(TestDatabase db, UUID org) throws SQLException {
        Connection connection = db.dataSource().getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL ROLE " + APP_ROLE);
            if (org != null) {
                statement.execute("SELECT fleet.set_org_id('" + org + "')");
            }
        }
        return connection;
    }
}
