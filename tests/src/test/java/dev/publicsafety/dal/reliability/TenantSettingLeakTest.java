package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Sql;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A unit of work that sets {@code dal.org_id} for the whole session (not just its transaction)
 * leaves that value on the pooled connection. The next borrower that does not go through
 * {@link FleetDatabase} and sets no organization must still see no tenant rows: the setting is
 * bound to the transaction that made it. The pool has one connection, so the borrower gets the
 * very connection the unit of work used.
 */
@IsolatedDatabase
class TenantSettingLeakTest {

    private static final Actor ACTOR = Actor.service("leak-probe");
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID visitor;
    private static UUID victim;

    @BeforeAll
    static void twoOrganizations(TestDatabase db) {
        app = ApplicationRole.create(db, 1);
        fleet = new FleetDatabase(app.dataSource());
        visitor = fleet.createOrganization(ACTOR, NewOrganization.of("Visitor agency", "visitor-agency")).id();
        victim = fleet.createOrganization(ACTOR, NewOrganization.of("Victim agency", "victim-agency")).id();
        for (int i = 0; i < 3; i++) {
            String number = "V-" + i;
            fleet.execute(victim, ACTOR, tx -> tx.incidents().open(NewIncident.of(number, "Victim's", "fire", 2)));
        }
        fleet.execute(visitor, ACTOR, tx -> tx.incidents().open(NewIncident.of("OWN-1", "Visitor's", "fire", 2)));
    }

    @AfterAll
    static void tearDown() throws Exception {
        app.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SET dal.org_id = '%s'",
        "SET SESSION dal.org_id = '%s'",
        "SELECT set_config('dal.org_id', '%s', false)",
        "SELECT set_config('dal.org_id', '%s' || '/' || fleet.transaction_stamp(), false)"
    })
    void shouldShowNothingToTheNextBorrowerAfterASessionLevelSetting(String probe) throws SQLException {
        fleet.execute(visitor, ACTOR, tx -> tx.dsl().execute(String.format(probe, victim)));

        try (Connection next = app.dataSource().getConnection()) {
            assertNotEquals("", setting(next), "the probe should have left its value on the connection");
            assertEquals(0, Sql.count(next, "SELECT count(*) FROM fleet.incidents"), "autocommit borrower saw incidents");
            next.setAutoCommit(false);
            assertEquals(0, Sql.count(next, "SELECT count(*) FROM fleet.incidents"), "borrower's transaction saw incidents");
            assertEquals(0, Sql.count(next, "SELECT count(*) FROM fleet.organizations"), "borrower's transaction saw organizations");
            next.rollback();
            next.setAutoCommit(true);
        }
        int visible = fleet.inTransaction(visitor, ACTOR, tx -> tx.incidents().openByPriority(PageRequest.first(10)).items().size());
        assertEquals(1, visible, "the next FleetDatabase transaction sees its own organization only");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SET dal.org_id = '%s'",
        "SELECT set_config('dal.org_id', '%s' || '/' || fleet.transaction_stamp(), false)"
    })
    void shouldShowNothingToTheNextBorrowerWhenTheUnitOfWorkThrows(String probe) throws SQLException {
        assertThrows(IllegalStateException.class, () -> fleet.execute(visitor, ACTOR, tx -> {
            tx.dsl().execute(String.format(probe, victim));
            throw new IllegalStateException("the unit of work fails after its session-level SET");
        }));
        try (Connection next = app.dataSource().getConnection()) {
            assertEquals(0, Sql.count(next, "SELECT count(*) FROM fleet.incidents"));
        }
    }

    @Test
    void shouldShowNothingToATransactionThatSetsTheBareOrganizationIdItself() throws SQLException {
        try (Connection plain = app.dataSource().getConnection(); Statement statement = plain.createStatement()) {
            plain.setAutoCommit(false);
            statement.execute("SET LOCAL dal.org_id = '" + victim + "'");
            assertEquals(0, Sql.count(plain, "SELECT count(*) FROM fleet.incidents"),
                    "only fleet.set_org_id() in the same transaction opens an organization");
            plain.rollback();
            plain.setAutoCommit(true);
        }
    }

    private static String setting(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT coalesce(current_setting('dal.org_id', true), '')")) {
            rs.next();
            return rs.getString(1);
        }
    }

}
