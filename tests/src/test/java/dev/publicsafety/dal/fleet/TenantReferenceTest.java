package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The database refuses any row of one organization that points at a row of another. */
@IsolatedDatabase
class TenantReferenceTest {

    private static UUID orgA;
    private static UUID orgB;
    private static UUID userA;
    private static UUID userB;
    private static UUID incidentA;
    private static UUID incidentB;

    @BeforeAll
    static void twoOrganizations(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection()) {
            orgA = FleetFixtures.organization(owner, "north");
            orgB = FleetFixtures.organization(owner, "south");
            userA = FleetFixtures.user(owner, orgA, "alice");
            userB = FleetFixtures.user(owner, orgB, "bob");
            incidentA = FleetFixtures.incident(owner, orgA, "N-1");
            incidentB = FleetFixtures.incident(owner, orgB, "S-1");
        }
    }

    @Test
    void shouldAcceptReferencesWithinOneOrganization(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection()) {
            FleetFixtures.insert(owner, "INSERT INTO fleet.tasks (org_id, incident_id, title, assignee_id) VALUES (?, ?, 't', ?) RETURNING id",
                    orgA, incidentA, userA);
            FleetFixtures.insert(owner, "INSERT INTO fleet.crews (org_id, name, member_ids) VALUES (?, 'c1', ARRAY[?]::uuid[]) RETURNING id",
                    orgA, userA);
            assertEquals(1, FleetFixtures.count(owner, "SELECT count(*) FROM fleet.crews"));
        }
    }

    @Test
    void shouldRejectATaskUnderAnotherOrganizationsIncident(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection()) {
            SQLException error = assertThrows(SQLException.class, () -> FleetFixtures.insert(owner,
                    "INSERT INTO fleet.tasks (org_id, incident_id, title) VALUES (?, ?, 't') RETURNING id", orgA, incidentB));
            assertEquals("23503", error.getSQLState(), error.getMessage());
        }
    }

    @Test
    void shouldRejectAssigningAnotherOrganizationsUser(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection()) {
            SQLException error = assertThrows(SQLException.class, () -> FleetFixtures.insert(owner,
                    "INSERT INTO fleet.tasks (org_id, incident_id, title, assignee_id) VALUES (?, ?, 't', ?) RETURNING id",
                    orgA, incidentA, userB));
            assertEquals("23503", error.getSQLState(), error.getMessage());
        }
    }

    @Test
    void shouldRejectACrewMemberFromAnotherOrganization(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection()) {
            SQLException error = assertThrows(SQLException.class, () -> FleetFixtures.insert(owner,
                    "INSERT INTO fleet.crews (org_id, name, member_ids) VALUES (?, 'mixed', ARRAY[?, ?]::uuid[]) RETURNING id",
                    orgA, userA, userB));
            assertEquals("23503", error.getSQLState(), error.getMessage());
            assertTrue(error.getMessage().contains("is not a user of organization"), error.getMessage());
        }
    }

    @Test
    void shouldMaintainUpdatedAtInTheDatabase(TestDatabase db) throws SQLException {
        try (Connection owner = db.dataSource().getConnection()) {
            owner.setAutoCommit(false);
            FleetFixtures.count(owner, "SELECT 1");
            owner.createStatement().execute("UPDATE fleet.organizations SET updated_at = '2000-01-01', name = 'renamed' WHERE id = '" + orgA + "'");
            assertEquals(0, FleetFixtures.count(owner, "SELECT count(*) FROM fleet.organizations WHERE updated_at < '2001-01-01'"));
            owner.rollback();
        }
    }
}
