package dev.publicsafety.dal.cli;

import static dev.publicsafety.dal.cli.Dal.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dal revision --autogenerate}: a development database changed by hand gives the migration
 * that makes head into it and its undo, proven up, down, up on a scratch database, and linted.
 */
@IsolatedDatabase
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevisionAutogenerateTest {

    private static final int NEXT = Integer.parseInt(MigrationFiles.head(Domain.TRAINING)) + 1;

    @Test
    @Order(1)
    void shouldRefuseADatabaseBelowHeadWritingNothing(TestDatabase db, @TempDir Path dir) throws Exception {
        assertEquals(0, Dal.run("undo", "--url", url(db), "--domain", "training", "--yes").exit());

        Dal.Result refused = Dal.run("revision", "--autogenerate", "-m", "notes", "--domain", "training", "--from", url(db),
                "--dir", dir.toString());

        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("training in " + db.name() + " is at version " + (NEXT - 2) + ", head is " + (NEXT - 1)
                + ": run dal migrate on it first"), refused::toString);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
        assertEquals(0, Dal.run("migrate", "--url", url(db), "--domain", "training").exit());
        assertEquals(2, Dal.run("revision", "--autogenerate", "-m", "notes", "--domain", "training", "--dir", dir.toString()).exit(),
                "--autogenerate needs --from");
    }

    @Test
    @Order(2)
    void shouldWriteTheMigrationAndItsUndoFromChangesByHandProvenUpDownUp(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute(
                "ALTER TABLE training.training_scenarios ADD COLUMN estimated_minutes integer NOT NULL DEFAULT 10",
                "COMMENT ON COLUMN training.training_scenarios.estimated_minutes IS 'How long a run takes.'",
                "CREATE INDEX training_scenarios_estimated_minutes_idx ON training.training_scenarios (estimated_minutes) WHERE is_active",
                "ALTER TABLE training.training_scenarios ADD CONSTRAINT training_scenarios_estimated_minutes_positive CHECK (estimated_minutes > 0)",
                "CREATE TABLE training.scenario_notes (id bigserial PRIMARY KEY,"
                        + " scenario_id uuid NOT NULL REFERENCES training.training_scenarios (id), body text NOT NULL)",
                "ALTER TYPE training.speaker_enum ADD VALUE 'supervisor'",
                "CREATE FUNCTION training.note_length(body text) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT length(body)'");

        Dal.Result generated = Dal.run("revision", "--autogenerate", "-m", "Scenario notes", "--domain", "training",
                "--from", url(db), "--dir", dir.toString());

        assertEquals(0, generated.exit(), generated::toString);
        Path forward = dir.resolve("V" + NEXT + "__scenario_notes.sql");
        Path backward = dir.resolve("U" + NEXT + "__scenario_notes.sql");
        String up = Files.readString(forward);
        String down = Files.readString(backward);
        assertInOrder(up, List.of(
                "-- TODO: create or change by hand: function CREATE OR REPLACE FUNCTION training.note_length(body text)",
                "ALTER TYPE \"training\".\"speaker_enum\" ADD VALUE IF NOT EXISTS 'supervisor' AFTER 'caller';",
                "alter table \"training\".\"training_scenarios\" add \"estimated_minutes\" int not null default 10;",
                "create table \"training\".\"scenario_notes\" (\"id\" bigserial not null, \"scenario_id\" uuid not null, \"body\" text not null,"
                        + " constraint \"scenario_notes_pkey\" primary key (\"id\"));",
                "alter table \"training\".\"scenario_notes\" add constraint \"scenario_notes_scenario_id_fkey\" foreign key (\"scenario_id\")"
                        + " references \"training\".\"training_scenarios\" (\"id\");",
                "ALTER TABLE \"training\".\"training_scenarios\" ADD CONSTRAINT \"training_scenarios_estimated_minutes_positive\""
                        + " CHECK ((estimated_minutes > 0));",
                "CREATE INDEX training_scenarios_estimated_minutes_idx ON training.training_scenarios USING btree (estimated_minutes)"
                        + " WHERE is_active;",
                "COMMENT ON COLUMN \"training\".\"training_scenarios\".\"estimated_minutes\" IS 'How long a run takes.';"), generated);
        assertInOrder(down, List.of(
                "-- TODO: enum training.speaker_enum goes from (operator, caller, supervisor) to (operator, caller):"
                        + " PostgreSQL cannot remove or reorder an enum value",
                "-- TODO: drop or change by hand: function CREATE OR REPLACE FUNCTION training.note_length(body text)",
                "ALTER TABLE \"training\".\"training_scenarios\" DROP CONSTRAINT \"training_scenarios_estimated_minutes_positive\";",
                "DROP INDEX \"training\".\"training_scenarios_estimated_minutes_idx\";",
                "drop table \"training\".\"scenario_notes\";",
                "alter table \"training\".\"training_scenarios\" drop \"estimated_minutes\";"), generated);
        assertTrue(generated.out().contains("TODO " + forward.getFileName() + ": create or change by hand: function"), generated::toString);
        assertTrue(generated.out().contains("TODO " + backward.getFileName() + ": enum training.speaker_enum"), generated::toString);
        assertTrue(generated.out().contains("round trip on a scratch database (up, down, up) passed, except "), generated::toString);
        assertTrue(generated.out().contains(forward + ":") && generated.out().contains(": index-without-concurrently: ")
                && generated.out().contains(": constraint-without-not-valid: "), generated::toString);
        assertFalse(generated.out().contains("not-null-without-default"), "the column has a default");
    }

    @Test
    @Order(3)
    void shouldLeaveAPairThatFailsTheRoundTripWrittenAndSayWhereItFails(TestDatabase db, @TempDir Path dir) throws Exception {
        // jOOQ's diff writes every identity column as GENERATED BY DEFAULT, so an ALWAYS one comes back different
        db.execute("ALTER TABLE training.call_sessions ADD COLUMN sequence_number integer GENERATED ALWAYS AS IDENTITY");

        Dal.Result generated = Dal.run("revision", "--autogenerate", "-m", "numbered sessions", "--domain", "training",
                "--from", url(db), "--dir", dir.toString());

        assertEquals(1, generated.exit(), generated::toString);
        assertEquals(1, generated.err().strip().lines().count(), generated::toString);
        assertTrue(generated.err().startsWith("round trip failed: after V" + NEXT + "__numbered_sessions.sql the scratch database differs from "
                + db.name() + " in "), generated::toString);
        assertTrue(generated.err().contains("column call_sessions.sequence_number"), generated::toString);
        assertTrue(generated.err().strip().endsWith("are written for you to fix, not to commit as they are"), generated::toString);
        assertTrue(Files.exists(dir.resolve("V" + NEXT + "__numbered_sessions.sql")) && Files.exists(dir.resolve("U" + NEXT + "__numbered_sessions.sql")));
    }

    private static void assertInOrder(String text, List<String> expected, Dal.Result result) {
        int at = 0;
        for (String statement : expected) {
            int found = text.indexOf(statement, at);
            assertTrue(found >= 0, () -> "missing, or out of order: " + statement + "\n--- file\n" + text + "\n" + result);
            at = found + statement.length();
        }
    }
}
