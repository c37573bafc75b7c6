package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed schema diagrams (docs/schema.md) are exactly what {@code dal erd --markdown} draws
 * from a freshly migrated database: a migration committed without regenerating them fails here.
 */
@IsolatedDatabase(migrated = false)
class SchemaDiagramDriftTest {

    private static final Path COMMITTED = Path.of("..", "docs", "schema.md");

    @Test
    void shouldMatchTheDiagramsDrawnFromTheMigrations(TestDatabase db) throws Exception {
        String expected = SchemaDiagramWriter.markdown(db);
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        assertEquals(expected, committed, "docs/schema.md disagrees with the migrations; run " + SchemaDiagramWriter.REGENERATE
                + " from the repository root and commit docs/schema.md");
    }
}
