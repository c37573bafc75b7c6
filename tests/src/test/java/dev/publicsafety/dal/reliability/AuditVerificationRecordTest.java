package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.fleet.audit.AuditVerification;
import dev.publicsafety.dal.fleet.audit.AuditVerifications;
import dev.publicsafety.dal.migration.DataLossRefusedException;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.DropConsent;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each verification of the audit chains that reads to the end leaves one row in
 * fleet.audit_verifications (fleet V13) with its counts and outcome; one that fails records nothing;
 * the application role reads the latest and cannot write one.
 */
@IsolatedDatabase
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditVerificationRecordTest {

    private static final Actor ACTOR = Actor.service("verification-test");
    private static TestDatabase database;
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static AuditChainVerifier verifier;
    private static AuditedOrganizations organizations;

    @BeforeAll
    static void setUp(TestDatabase db) {
        database = db;
        app = ApplicationRole.create(db, 2);
        fleet = new FleetDatabase(app.dataSource());
        verifier = new AuditChainVerifier(db.dataSource());
        organizations = new AuditedOrganizations(fleet, ACTOR, "Verified agency");
    }

    @AfterAll
    static void tearDown() {
        app.close();
    }

    @Test
    @Order(1)
    void shouldReadNoVerificationBeforeTheFirst() {
        organizations.withAuditRows(2);
        assertEquals(Optional.empty(), new AuditVerifications(app.dataSource()).latest());
    }

    @Test
    @Order(2)
    void shouldRecordEachVerificationWithItsScopeCountsRoleAndTime() throws SQLException {
        UUID first = organizations.withAuditRows(4);
        organizations.withAuditRows(3);
        OffsetDateTime before = serverTime();

        assertTrue(verifier.verify(Optional.of(first), List.of()).get(0).intact());
        AuditVerification scoped = new AuditVerifications(database.dataSource()).latest().orElseThrow();
        assertEquals(Optional.of(first), scoped.scope());
        assertEquals(1, scoped.organizations());
        assertEquals(4, scoped.rowsChecked());
        assertTrue(scoped.intact(), scoped.toString());
        assertEquals(database.url().user(), scoped.verifiedBy());
        assertFalse(scoped.verifiedAt().isBefore(before), scoped + " before " + before);
        assertFalse(scoped.verifiedAt().isAfter(serverTime()), scoped.toString());

        verifier.verify(Optional.empty(), List.of());
        AuditVerification everyOrganization = new AuditVerifications(database.dataSource()).latest().orElseThrow();
        assertEquals(Optional.empty(), everyOrganization.scope());
        assertEquals(database.count("SELECT count(DISTINCT org_id) FROM fleet.audit_logs"), everyOrganization.organizations());
        assertEquals(database.count("SELECT count(*) FROM fleet.audit_logs"), everyOrganization.rowsChecked());
        assertTrue(everyOrganization.intact(), everyOrganization.toString());
        assertEquals(Optional.empty(), everyOrganization.brokenRow());
        assertEquals(2, database.count("SELECT count(*) FROM fleet.audit_verifications"), "one row per verification");
    }

    @Test
    @Order(3)
    void shouldRecordTheOrganizationAndRowOfTheFirstBrokenLink() throws SQLException {
        UUID org = organizations.withAuditRows(5);
        database.execute("ALTER TABLE fleet.audit_logs DISABLE TRIGGER audit_logs_no_update_delete",
                "UPDATE fleet.audit_logs SET actor = 'someone else' WHERE org_id = '" + org + "' AND chain_seq = 3",
                "ALTER TABLE fleet.audit_logs ENABLE TRIGGER audit_logs_no_update_delete");
        UUID edited = rowAt(org, 3);

        verifier.verify(Optional.of(org), List.of());
        AuditVerification broken = new AuditVerifications(database.dataSource()).latest().orElseThrow();
        assertFalse(broken.intact(), broken.toString());
        assertEquals(Optional.of(org), broken.brokenOrg());
        assertEquals(Optional.of(edited), broken.brokenRow());
        assertTrue(broken.brokenLink().orElseThrow().contains("link #3 (row " + edited + ") does not match its hash"), broken.toString());
        assertEquals(5, broken.rowsChecked(), "the rows after the break are read too");
        assertEquals(1, database.count("SELECT count(*) FROM fleet.audit_verifications WHERE NOT intact"));
    }

    @Test
    @Order(4)
    void shouldLetTheApplicationRoleReadTheLatestVerificationButNotWriteOne() {
        verifier.verify(Optional.empty(), List.of());
        AuditVerification latest = new AuditVerifications(database.dataSource()).latest().orElseThrow();
        assertEquals(Optional.of(latest), new AuditVerifications(app.dataSource()).latest());

        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Connection connection = app.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO fleet.audit_verifications (organizations, rows_checked, intact) VALUES (0, 0, true)");
            }
        });
        assertEquals("42501", refused.getSQLState(), refused.getMessage());
    }

    @Test
    @Order(5)
    void shouldRecordNothingForAVerificationThatFails() throws SQLException {
        long recorded = database.count("SELECT count(*) FROM fleet.audit_verifications");
        // the application role may not read the chain heads: the verification fails before its end
        DataAccessException failed = assertThrows(DataAccessException.class,
                () -> new AuditChainVerifier(app.dataSource()).verify(Optional.empty(), List.of()));
        assertTrue(failed.getMessage().contains("audit_chain"), failed.getMessage());
        assertEquals(recorded, database.count("SELECT count(*) FROM fleet.audit_verifications"));
    }

    /** Undone to fleet V12 the verifier still verifies; the recorded verifications count as audit trail for the undo. */
    @Test
    @Order(6)
    void shouldVerifyWithoutRecordingBelowFleetV13AndGrantTheApplicationRoleWhenMigrated() {
        MigrationRunner owner = new MigrationRunner(database.dataSource());
        String head = owner.currentVersionOrBase(Domain.FLEET);
        assertThrows(DataLossRefusedException.class, () -> owner.undoTo(Domain.FLEET, "12", DropConsent.DATA));
        try {
            owner.undoTo(Domain.FLEET, "12", DropConsent.DATA_AND_AUDIT_TRAIL);
            UUID org = organizations.withAuditRows(2);
            assertTrue(verifier.verify(Optional.of(org), List.of()).get(0).intact());
            assertThrows(DataAccessException.class, () -> new AuditVerifications(database.dataSource()).latest(), "no table");
        } finally {
            owner.migrate(Domain.FLEET);
        }
        assertEquals(head, owner.currentVersionOrBase(Domain.FLEET));
        assertEquals(Optional.empty(), new AuditVerifications(app.dataSource()).latest(),
                "V13 grants the application roles it finds; nothing was recorded below it");
    }

    private static OffsetDateTime serverTime() throws SQLException {
        try (Connection owner = database.dataSource().getConnection(); Statement statement = owner.createStatement();
             ResultSet rs = statement.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    private static UUID rowAt(UUID org, long seq) throws SQLException {
        try (Connection owner = database.dataSource().getConnection(); Statement statement = owner.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id FROM fleet.audit_logs WHERE org_id = '" + org + "' AND chain_seq = " + seq)) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }
}
