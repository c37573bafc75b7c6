package dev.publicsafety.dal.testing;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.connect.OneLine;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One PostgreSQL server per test JVM and the databases created on it. A template database is
 * migrated once; each test class then gets {@code CREATE DATABASE … TEMPLATE}, a file copy that
 * takes milliseconds instead of re-running every migration.
 *
 * <p>With {@code -Ddal.test.pooler=pgbouncer}, a {@link PgBouncer} in transaction pooling mode is
 * started in front of the server as well, and every database's application roles log in through
 * it; this class's own work (the template's migrations, cloning and dropping databases) and a
 * database's {@link TestDatabase#url} stay direct. The run fails, rather than running direct
 * unnoticed, if PgBouncer is not installed.
 */
public final class TestDatabases {

    private static TestDatabases shared;

    private final DatabaseUrl admin;
    private final AutoCloseable server;
    /** Null unless the run asks for one (dal.test.pooler). */
    private final PgBouncer pooler;
    private String template;

    private TestDatabases(DatabaseUrl admin, AutoCloseable server) {
        this.admin = admin;
        this.server = server;
        this.pooler = startPooler(admin);
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "test-databases-shutdown"));
    }

    /** The JVM-wide instance, started on first use. */
    public static synchronized TestDatabases shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static TestDatabases start() {
        poolerRequested(); // before a server starts
        String mode = System.getProperty("dal.test.db", "");
        String url = System.getenv("DAL_TEST_DATABASE_URL");
        if (mode.equals("testcontainers")) {
            return TestcontainersServer.start();
        }
        if (url != null && !url.isBlank() && !mode.equals("embedded")) {
            return new TestDatabases(DatabaseUrl.parse(url), null);
        }
        EmbeddedServer embedded = EmbeddedServer.startTemporary();
        return new TestDatabases(embedded.url("postgres"), embedded);
    }

    /** Default pool size per role and database: fewer server connections than {@link IsolatedDatabase#rolePoolSize}'s default. */
    private static final int POOLER_SERVER_CONNECTIONS = 3;

    /** Whether the run asks for a pooler; fails if it asks for one that is unknown or not installed. */
    private static boolean poolerRequested() {
        String pooler = System.getProperty("dal.test.pooler", "");
        if (pooler.isBlank()) {
            return false;
        }
        if (!pooler.equals("pgbouncer")) {
            throw new IllegalArgumentException("dal.test.pooler='" + OneLine.escape(pooler) + "' is not known: the one pooler is pgbouncer");
        }
        if (!PgBouncer.installed()) {
            throw new IllegalStateException("dal.test.pooler=pgbouncer, but PgBouncer is not installed (Debian: apt-get install"
                    + " pgbouncer; or -Ddal.test.pgbouncer=/path/to/pgbouncer)");
        }
        return true;
    }

    private static PgBouncer startPooler(DatabaseUrl admin) {
        if (!poolerRequested()) {
            return null;
        }
        PgBouncer bouncer = PgBouncer.start(admin, POOLER_SERVER_CONNECTIONS);
        System.out.println("test databases: application roles connect through PgBouncer (transaction pooling, "
                + POOLER_SERVER_CONNECTIONS + " server connections per role and database) on 127.0.0.1:" + bouncer.port()
                + " in front of " + admin);
        return bouncer;
    }

    static TestDatabases external(DatabaseUrl admin, AutoCloseable server) {
        return new TestDatabases(admin, server);
    }

    /** Connection target of the server's maintenance database, as a superuser. */
    public DatabaseUrl adminUrl() {
        return admin;
    }

    /** Creates {@code name}, migrated (a clone of the template) or empty. */
    public synchronized TestDatabase create(String name, boolean migrated) {
        String source = migrated ? migratedTemplate() : "template0";
        execute("CREATE DATABASE \"" + name + "\" TEMPLATE \"" + source + "\"");
        return new TestDatabase(admin.withDatabase(name), pooler);
    }

    public synchronized void drop(String name) {
        execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }

    private String migratedTemplate() {
        if (template == null) {
            String name = "dal_template_" + ProcessHandle.current().pid() + "_"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
            execute("CREATE DATABASE \"" + name + "\" TEMPLATE template0");
            MigrationRunner runner = new MigrationRunner(admin.withDatabase(name).dataSource());
            runner.migrateAll();
            template = name;
        }
        return template;
    }

    private void execute(String sql) {
        try (Connection connection = admin.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + admin + ": " + e.getMessage(), e);
        }
    }

    private void shutdown() {
        try {
            if (template != null && server == null) {
                drop(template);
            }
            if (pooler != null) {
                pooler.close();
            }
            if (server != null) {
                server.close();
            }
        } catch (Exception e) {
            System.err.println("test database cleanup failed: " + e.getMessage());
        }
    }
}
