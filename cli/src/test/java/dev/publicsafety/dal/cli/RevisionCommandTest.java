package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.testing.MigrationFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dal revision}: the next V and U pair with a header, never over an existing name or version, never on a broken numbering. */
class RevisionCommandTest {

    @Test
    void shouldWriteTheNextPairThatLintsCleanAndRefuseTheSameNameAgain(@TempDir Path dir) throws Exception {
        int next = Integer.parseInt(MigrationFiles.head(Domain.TRAINING)) + 1;

        Dal.Result written = Dal.run("revision", "-m", "Add estimated minutes", "--domain", "training", "--dir", dir.toString());

        assertEquals(0, written.exit(), written::toString);
        Path forward = dir.resolve("V" + next + "__add_estimated_minutes.sql");
        Path backward = dir.resolve("U" + next + "__add_estimated_minutes.sql");
        assertTrue(written.out().contains("wrote " + forward) && written.out().contains("wrote " + backward), written::toString);
        assertTrue(Files.readString(forward).startsWith("-- Add estimated minutes (training V" + next + "). Before committing:"));
        assertTrue(Files.readString(backward).startsWith("-- Undoes V" + next + " (Add estimated minutes)"));
        assertEquals(0, Dal.run("lint", forward.toString()).exit(), "a new migration lints clean");

        Dal.Result again = Dal.run("revision", "-m", "add estimated minutes", "--domain", "training", "--dir", dir.toString());
        assertEquals(1, again.exit(), again::toString);
        assertTrue(again.err().contains("a migration named add_estimated_minutes exists in training"), again::toString);
    }

    @Test
    void shouldRefuseAFolderWithTwoFilesOfOneVersionNamingTheRenumbering(@TempDir Path dir) throws Exception {
        int next = Integer.parseInt(MigrationFiles.head(Domain.FLEET)) + 1;
        Files.writeString(dir.resolve("V" + next + "__shift_table.sql"), "");
        Files.writeString(dir.resolve("V" + next + "__unit_callsigns.sql"), "");

        Dal.Result refused = Dal.run("revision", "-m", "third", "--domain", "fleet", "--dir", dir.toString());

        assertEquals(1, refused.exit(), refused::toString);
        assertEquals(1, refused.err().strip().lines().count(), refused::toString);
        assertTrue(refused.err().contains("fleet V" + next + " (V" + next + "__unit_callsigns.sql): has the version of V" + next
                + "__shift_table.sql; renumber it to V" + (next + 1) + "__unit_callsigns.sql"), refused::toString);
        assertFalse(Files.exists(dir.resolve("V" + (next + 1) + "__third.sql")));
    }

    @Test
    void shouldRefuseABadCommandLineWithExitTwo(@TempDir Path dir) {
        assertEquals(2, Dal.run("revision", "-m", "x", "--domain", "all", "--dir", dir.toString()).exit());
        assertEquals(2, Dal.run("revision", "-m", "!!!", "--domain", "fleet", "--dir", dir.toString()).exit());
        assertEquals(2, Dal.run("revision", "--domain", "fleet", "--dir", dir.toString()).exit());
    }
}
