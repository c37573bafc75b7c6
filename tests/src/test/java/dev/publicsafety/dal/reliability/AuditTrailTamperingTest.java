package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit trail holds even when the application role was given too much. Normally it lacks the
 * UPDATE, DELETE and TRUNCATE privileges on {@code audit_logs} (CrossTenantIsolationTest proves
 * that refusal); here an operator has granted them by mistake, so only the table's triggers stand
 * in the way, and TRUNCATE, which row-level security does not restrict, would otherwise empty the
 * trail of every organization. The role also cannot switch the triggers off.
 */
@IsolatedDatabase
class AuditTrailTamperingTest {

    private static TestDatabase database;
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID org;
    private static UUID otherOrg;

    @BeforeAll
    static void grantTooMuch(TestDatabase db) throws SQLException {
        database = db;
        app = ApplicationRole.create(db, 2);
        fleet = new FleetDatabase(app.dataSource());
        Actor actor = Actor.service("tamper-setup");
        org = fleet.createOrganization(actor, NewOrganization.of("Tampering agency", "tampering-agency")).id();
        otherOrg = fleet.createOrganization(actor, NewOrganization.of("Bystander agency", "bystander-agency")).id();
        fleet.execute(org, actor, tx -> tx.incidents().open(NewIncident.of("T-1", "Audited", "fire", 2)));
        fleet.execute(otherOrg, actor, tx -> tx.incidents().open(NewIncident.of("B-1", "Audited", "fire", 2)));
        try (Connection owner = db.dataSource().getConnection(); Statement statement = owner.createStatement()) {
            statement.execute("GRANT UPDATE, DELETE, TRUNCATE ON fleet.audit_logs TO " + app.name());
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        app.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE fleet.audit_logs SET actor = 'forged'",
        "UPDATE fleet.audit_logs SET after_state = NULL WHERE action = 'create'",
        "DELETE FROM fleet.audit_logs",
        "TRUNCATE fleet.audit_logs",
        "TRUNCATE fleet.audit_logs RESTART IDENTITY CASCADE"
    })
    void shouldRejectChangingTheTrailEvenWithThePrivilegeGrantedByMistake(String statement) {
        String before = trail();
        DataAccessException refused = assertThrows(DataAccessException.class,
                () -> fleet.execute(org, Actor.service("intruder"), tx -> tx.dsl().execute(statement)));
        assertTrue(refused.getMessage().contains("audit_logs is append-only"), refused.getMessage());
        assertEquals("42501", refused.sqlState(), refused.getMessage());
        assertEquals(before, trail(), "the trail changed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ALTER TABLE fleet.audit_logs DISABLE TRIGGER audit_logs_no_update_delete",
        "ALTER TABLE fleet.audit_logs DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_logs_no_truncate ON fleet.audit_logs",
        "CREATE OR REPLACE FUNCTION fleet.reject_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        "SET LOCAL session_replication_role = replica",
        "ALTER TABLE fleet.audit_logs DISABLE ROW LEVEL SECURITY"
    })
    void shouldNotLetTheApplicationRoleSwitchTheProtectionOff(String statement) {
        String before = trail();
        DataAccessException refused = assertThrows(DataAccessException.class,
                () -> fleet.execute(org, Actor.service("intruder"), tx -> tx.dsl().execute(statement)));
        assertEquals("42501", refused.sqlState(), refused.getMessage());
        assertEquals(before, trail(), "the trail changed");
    }

    /** Every organization's audit rows, as the owner sees them: count and md5. */
    private static String trail() {
        try (Connection owner = database.dataSource().getConnection(); Statement statement = owner.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) || ' ' || md5(string_agg(a::text, '|' ORDER BY a.id))"
                     + " FROM fleet.audit_logs a")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
