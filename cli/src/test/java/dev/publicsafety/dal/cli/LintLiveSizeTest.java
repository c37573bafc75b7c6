package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dal lint --url}: each finding names its table's live size and the lock its statement takes there. */
@IsolatedDatabase
class LintLiveSizeTest {

    @Test
    void shouldStateTheTablesRowsBytesAndLockForEachFinding(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE training.lint_sized AS SELECT g AS n FROM generate_series(1, 5000) g",
                "CREATE INDEX lint_sized_n_idx ON training.lint_sized (n)",
                "CREATE TABLE training.lint_parted (n integer) PARTITION BY RANGE (n)",
                "CREATE TABLE training.lint_parted_low PARTITION OF training.lint_parted FOR VALUES FROM (0) TO (1000)",
                "CREATE TABLE training.lint_parted_high PARTITION OF training.lint_parted FOR VALUES FROM (1000) TO (3000)",
                "INSERT INTO training.lint_parted SELECT g FROM generate_series(0, 2999) g",
                "ANALYZE training.lint_sized", "ANALYZE training.lint_parted");
        Path file = Files.writeString(dir.resolve("V9__sized.sql"), """
                SET LOCAL lock_timeout = '5s';
                ALTER TABLE training.lint_sized ALTER COLUMN n SET NOT NULL;
                CREATE INDEX lint_parted_n_idx ON lint_parted (n);
                ALTER TABLE training.lint_sized ADD CONSTRAINT lint_sized_scenario FOREIGN KEY (n) REFERENCES training.lint_parted (n);
                DROP INDEX training.lint_sized_n_idx;
                ALTER TABLE training.not_there RENAME TO still_not_there;
                """);

        Dal.Result result = Dal.run("lint", file.toString(), "--url", Dal.url(db));

        assertEquals(DalCommand.DRIFT, result.exit(), result::toString);
        String sized = size(db, "SELECT pg_size_pretty(pg_total_relation_size('training.lint_sized'))");
        String parted = size(db, "SELECT pg_size_pretty(pg_total_relation_size('training.lint_parted_low')"
                + " + pg_total_relation_size('training.lint_parted_high'))");
        assertLine(result, file + ":2: set-not-null: ", " [training.lint_sized: ~5000 rows, " + sized + "; takes ACCESS EXCLUSIVE]");
        assertLine(result, file + ":3: index-without-concurrently: ", " [training.lint_parted: ~3000 rows, " + parted + "; takes SHARE]");
        assertLine(result, file + ":4: constraint-without-not-valid: ",
                " [training.lint_sized: ~5000 rows, " + sized + "; takes SHARE ROW EXCLUSIVE, and on the referenced table]");
        assertLine(result, file + ":5: index-without-concurrently: ", " [training.lint_sized: ~5000 rows, " + sized + "; takes ACCESS EXCLUSIVE]");
        assertLine(result, file + ":6: rename: ", " [training.not_there: no such table in the database; takes ACCESS EXCLUSIVE]");

        Dal.Result offline = Dal.run("lint", file.toString());
        assertTrue(offline.out().lines().noneMatch(line -> line.contains(" rows, ")), "no database, no sizes: " + offline);
    }

    private static void assertLine(Dal.Result result, String start, String end) {
        assertTrue(result.out().lines().anyMatch(line -> line.startsWith(start) && line.endsWith(end)),
                () -> "no line " + start + "…" + end + " in\n" + result);
    }

    private static String size(TestDatabase db, String query) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
