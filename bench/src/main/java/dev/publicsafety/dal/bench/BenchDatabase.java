package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.FleetRoles;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The database the benchmarks run against, handed to JMH's forked JVMs as a system property. */
final class BenchDatabase {

    static final String URL_PROPERTY = "dal.bench.url";
    private static final String ROLE_PASSWORD = "bench";

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
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setPoolName("bench");
        return new HikariDataSource(config);
    }

    /**
     * A pool that logs in as the RLS-bound application role {@code role}, created if missing and
     * granted afresh if not: roles outlive the bench database (--url on a server the bench ran on
     * before), the grants on a new {@code dal_bench} do not.
     */
    static HikariDataSource applicationRolePool(DataSource owner, String role) {
        return applicationRolePool(owner, role, 4);
    }

    /** {@link #applicationRolePool(DataSource, String)} with {@code size} connections. */
    static HikariDataSource applicationRolePool(DataSource owner, String role, int size) {
        if (FleetRoles.exists(owner, role)) {
            FleetRoles.grantTo(owner, role);
        } else {
            FleetRoles.createApplicationRole(owner, role, ROLE_PASSWORD);
        }
        return pool(role, ROLE_PASSWORD, size);
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
