package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_LOGS;
import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static dev.publicsafety.dal.generated.fleet.Tables.TASKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.radio.RadioChannel;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.task.Task;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two organizations in one database, the application connected as its own role: each sees only
 * its own rows, through the repositories and through raw SQL on the same connection, and the
 * database rejects any reference into the other organization.
 */
@IsolatedDatabase
class CrossTenantIsolationTest {

    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID orgA;
    private static UUID orgB;
    private static Incident incidentA;
    private static Incident incidentB;
    private static RadioChannel channelB;
    private static User userB;

    @BeforeAll
    static void twoOrganizations(Tenant tenant) {
        app = tenant.role();
        fleet = tenant.fleet();
        orgA = tenant.id();
        orgB = FleetTestSupport.organization(fleet, "agency-b").id();
        for (int i = 0; i < 3; i++) {
            FleetTestSupport.incident(fleet, orgA, "A-" + i, 2);
            FleetTestSupport.incident(fleet, orgB, "B-" + i, 2);
        }
        incidentA = FleetTestSupport.incident(fleet, orgA, "A-MAIN", 1);
        incidentB = FleetTestSupport.incident(fleet, orgB, "B-MAIN", 1);
        channelB = FleetTestSupport.channel(fleet, orgB, "B dispatch");
        userB = FleetTestSupport.user(fleet, orgB, "b-dispatcher", "dispatcher");
    }

    @Test
    void shouldConnectAsARoleSubjectToRowLevelSecurity(TestDatabase db) {
        FleetRoles.RoleStatus application = FleetRoles.inspect(app.dataSource());
        assertEquals(app.name(), application.role());
        assertTrue(application.isSubjectToRowLevelSecurity(), application.toString());
        assertFalse(FleetRoles.inspect(db.dataSource()).isSubjectToRowLevelSecurity(), "the test owner is a superuser");
    }

    @Test
    void shouldListOnlyTheOrganizationsOwnIncidents() {
        List<Incident> seen = fleet.inTransaction(orgA, FleetTestSupport.SETUP,
                tx -> tx.incidents().openByPriority(PageRequest.first(100)).items());
        assertEquals(4, seen.size());
        assertTrue(seen.stream().allMatch(i -> i.orgId().equals(orgA) && i.number().startsWith("A-")), seen.toString());
    }

    @Test
    void shouldNotFindAnotherOrganizationsIncidentById() {
        assertTrue(fleet.inTransaction(orgA, FleetTestSupport.SETUP, tx -> tx.incidents().findById(incidentB.id())).isEmpty());
        assertTrue(fleet.inTransaction(orgA, FleetTestSupport.SETUP, tx -> tx.incidents().findByNumber("B-MAIN")).isEmpty());
    }

    @Test
    void shouldSeeNoneOfAnotherOrganizationsRowsThroughRawSqlOnTheApplicationConnection() {
        long total = fleet.inTransaction(orgA, FleetTestSupport.SETUP, tx -> rawCount(tx, "SELECT count(*) FROM fleet.incidents"));
        long foreign = fleet.inTransaction(orgA, FleetTestSupport.SETUP,
                tx -> rawCount(tx, "SELECT count(*) FROM fleet.incidents WHERE org_id = ?", orgB));
        long organizations = fleet.inTransaction(orgA, FleetTestSupport.SETUP,
                tx -> rawCount(tx, "SELECT count(*) FROM fleet.organizations"));
        long users = fleet.inTransaction(orgA, FleetTestSupport.SETUP, tx -> rawCount(tx, "SELECT count(*) FROM fleet.users"));
        long foreignAudit = fleet.inTransaction(orgA, FleetTestSupport.SETUP,
                tx -> rawCount(tx, "SELECT count(*) FROM fleet.audit_logs WHERE org_id = ?", orgB));
        assertEquals(4, total);
        assertEquals(0, foreign);
        assertEquals(1, organizations);
        assertEquals(0, users, "organization A has no users; B's user must be invisible");
        assertEquals(0, foreignAudit);
    }

    /** Plain SQL on the transaction's connection: no repository, no org_id filter, only row-level security. */
    private static long rawCount(FleetTransaction tx, String sql, Object... bindings) {
        return ((Number) tx.dsl().fetchValue(sql, bindings)).longValue();
    }

