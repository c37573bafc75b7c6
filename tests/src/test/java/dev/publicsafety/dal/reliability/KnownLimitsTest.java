package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.NeedsServerTimers;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What row-level security does not protect against, shown rather than claimed (docs/reliability.md,
 * "What this does not protect against"): the application role learns how many rows other
 * organizations have from EXPLAIN ANALYZE, and can lock a whole table for every organization.
 */
@IsolatedDatabase
class KnownLimitsTest {

    private static final Actor ACTOR = Actor.service("limits");
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID curious;

    @BeforeAll
    static void twoOrganizations(TestDatabase db) {
        app = ApplicationRole.create(db, 2);
        fleet = new FleetDatabase(app.dataSource());
        curious = fleet.createOrganization(ACTOR, NewOrganization.of("Curious agency", "curious-agency")).id();
        UUID other = fleet.createOrganization(ACTOR, NewOrganization.of("Other agency", "other-agency")).id();
        for (int i = 0; i < 7; i++) {
            String number = "O-" + i;
            fleet.execute(other, ACTOR, tx -> tx.incidents().open(NewIncident.of(number, "Other's", "fire", 2)));
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        app.close();
    }

    @Test
    void shouldLeakAnotherOrganizationsRowCountThroughExplainAnalyze() {
        String plan = fleet.inTransaction(curious, ACTOR, tx -> {
            tx.dsl().execute("SET LOCAL enable_indexscan = off");
            tx.dsl().execute("SET LOCAL enable_bitmapscan = off");
            return tx.dsl().fetch("EXPLAIN ANALYZE SELECT * FROM fleet.incidents").format();
        });
        assertTrue(plan.contains("Rows Removed by Filter: 7"), plan);
    }

    /**
     * The issue #30 probe: a lookup on a value only another organization uses. Through the
     * tenant-led index (fleet V10) the index itself stops at this organization's entries, so
     * nothing is left for row-level security to remove and count. (A sequential scan still counts,
     * as above.)
     */
    @Test
    void shouldCountNoOtherOrganizationsRowsThroughATenantLedIndex() {
        String plan = fleet.inTransaction(curious, ACTOR, tx -> {
            tx.dsl().execute("SET LOCAL enable_seqscan = off");
            return tx.dsl().fetch("EXPLAIN ANALYZE SELECT * FROM fleet.incidents WHERE incident_type = 'fire'").format(Integer.MAX_VALUE);
        });
        assertTrue(plan.contains("Index Scan using incidents_org_id_"), plan);
        assertFalse(plan.contains("Rows Removed by Filter"), plan);
    }

    @Test
    @NeedsServerTimers
    void shouldLetTheApplicationRoleLockATableForEveryOrganization() throws SQLException {
        try (Connection holder = app.dataSource().getConnection(); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("LOCK TABLE fleet.incidents IN ACCESS EXCLUSIVE MODE");
            try (Connection other = app.dataSource().getConnection(); Statement read = other.createStatement()) {
                read.execute("SET lock_timeout = '200ms'");
                SQLException blocked = assertThrows(SQLException.class, () -> read.executeQuery("SELECT count(*) FROM fleet.incidents"));
                assertEquals("55P03", blocked.getSQLState(), blocked.getMessage());
                read.execute("RESET lock_timeout");
            } finally {
                holder.rollback();
                holder.setAutoCommit(true);
            }
        }
    }
}
