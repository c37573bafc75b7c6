package dev.publicsafety.dal.cli;

import static dev.publicsafety.dal.cli.Dal.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.MigrationFiles;
import dev.publicsafety.dal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dal revision --autogenerate} on changes to what head has: a type, a comment, a constraint, a dropped and a renamed column. */
@IsolatedDatabase
class RevisionAutogenerateChangesTest {

    @Test
    void shouldChangeAndDropWhatHeadHasAndFlagARenameProvenUpDownUp(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute(
                "ALTER TABLE training.call_sessions ALTER COLUMN operator_id TYPE varchar(300)",
                "COMMENT ON TABLE training.call_sessions IS 'One call an operator takes.'",
                "ALTER TABLE training.call_sessions DROP CONSTRAINT call_sessions_duration_non_negative",
                "ALTER TABLE training.call_sessions ADD CONSTRAINT call_sessions_duration_non_negative CHECK (duration_ms > 0)",
                "ALTER TABLE training.call_sessions DROP COLUMN metadata",
                "ALTER TABLE training.call_sessions RENAME COLUMN ended_at TO finished_at");

        Dal.Result generated = Dal.run("revision", "--autogenerate", "-m", "reshape sessions", "--domain", "training",
                "--from", url(db), "--dir", dir.toString());

        int next = Integer.parseInt(MigrationFiles.head(Domain.TRAINING)) + 1;
        String up = Files.readString(dir.resolve("V" + next + "__reshape_sessions.sql"));
        String down = Files.readString(dir.resolve("U" + next + "__reshape_sessions.sql"));
        assertEquals(0, generated.exit(), generated::toString);
        for (String statement : new String[] {
                "-- TODO: \"training\".\"call_sessions\" drops ended_at, metadata and adds finished_at: if that is a rename,"
                        + " write ALTER TABLE … RENAME COLUMN instead",
                "alter table \"training\".\"call_sessions\" alter \"operator_id\" type varchar(300);",
                "ALTER TABLE \"training\".\"call_sessions\" DROP CONSTRAINT \"call_sessions_duration_non_negative\";",
                "ALTER TABLE \"training\".\"call_sessions\" ADD CONSTRAINT \"call_sessions_duration_non_negative\" CHECK ((duration_ms > 0));",
                "alter table \"training\".\"call_sessions\" drop \"metadata\";",
                "alter table \"training\".\"call_sessions\" add \"finished_at\" timestamp with time zone;",
                "COMMENT ON TABLE \"training\".\"call_sessions\" IS 'One call an operator takes.';"}) {
            assertTrue(up.contains(statement), () -> "V lacks " + statement + "\n" + up + "\n" + generated);
        }
        for (String statement : new String[] {
                "alter table \"training\".\"call_sessions\" alter \"operator_id\" type varchar(255);",
                "ADD CONSTRAINT \"call_sessions_duration_non_negative\" CHECK ((duration_ms >= 0));",
                "alter table \"training\".\"call_sessions\" add \"metadata\" jsonb not null default",
                "COMMENT ON TABLE \"training\".\"call_sessions\" IS 'One training call taken by an operator on a scenario.';"}) {
            assertTrue(down.contains(statement), () -> "U lacks " + statement + "\n" + down + "\n" + generated);
        }
        assertTrue(!up.contains("set not null"), "operator_id is NOT NULL already: " + up);
        assertTrue(generated.out().contains("round trip on a scratch database (up, down, up) passed"), generated::toString);
    }
}