    @Test
    void shouldSeeNothingWithoutAnOrganization() throws SQLException {
        try (Connection connection = app.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT (SELECT count(*) FROM fleet.incidents) + (SELECT count(*) FROM fleet.organizations)")) {
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
    }

    @Test
    void shouldRejectAReferenceToAnotherOrganizationsIncident() {
        DataAccessException failure = assertThrows(IntegrityConstraintViolationException.class,
                () -> fleet.execute(orgA, FleetTestSupport.SETUP, tx -> tx.dsl().insertInto(TASKS)
                        .set(TASKS.ORG_ID, orgA)
                        .set(TASKS.INCIDENT_ID, incidentB.id())
                        .set(TASKS.TITLE, "points into B")
                        .execute()));
        assertEquals("23503", failure.sqlState(), failure.getMessage());
        assertTrue(failure.getMessage().contains("tasks_incident_fkey"), failure.getMessage());
    }

    @Test
    void shouldRejectARowWrittenForAnotherOrganization() {
        DataAccessException failure = assertThrows(DataAccessException.class,
                () -> fleet.execute(orgA, FleetTestSupport.SETUP, tx -> tx.dsl().insertInto(INCIDENTS)
                        .set(INCIDENTS.ORG_ID, orgB)
                        .set(INCIDENTS.INCIDENT_NUMBER, "SMUGGLED")
                        .set(INCIDENTS.TITLE, "written into B from A")
                        .set(INCIDENTS.INCIDENT_TYPE, "fire")
                        .execute()));
        assertTrue(failure.getMessage().contains("row-level security"), failure.getMessage());
    }

    @Test
    void shouldNotChangeAnotherOrganizationsRowsThroughRawSql(TestDatabase db) throws SQLException {
        int updated = fleet.inTransaction(orgA, FleetTestSupport.SETUP, tx -> tx.dsl().update(INCIDENTS)
                .set(INCIDENTS.TITLE, "hijacked").where(INCIDENTS.ORG_ID.eq(orgB)).execute());
        int deleted = fleet.inTransaction(orgA, FleetTestSupport.SETUP,
                tx -> tx.dsl().deleteFrom(INCIDENTS).where(INCIDENTS.ID.eq(incidentB.id())).execute());
        assertEquals(0, updated);
        assertEquals(0, deleted);
        assertEquals(0, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.incidents WHERE title = 'hijacked'"));
    }

    @Test
    void shouldTreatAnotherOrganizationsIdsAsUnknownInEveryRepositoryWrite() {
        assertThrows(NotFoundException.class, () -> fleet.execute(orgA, FleetTestSupport.SETUP,
                tx -> tx.incidents().dispatch(incidentB.id(), incidentB.version())));
        assertThrows(NotFoundException.class, () -> fleet.execute(orgA, FleetTestSupport.SETUP,
                tx -> tx.tasks().create(incidentB.id(), NewTask.of("sneaky", 3, null))));
        assertThrows(NotFoundException.class, () -> fleet.execute(orgA, FleetTestSupport.SETUP,
                tx -> tx.transmissions().record(NewTransmission.of(channelB.id(), OffsetDateTime.now(), null))));
        assertThrows(NotFoundException.class, () -> fleet.execute(orgA, FleetTestSupport.SETUP, tx -> {
            Task task = tx.tasks().create(incidentA.id(), NewTask.of("assign to B's user", 3, null));
            tx.tasks().assign(task.id(), task.version(), userB.id());
        }));
        assertThrows(NotFoundException.class, () -> fleet.execute(orgA, FleetTestSupport.SETUP,
                tx -> tx.incidents().softDelete(incidentB.id())));
        Incident untouched = fleet.inTransaction(orgB, FleetTestSupport.SETUP, tx -> tx.incidents().get(incidentB.id()));
        assertEquals(incidentB.version(), untouched.version());
        assertEquals(incidentB.status(), untouched.status());
    }

    @Test
    void shouldRejectAReferenceIntoAnotherOrganizationEvenThroughBulkIngest(TestDatabase db) throws SQLException {
        assertThrows(NotFoundException.class, () -> fleet.execute(orgA, FleetTestSupport.SETUP,
                tx -> tx.transmissions().bulkIngest(List.of(NewTransmission.of(channelB.id(), OffsetDateTime.now(), null)))));
        assertEquals(0, FleetTestSupport.ownerCount(db, "SELECT count(*) FROM fleet.transmissions WHERE org_id = ?", orgA));
    }

    @Test
    void shouldKeepTheAuditTrailOutOfReachOfTheApplicationRole() {
        DataAccessException update = assertThrows(DataAccessException.class, () -> fleet.execute(orgA, FleetTestSupport.SETUP,
                tx -> tx.dsl().update(AUDIT_LOGS).set(AUDIT_LOGS.ACTOR, "forged").execute()));
        assertEquals("42501", update.sqlState(), update.getMessage());
        DataAccessException delete = assertThrows(DataAccessException.class, () -> fleet.execute(orgA, FleetTestSupport.SETUP,
                tx -> tx.dsl().deleteFrom(AUDIT_LOGS).execute()));
        assertEquals("42501", delete.sqlState(), delete.getMessage());
        DataAccessException truncate = assertThrows(DataAccessException.class, () -> fleet.execute(orgA, FleetTestSupport.SETUP,
                tx -> tx.dsl().truncate(AUDIT_LOGS).execute()));
        assertEquals("42501", truncate.sqlState(), truncate.getMessage());
    }

    @Test
    void shouldRefuseToGrantTheApplicationPrivilegesToARoleThatBypassesRowLevelSecurity(TestDatabase db) {
        String owner = FleetRoles.inspect(db.dataSource()).role();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> FleetRoles.grantTo(db.dataSource(), owner));
        assertTrue(failure.getMessage().contains("bypass row-level security"), failure.getMessage());
    }

    @Test
    void shouldKeepTasksOfEachOrganizationApart() {
        fleet.execute(orgB, FleetTestSupport.SETUP, tx -> {
            Task task = tx.tasks().create(incidentB.id(), NewTask.of("B's task", 2, null));
            tx.tasks().assign(task.id(), task.version(), userB.id());
        });
        int inA = fleet.inTransaction(orgA, FleetTestSupport.SETUP,
                tx -> tx.dsl().fetchCount(TASKS, TASKS.STATUS.eq(TaskStatus.ASSIGNED)));
        assertEquals(0, inA);
        int inB = fleet.inTransaction(orgB, FleetTestSupport.SETUP,
                tx -> tx.tasks().workload(userB.id()).get(TaskStatus.ASSIGNED));
        assertEquals(1, inB);
        int workloadSeenByA = fleet.inTransaction(orgA, FleetTestSupport.SETUP,
                tx -> tx.tasks().workload(userB.id()).get(TaskStatus.ASSIGNED));
        int tasksSeenByA = fleet.inTransaction(orgA, FleetTestSupport.SETUP,
                tx -> tx.dsl().fetchCount(DSL.selectFrom(TASKS).where(TASKS.ASSIGNEE_ID.eq(userB.id()))));
        assertEquals(0, workloadSeenByA);
        assertEquals(0, tasksSeenByA);
    }
}
