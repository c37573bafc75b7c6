package dev.publicsafety.dal.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The application's own LOGIN role, made the way an operator makes it
 * ({@link FleetRoles#createApplicationRole}): not the owner, subject to row-level security. Pooled
 * with HikariCP, as a service would be. Roles belong to the server, so each test class makes one
 * with a random name and drops it when done.
 */
final class ApplicationRole implements AutoCloseable {

    private final TestDatabase db;
    private final String name;
    private final HikariDataSource pool;

    private ApplicationRole(TestDatabase db, String name, HikariDataSource pool) {
        this.db = db;
        this.name = name;
        this.pool = pool;
    }

    static ApplicationRole create(TestDatabase db, int poolSize) {
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        String name = "dal_app_r" + suffix;
        String password = "pw-" + suffix;
        FleetRoles.createApplicationRole(db.dataSource(), name, password);
        DatabaseUrl owner = db.url();
        DatabaseUrl app = new DatabaseUrl(owner.host(), owner.port(), owner.database(), name, password, owner.parameters());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(app.jdbcUrl());
        config.setUsername(name);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName(name);
        return new ApplicationRole(db, name, new HikariDataSource(config));
    }

    String name() {
        return name;
    }

    DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() throws SQLException {
        pool.close();
        try (Connection owner = db.dataSource().getConnection(); Statement statement = owner.createStatement()) {
            statement.execute("DROP OWNED BY " + name);
            statement.execute("DROP ROLE " + name);
        }
    }
}
