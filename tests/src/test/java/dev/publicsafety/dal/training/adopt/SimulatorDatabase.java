package dev.publicsafety.dal.training.adopt;

import dev.publicsafety.dal.testing.DatabaseFingerprint;
import dev.publicsafety.dal.testing.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A database as the simulator's own migrations leave it, from the shared fixture
 * {@code ../shared/fixtures/simulator-002.sql} beside the repository (not copied into it), and what
 * tests compare of it before and after an adoption.
 */
public final class SimulatorDatabase {

    public static final List<String> TABLES = SimulatorAdoption.TABLES;

    private SimulatorDatabase() {
    }

    /** Empties {@code public} and {@code training}, then loads the fixture into {@code public}. */
    public static void reset(DataSource dataSource) {
        execute(dataSource, "DROP SCHEMA IF EXISTS training CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        load(dataSource);
    }

    /** Loads the fixture into {@code public}, which must not have the simulator's tables yet. */
    public static void load(DataSource dataSource) {
        try {
            // The dump empties search_path for its session; execute closes that connection right after.
            execute(dataSource, Files.readString(fixture()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(DataSource dataSource, String sql) {
        try {
            Sql.execute(dataSource, sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the simulator fixture: " + e.getMessage(), e);
        }
    }

    /** The fixture, found from the repository root (the folder with mvnw) as {@code ../shared/fixtures/}. */
    static Path fixture() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path fixture = dir == null ? null : dir.resolveSibling("shared").resolve("fixtures").resolve("simulator-002.sql");
        if (fixture == null || !Files.isRegularFile(fixture)) {
            throw new IllegalStateException("simulator fixture not found: expected ../shared/fixtures/simulator-002.sql"
                    + " beside the repository root (" + dir + ")");
        }
        return fixture;
    }

    /**
     * Per simulator table, its row count and an md5 of every row over the simulator's own columns,
     * read from {@code schema}. {@code metadata} counts NULL as {@code {}}: adoption's one change.
     */
    public static Map<String, String> checksums(DataSource dataSource, String schema, Map<String, List<String>> columns) {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                String row = columns.get(table).stream()
                        .map(c -> c.equals("metadata") ? "coalesce(metadata, '{}'::jsonb)" : c)
                        .reduce((a, b) -> a + ", " + b).orElseThrow();
                try (ResultSet rs = statement.executeQuery("SELECT count(*), md5(string_agg(row(" + row + ")::text, '|' ORDER BY id))"
                        + " FROM " + schema + "." + table)) {
                    rs.next();
                    sums.put(table, rs.getLong(1) + " rows, md5 " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sums;
    }

    /** The simulator's columns of each of its tables, in order, as its migrations made them. */
    public static Map<String, List<String>> simulatorColumns(DataSource dataSource) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT column_name FROM information_schema.columns"
                        + " WHERE table_schema = 'public' AND table_name = '" + table + "' ORDER BY ordinal_position")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                columns.put(table, List.copyOf(names));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return columns;
    }

    /** Everything of {@code public} and {@code training}: catalogs and every row. Equal means untouched. */
    public static List<String> everything(DataSource dataSource) {
        return DatabaseFingerprint.of(dataSource, "public", "training");
    }
}
