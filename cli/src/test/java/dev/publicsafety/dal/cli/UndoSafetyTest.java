package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.DataLossRefusedException;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.DatabaseFingerprint;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.NeedsServerTimers;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code undo}, {@code clean} and {@code reset} on a database whose tables hold rows: every form
 * that would drop them refuses, lists what it would drop and changes nothing; the audit trail needs
 * a consent of its own; a dry run shows the SQL; with consent they do what they say.
 */
@IsolatedDatabase
class UndoSafetyTest {

    private TestDatabase db;
    private String url;

    @BeforeEach
    void fillBothSchemas(TestDatabase db) throws SQLException {
        this.db = db;
        this.url = "postgresql://postgres@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        runner.migrateAll();
        if (count("SELECT count(*) FROM fleet.organizations") == 0) {
            execute("INSERT INTO fleet.organizations (name, slug) VALUES ('Harbor City', 'harbor-city')");
            execute("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id)"
                    + " SELECT id, 'tester', 'create', 'organization', id FROM fleet.organizations");
        }
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
    }

    @ParameterizedTest(name = "dal {0}")
    // to version 3: U13 drops the (empty) table of audit verifications, U12 replaces a function, U11 drops functions (no channel is ICECAST), U10 only rebuilds indexes, U8 drops functions (its default partitions move their rows first), U7 the derived mention index,
    // U6 and U5 keep every row, U4 drops columns of rows (audit trail among them)
    @ValueSource(strings = {"undo", "undo --target 0", "undo --target base", "undo --steps 10", "undo --domain fleet --target 3",
            "undo --yes --target 3", "undo --yes --domain fleet --target base", "clean", "clean --yes", "clean --yes --domain fleet"})
    void shouldRefuseToDropRowsAndChangeNothing(String command) {
        List<String> before = DatabaseFingerprint.of(db.dataSource());
        Dal.Result result = dal(command);
        assertEquals(2, result.exit(), result::toString);
        assertEquals(1, result.err().strip().lines().count(), "one line of error: " + result);
        assertTrue(result.err().contains("refus"), result::toString);
        assertTrue(result.out().contains(": drops "), "lists what it would drop: " + result);
        assertEquals(before, DatabaseFingerprint.of(db.dataSource()), "the database changed");
    }

    @Test
    void shouldListTheTablesWithTheirRowsAndAskForYes() {
        Dal.Result result = dal("undo --domain fleet --target base");
        assertTrue(result.out().contains("fleet: drops table fleet.organizations (1 row)"), result::toString);
        assertTrue(result.out().contains("fleet: drops table fleet.audit_logs (1 row, audit trail)"), result::toString);
        assertTrue(result.out().contains("fleet: drops schema fleet"), result::toString);
        assertTrue(result.err().contains("confirm with --yes"), result::toString);
    }

