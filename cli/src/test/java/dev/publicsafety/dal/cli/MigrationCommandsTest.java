package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.CatalogSnapshot;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The operator's life cycle, in order, on one empty database: what the README promises. */
@IsolatedDatabase(migrated = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationCommandsTest {

    private static final String FLEET_HEAD = MigrationFiles.head(Domain.FLEET);
    private static final String TRAINING_HEAD = MigrationFiles.head(Domain.TRAINING);

    private static String url(TestDatabase db) {
        return "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
    }

    @Test
    @Order(1)
    void shouldPrintPendingSqlWithoutApplyingIt(TestDatabase db) throws SQLException {
        Dal.Result sql = Dal.run("sql", "--url", url(db));
        assertEquals(0, sql.exit(), sql::toString);
        assertTrue(sql.out().contains("CREATE TABLE fleet.incidents"), sql::toString);
        assertTrue(sql.out().contains("CREATE TABLE training.call_sessions"), sql::toString);
        assertEquals(0, db.count("SELECT count(*) FROM pg_namespace WHERE nspname IN ('fleet', 'training')"));
    }

    @Test
    @Order(2)
    void shouldMigrateBothSchemasToHead(TestDatabase db) throws SQLException {
        Dal.Result migrate = Dal.run("migrate", "--url", url(db));
        assertEquals(0, migrate.exit(), migrate::toString);
        assertTrue(migrate.out().contains("fleet: applied " + MigrationFiles.count(Domain.FLEET) + " migrations, now at version " + FLEET_HEAD), migrate::toString);
        // tables as the application sees them: a partitioned table counts once, not with its monthly partitions
        assertEquals(17, db.count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'fleet'"
                + " AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'flyway_schema_history'"));
        assertEquals(5, db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'training' AND tablename <> 'flyway_schema_history'"));

        Dal.Result info = Dal.run("info", "--url", url(db));
        assertTrue(info.out().contains("fleet: current " + FLEET_HEAD + ", head " + FLEET_HEAD + " (at head)"), info::toString);
        assertTrue(info.out().contains("training: current " + TRAINING_HEAD + ", head " + TRAINING_HEAD + " (at head)"), info::toString);

        Dal.Result again = Dal.run("migrate", "--url", url(db), "--domain", "training");
        assertTrue(again.out().contains("training: applied 0 migrations"), again::toString);
    }

    @Test
    @Order(3)
    void shouldReportNoDriftAfterMigrateAndAColumnAddedByHand(TestDatabase db) throws SQLException {
        Dal.Result clean = Dal.run("check", "--url", url(db));
        assertEquals(0, clean.exit(), clean::toString);
        assertTrue(clean.out().contains("fleet: matches its migrations at version " + FLEET_HEAD), clean::toString);
        assertTrue(clean.out().contains("training: matches its migrations at version " + TRAINING_HEAD), clean::toString);

        db.execute("ALTER TABLE fleet.incidents ADD COLUMN added_by_hand text");
        Dal.Result drift = Dal.run("check", "--url", url(db));
        assertEquals(DalCommand.DRIFT, drift.exit(), drift::toString);
        assertTrue(drift.out().contains("alter table \"fleet\".\"incidents\" drop \"added_by_hand\";"), drift::toString);
        assertTrue(drift.out().contains("training: matches its migrations"), drift::toString);
        db.execute("ALTER TABLE fleet.incidents DROP COLUMN added_by_hand");

        db.execute("ALTER TABLE fleet.audit_logs DISABLE TRIGGER audit_logs_chain");
        Dal.Result trigger = Dal.run("check", "--url", url(db), "--domain", "fleet");
        assertEquals(DalCommand.DRIFT, trigger.exit(), trigger::toString);
        assertTrue(trigger.out().contains("only in the migrations: trigger CREATE TRIGGER audit_logs_chain"), trigger::toString);
        // back to before V3, which creates the trigger, and up again
        Dal.Result repaired = Dal.run("undo", "--url", url(db), "--domain", "fleet", "--target", "2");
        assertEquals(0, repaired.exit(), repaired::toString);
        assertEquals(0, Dal.run("migrate", "--url", url(db), "--domain", "fleet").exit());
        assertEquals(0, Dal.run("check", "--url", url(db)).exit());
    }

    @Test
    @Order(4)
    void shouldUndoEverythingLeavingNoTableOrType(TestDatabase db) throws SQLException {
        Dal.Result refused = Dal.run("undo", "--all", "--url", url(db));
        assertEquals(2, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("add --yes to confirm"), refused::toString);

        Dal.Result undo = Dal.run("undo", "--all", "--yes", "--url", url(db));
        assertEquals(0, undo.exit(), undo::toString);
        assertEquals(0, db.count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname IN ('fleet', 'training')"));
        assertEquals(0, db.count("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE n.nspname IN ('fleet', 'training')"));
        assertEquals(0, db.count("SELECT count(*) FROM pg_namespace WHERE nspname IN ('fleet', 'training')"));
    }

    @Test
    @Order(5)
    void shouldMigrateAgainAfterUndo(TestDatabase db) {
        assertEquals(0, Dal.run("migrate", "--url", url(db)).exit());
        assertTrue(CatalogSnapshot.of(db.dataSource(), "fleet").size() > 100);
        assertEquals(0, Dal.run("check", "--url", url(db)).exit());
    }

    @Test
    @Order(6)
    void shouldRefuseAnEditedMigrationNamingFileAndChecksumUntilRepaired(TestDatabase db) throws SQLException {
        db.execute("UPDATE training.flyway_schema_history SET checksum = 42 WHERE version = '1'");
        Dal.Result validate = Dal.run("validate", "--url", url(db));
        assertEquals(DalCommand.DRIFT, validate.exit(), validate::toString);
        assertTrue(validate.err().contains("V1__training_initial_schema.sql"), validate::toString);
        assertTrue(validate.err().contains("42"), validate::toString);
        assertTrue(validate.out().contains("fleet: valid"), validate::toString);

        Dal.Result migrate = Dal.run("migrate", "--url", url(db));
        assertEquals(1, migrate.exit(), migrate::toString);
        assertTrue(migrate.err().contains("the file changed after it was applied"), migrate::toString);

        Dal.Result repair = Dal.run("repair", "--url", url(db));
        assertEquals(0, repair.exit(), repair::toString);
        assertEquals(0, Dal.run("validate", "--url", url(db)).exit());
    }

    @Test
    @Order(7)
    void shouldRefuseADatabaseNewerThanTheCode(TestDatabase db) throws SQLException {
        db.execute("INSERT INTO fleet.flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql',"
                + " 1, 'someone', 1, true)");
        Dal.Result migrate = Dal.run("migrate", "--url", url(db), "--domain", "fleet");
        assertEquals(1, migrate.exit(), migrate::toString);
        assertTrue(migrate.err().contains("the database is newer than this code"), migrate::toString);
        db.execute("DELETE FROM fleet.flyway_schema_history WHERE version = '99'");
    }

    @Test
    @Order(8)
    void shouldDiagnoseConnectionAndRowLevelSecurity(TestDatabase db) {
        Dal.Result doctor = Dal.run("doctor", "--url", url(db));
        assertEquals(0, doctor.exit(), doctor::toString);
        assertTrue(doctor.out().contains("connection: ok"), doctor::toString);
        assertTrue(doctor.out().contains("server:     PostgreSQL"), doctor::toString);
        assertTrue(doctor.out().contains("BYPASSES row-level security (superuser or BYPASSRLS)"), doctor::toString);
    }

    @Test
    @Order(9)
    void shouldCleanOnlyWithYes(TestDatabase db) throws SQLException {
        Dal.Result refused = Dal.run("clean", "--url", url(db), "--domain", "training");
        assertEquals(2, refused.exit(), refused::toString);
        assertEquals(5, db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'training' AND tablename <> 'flyway_schema_history'"));

        assertEquals(0, Dal.run("clean", "--yes", "--url", url(db), "--domain", "training").exit());
        assertEquals(0, db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'training'"));
    }

    @Test
    @Order(10)
    void shouldBaselineExistingTablesAndMigrateFromThere(TestDatabase db) throws SQLException {
        db.execute("DROP TABLE fleet.flyway_schema_history");
        Dal.Result baseline = Dal.run("baseline", "--version", FLEET_HEAD, "--url", url(db), "--domain", "fleet");
        assertEquals(0, baseline.exit(), baseline::toString);
        Dal.Result info = Dal.run("info", "--url", url(db), "--domain", "fleet");
        assertTrue(info.out().contains("fleet: current " + FLEET_HEAD), info::toString);
        assertTrue(Dal.run("migrate", "--url", url(db), "--domain", "fleet").out().contains("applied 0 migrations"));
    }

    /** Flyway retries a held migration lock silently each second; dal says so, naming the holder, while it waits. */
    @Test
    @Order(11)
    void shouldSayWhileItWaitsForTheMigrationLockWhoHoldsIt(TestDatabase db) throws Exception {
        long flywayLock = 77431708279161L + "\"fleet\".\"flyway_schema_history\"".hashCode();
        try (Connection holder = db.dataSource().getConnection(); Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + flywayLock + ")");
            ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()");
            pid.next();
            String holderPid = pid.getString(1);
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(5_000);
                    statement.execute("SELECT pg_advisory_unlock(" + flywayLock + ")");
                } catch (InterruptedException | SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            Dal.Result migrate = Dal.run("migrate", "--url", url(db), "--domain", "fleet");
            release.join();
            assertEquals(0, migrate.exit(), migrate::toString);
            assertEquals(1, migrate.err().strip().lines().count(), migrate::toString);
            assertTrue(migrate.err().startsWith("dal migrate: waiting for the migration lock of fleet, held by session "
                    + holderPid + " ("), migrate::toString);
            assertTrue(migrate.err().contains("retrying each second, giving up after 50 s"), migrate::toString);
        }
    }
}
