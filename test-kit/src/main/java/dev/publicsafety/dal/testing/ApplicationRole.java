package dev.publicsafety.dal.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.FleetRoles;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The application's own LOGIN role, made the way an operator makes it
 * ({@link FleetRoles#createApplicationRole}): not the owner, subject to row-level security. Pooled
 * with HikariCP, as a service would be, through the database's pooler if it has one
 * ({@link TestDatabase#loginAs}). Roles belong to the server, not the database, so each one
 * gets a random name and {@link #close} drops it.
 */
public final class ApplicationRole implements AutoCloseable {

    private final DataSource owner;
    private final DatabaseUrl url;
    private final HikariDataSource pool;
    /** The PgBouncer this role was given its own of ({@link #throughPgBouncer}), stopped with it; else null. */
    private final PgBouncer ownPooler;

    private ApplicationRole(DataSource owner, DatabaseUrl url, HikariDataSource pool, PgBouncer ownPooler) {
        this.owner = owner;
        this.url = url;
        this.pool = pool;
        this.ownPooler = ownPooler;
    }

    /**
     * A new role that logs in through a PgBouncer of its own (transaction pooling, {@code serverConnections}
     * server connections) in front of {@code db}, with a pool of {@code poolSize}; {@link #close} stops it too.
     */
    public static ApplicationRole throughPgBouncer(TestDatabase db, int serverConnections, int poolSize) {
        PgBouncer bouncer = PgBouncer.start(db.url(), serverConnections);
        try {
            ApplicationRole role = create(new TestDatabase(db.url(), bouncer), pool -> pool.setMaximumPoolSize(poolSize));
            return new ApplicationRole(role.owner, role.url, role.pool, bouncer);
        } catch (RuntimeException e) {
            bouncer.close();
            throw e;
        }
    }

    /** A new role on the database of {@code db}, with a pool of {@code poolSize} connections logged in as it. */
    public static ApplicationRole create(TestDatabase db, int poolSize) {
        return create(db, pool -> pool.setMaximumPoolSize(poolSize));
    }

    /** A new role on the database of {@code db}, its pool configured further by {@code pool} (size, timeouts). */
    public static ApplicationRole create(TestDatabase db, Consumer<HikariConfig> pool) {
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        String name = "dal_app_t" + suffix;
        String password = "pw-" + suffix;
        FleetRoles.createApplicationRole(db.dataSource(), name, password);
        DatabaseUrl app = db.loginAs(name, password);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(app.jdbcUrl());
        config.setUsername(name);
        config.setPassword(password);
        config.setPoolName(name);
        pool.accept(config);
        return new ApplicationRole(db.dataSource(), app, new HikariDataSource(config), null);
    }

    public String name() {
        return url.user();
    }

    /** Where and how to log in as this role (user and password included), e.g. for an application's own pool or {@code spring.datasource.*}. */
    public DatabaseUrl url() {
        return url;
    }

    /** The port of the PgBouncer {@link #throughPgBouncer} started for this role. */
    public int pgBouncerPort() {
        if (ownPooler == null) {
            throw new IllegalStateException("role " + name() + " has no PgBouncer of its own");
        }
        return ownPooler.port();
    }

    /** Connections logged in as this role. */
    public DataSource dataSource() {
        return pool;
    }

    /** Closes the pool, drops the role with what it owns and the grants it holds, and stops its own PgBouncer if it has one. */
    @Override
    public void close() {
        pool.close();
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP OWNED BY " + name());
            statement.execute("DROP ROLE " + name());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop role " + name() + ": " + e.getMessage(), e);
        } finally {
            if (ownPooler != null) {
                ownPooler.close();
            }
        }
    }
}
