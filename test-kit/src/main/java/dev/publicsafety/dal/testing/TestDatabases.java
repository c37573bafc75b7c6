package dev.publicsafety.dal.testing;

import dev.publicsafety.dal.connect.DatabaseUrl;
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
 */
public final class TestDatabases {

    private static TestDatabases shared;

    private final DatabaseUrl admin;
    private final AutoCloseable server;
    private String template;

    private TestDatabases(DatabaseUrl admin, AutoCloseable server) {
        this.admin = admin;
        this.server = server;
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
        return new TestDatabase(admin.withDatabase(name));
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
            if (server != null) {
                server.close();
            }
        } catch (Exception e) {
            System.err.println("test database cleanup failed: " + e.getMessage());
        }
    }
}