    @Test
    void shouldPrintWhatTheReadmeShows() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        int start = readme.indexOf("$ dal undo --url \"$DB\"\n");
        assertTrue(start >= 0, "README's undo example");
        List<String> shown = readme.substring(start, readme.indexOf("```", start)).lines().skip(1)
                .filter(line -> !line.equals("…")).toList();
        Dal.Result result = dal("undo");
        String printed = result.out() + result.err();
        for (String line : shown) {
            assertTrue(printed.lines().anyMatch(line::equals), "README line not printed: " + line + "\n" + result);
        }
    }

    @Test
    void shouldAskForItsOwnFlagBeforeDroppingAnAuditTrailThatHoldsRows() {
        // to version 3: fleet V4 drops audit columns (V14 drops a function, V13 an empty table, V11 and V8 drop functions, V10 only rebuilds indexes, V8 the empty default partitions)
        Dal.Result result = dal("undo --yes --domain fleet --target 3");
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.err().contains("it would drop the audit trail of fleet ("), result::toString);
        assertTrue(result.err().contains("--drop-audit-trail"), result::toString);
    }

    @Test
    void shouldRefuseUndoAllWithoutYesAsAnInvalidCommandLine() {
        List<String> before = DatabaseFingerprint.of(db.dataSource());
        Dal.Result result = dal("undo --all");
        assertEquals(2, result.exit(), result::toString);
        assertEquals(before, DatabaseFingerprint.of(db.dataSource()));
    }

    @Test
    void shouldPrintThePlanAndTheSqlOnADryRunAndChangeNothing() {
        List<String> before = DatabaseFingerprint.of(db.dataSource());
        Dal.Result result = dal("undo --all --dry-run");
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.out().contains("fleet: drops table fleet.incidents (0 rows)"), result::toString);
        assertTrue(result.out().contains("training: drops table training.training_scenarios (5 rows)"), result::toString);
        assertTrue(result.out().contains("DROP TABLE"), "the SQL: " + result);
        assertTrue(result.out().contains("DELETE FROM \"training\".\"flyway_schema_history\""), result::toString);
        assertEquals(before, DatabaseFingerprint.of(db.dataSource()), "a dry run changed the database");

        Dal.Result clean = dal("clean --dry-run --domain training");
        assertEquals(0, clean.exit(), clean::toString);
        assertTrue(clean.out().contains("training: drops table training.training_scenarios (5 rows)"), clean::toString);
        assertEquals(before, DatabaseFingerprint.of(db.dataSource()), "a dry run changed the database");
    }

    @Test
    void shouldUndoWhatTheConsentCovers() throws SQLException {
        Dal.Result training = dal("undo --yes --domain training --all");
        assertEquals(0, training.exit(), training::toString);
        assertTrue(training.out().contains("now at version base; dropped "), training::toString);
        assertEquals(0, count("SELECT count(*) FROM pg_namespace WHERE nspname = 'training'"));

        Dal.Result fleet = dal("undo --yes --drop-audit-trail --domain fleet --all");
        assertEquals(0, fleet.exit(), fleet::toString);
        assertEquals(0, count("SELECT count(*) FROM pg_namespace WHERE nspname = 'fleet'"));
    }

    @Test
    void shouldReportADroppedColumnByTheValuesItHeldNotAsDroppedRows() throws SQLException {
        Dal.Result result = dal("undo --yes --domain training --target 3");
        assertEquals(0, result.exit(), result::toString);
        // U4 drops six columns; training_scenarios' created_at and updated_at held a value in each of its 5 rows, which stay
        assertTrue(result.out().contains("now at version 3; dropped 6 columns with 10 non-null values"),
                result::toString);
        assertEquals(5, count("SELECT count(*) FROM training.training_scenarios"));
    }

    @Test
    void shouldUndoWithoutYesWhenNothingHoldsRows() throws SQLException {
        execute("TRUNCATE training.training_scenarios CASCADE");
        Dal.Result result = dal("undo --domain training --target base");
        assertEquals(0, result.exit(), result::toString);
        assertEquals(0, count("SELECT count(*) FROM pg_namespace WHERE nspname = 'training'"));
    }

    @Test
    void shouldRefuseInTheLibraryTooWithoutConsent() {
        List<String> before = DatabaseFingerprint.of(db.dataSource());
        MigrationRunner runner = new MigrationRunner(db.dataSource());
        DataLossRefusedException refused = assertThrows(DataLossRefusedException.class, () -> runner.undoTo(Domain.TRAINING, "1"));
        assertEquals(5, refused.plan().rowsLost());
        assertEquals(before, DatabaseFingerprint.of(db.dataSource()));
    }

    @Test
    void shouldResetOnlyWithYesAndSeedTheBundledScenarios() throws SQLException {
        Dal.Result refused = dal("reset --domain training");
        assertEquals(2, refused.exit(), refused::toString);
        execute("UPDATE training.training_scenarios SET is_active = false");

        Dal.Result reset = dal("reset --yes --domain training");
        assertEquals(0, reset.exit(), reset::toString);
        assertEquals(5, count("SELECT count(*) FROM training.training_scenarios WHERE is_active"));

        Dal.Result fleet = dal("reset --yes --domain fleet");
        assertEquals(2, fleet.exit(), "the audit trail holds a row: " + fleet);
        assertEquals(1, count("SELECT count(*) FROM fleet.audit_logs"));
    }

    @Test
    void shouldCountRowsPerTable() {
        Dal.Result result = dal("info --rows --domain training");
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.out().lines().anyMatch(line -> line.matches("\\s+training_scenarios\\s+5")), result::toString);
    }

    @Test
    @NeedsServerTimers
    void shouldGiveUpWaitingForALockAndNameWhoHoldsIt() throws SQLException {
        try (Connection holder = db.dataSource().getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE training.call_transcripts IN ACCESS SHARE MODE");
            List<String> before = DatabaseFingerprint.of(db.dataSource());
            Dal.Result result = dal("undo --yes --domain training --all --lock-timeout 1");
            assertEquals(1, result.exit(), result::toString);
            assertTrue(result.err().contains("gave up waiting 1 s for a lock on [training], held by pid "), result::toString);
            holder.rollback();
            assertEquals(before, DatabaseFingerprint.of(db.dataSource()));
        }
    }

    private Dal.Result dal(String command) {
        String[] words = command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 2);
        args[words.length] = "--url";
        args[words.length + 1] = url;
        return Dal.run(args);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
