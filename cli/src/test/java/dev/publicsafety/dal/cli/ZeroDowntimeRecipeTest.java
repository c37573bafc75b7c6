package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.publicsafety.dal.migration.lint.MigrationLinter;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's zero-downtime recipe: four migrations that each lint clean and, applied in order, leave a NOT NULL column filled. */
@IsolatedDatabase
class ZeroDowntimeRecipeTest {

    @Test
    void shouldLintEachStepCleanAndEndWithAFilledNotNullColumn(TestDatabase db) throws Exception {
        List<String> steps = steps(Files.readString(Path.of("..", "README.md")));
        assertEquals(4, steps.size(), steps::toString);
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);

        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            for (int i = 0; i < steps.size(); i++) {
                assertEquals(List.of(), MigrationLinter.lint("step " + (i + 1), steps.get(i)), "step " + (i + 1));
                owner.setAutoCommit(false); // one transaction per file, as Flyway runs it
                sql.execute(steps.get(i));
                owner.commit();
            }
            try (ResultSet rs = sql.executeQuery("SELECT count(*) FILTER (WHERE estimated_minutes = 10), count(*),"
                    + " (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'training.training_scenarios'::regclass"
                    + " AND attname = 'estimated_minutes') FROM training.training_scenarios")) {
                rs.next();
                assertEquals(rs.getLong(2), rs.getLong(1), "every row backfilled");
                assertEquals(true, rs.getBoolean(3), "NOT NULL");
            }
            sql.execute("ALTER TABLE training.training_scenarios DROP COLUMN estimated_minutes");
            owner.commit();
        }
    }

    /** The four sql blocks under the README's recipe heading. */
    private static List<String> steps(String readme) {
        int start = readme.indexOf("### Zero downtime: a NOT NULL column in four migrations");
        String section = readme.substring(start, readme.indexOf("\n### ", start + 1));
        List<String> steps = new ArrayList<>();
        for (int at = section.indexOf("```sql\n"); at >= 0; at = section.indexOf("```sql\n", at + 1)) {
            steps.add(section.substring(at + 7, section.indexOf("```", at + 7)));
        }
        return steps;
    }
}
