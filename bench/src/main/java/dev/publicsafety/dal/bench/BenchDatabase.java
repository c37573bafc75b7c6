package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The database the benchmarks run against, handed to JMH's forked JVMs as a system property. */
final class BenchDatabase {

    static final String URL_PROPERTY = "dal.bench.url";

    private BenchDatabase() {
    }

    static DatabaseUrl url() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("run the benchmarks through BenchMain (java -jar bench/target/bench.jar)");
        }
        return DatabaseUrl.parse(url);
    }

    /** A small pool, as an application would have; baseline and data layer share it. */
    static HikariDataSource pool() {
        return pool(url().user(), url().password());
    }

    /** A pool that logs in as {@code user}, e.g. the RLS-bound application role. */
    static HikariDataSource pool(String user, String password) {
        return pool(user, password, 4);
    }

    static HikariDataSource pool(String user, String password, int size) {
        DatabaseUrl url = url();
        return pool(new DatabaseUrl(url.host(), url.port(), url.database(), user, password, url.parameters()), size);
    }

    /** A pool of {@code size} connections to {@code url}, e.g. through PgBouncer. */
    static HikariDataSource pool(DatabaseUrl url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(size);
        config.setPoolName("bench");
        return new HikariDataSource(config);
    }

    /**
     * Turns autovacuum off for {@code table}, or for each partition of a partitioned table (fleet
     * V6): the parent itself takes no storage parameters.
     */
    static void disableAutovacuum(Statement statement, String table) throws SQLException {
        List<String> partitions = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = '"
                + table + "'::regclass")) {
            while (rs.next()) {
                partitions.add(rs.getString(1));
            }
        }
        for (String relation : partitions.isEmpty() ? List.of(table) : partitions) {
            statement.execute("ALTER TABLE " + relation + " SET (autovacuum_enabled = false)");
        }
    }

    /**
     * Empties {@code table} (schema-qualified) between measurements, with the (empty) tables that
     * reference it, such as fleet V4's suggested actions.
     */
    static void truncate(DataSource pool, String table) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + table + " CASCADE");
        }
    }
}
