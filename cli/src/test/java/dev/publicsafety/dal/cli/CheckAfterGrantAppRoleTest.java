package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database set up as the README says ({@code dal migrate}, then {@code dal grant-app-role})
 * checks clean; any grant beyond what grant-app-role gives, or short of it, is drift.
 */
@IsolatedDatabase(migrated = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckAfterGrantAppRoleTest {

    private static final String ROLE = "dal_app_chk" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));

    @AfterAll
    static void dropRole(TestDatabase db) throws SQLException {
        db.execute("DROP OWNED BY " + ROLE, "DROP ROLE " + ROLE);
    }

    @Test
    @Order(1)
    void shouldCheckCleanAfterMigrateAndGrantAppRole(TestDatabase db, @TempDir Path dir) throws Exception {
        assertEquals(0, Dal.run("migrate", "--url", url(db)).exit());
        Path password = Files.writeString(dir.resolve("pw"), "check-pw\n");
        Dal.Result granted = Dal.run("grant-app-role", "--url", url(db), "--role", ROLE, "--create", "--password-file", password.toString());
        assertEquals(0, granted.exit(), granted::toString);

        Dal.Result check = Dal.run("check", "--url", url(db));
        assertEquals(0, check.exit(), check::toString);
        assertTrue(check.out().contains("fleet: matches its migrations"), check::toString);
        assertTrue(check.out().contains("training: matches its migrations"), check::toString);
    }

    @Test
    @Order(2)
    void shouldReportAGrantToPublicAsDrift(TestDatabase db) throws SQLException {
        db.execute("GRANT SELECT ON fleet.incidents TO PUBLIC");
        Dal.Result check = Dal.run("check", "--url", url(db), "--domain", "fleet");
        assertEquals(DalCommand.DRIFT, check.exit(), check::toString);
        assertTrue(check.out().contains("-- only in the database:   relation incidents") && check.out().contains("=r/"), check::toString);
        db.execute("REVOKE SELECT ON fleet.incidents FROM PUBLIC");
        assertEquals(0, Dal.run("check", "--url", url(db), "--domain", "fleet").exit());
    }

    @Test
    @Order(3)
    void shouldReportMoreOrLessThanGrantAppRoleGivesAsDrift(TestDatabase db) throws SQLException {
        db.execute("GRANT UPDATE ON fleet.audit_logs TO " + ROLE);
        Dal.Result more = Dal.run("check", "--url", url(db), "--domain", "fleet");
        assertEquals(DalCommand.DRIFT, more.exit(), more::toString);
        assertTrue(more.out().contains("relation audit_logs"), more::toString);
        db.execute("REVOKE UPDATE ON fleet.audit_logs FROM " + ROLE, "REVOKE DELETE ON fleet.webhooks FROM " + ROLE);
        Dal.Result less = Dal.run("check", "--url", url(db), "--domain", "fleet");
        assertEquals(DalCommand.DRIFT, less.exit(), less::toString);
        assertTrue(less.out().contains("-- only in the migrations: relation webhooks"), less::toString);
    }

    @Test
    @Order(4)
    void shouldReportATrainingGrantShortOfWhatGrantAppRoleGivesAsDrift(TestDatabase db) throws SQLException {
        db.execute("REVOKE DELETE ON training.call_sessions FROM " + ROLE);
        Dal.Result less = Dal.run("check", "--url", url(db), "--domain", "training");
        assertEquals(DalCommand.DRIFT, less.exit(), less::toString);
        assertTrue(less.out().contains("-- only in the migrations: relation call_sessions"), less::toString);
    }

    private static String url(TestDatabase db) {
        return "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
    }
}
