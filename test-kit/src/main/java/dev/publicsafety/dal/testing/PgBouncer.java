package dev.publicsafety.dal.testing;

import dev.publicsafety.dal.connect.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PgBouncer in transaction pooling mode on loopback in front of one PostgreSQL server, as the
 * many instances of a service reach the server in production: each transaction runs on whichever
 * server connection is free, so consecutive transactions of one client connection may run on
 * different server sessions, and one server session serves many clients in turn. Started from the
 * installed {@code pgbouncer} (Debian package {@code pgbouncer}; 1.18 is the version tested); {@link #close}
 * stops it.
 *
 * <p>Every database name routes to the server ({@code * = host=… port=…}). Clients log in with
 * their own role and password: PgBouncer checks the password against the server's SCRAM verifier,
 * which it reads as {@code server}'s user ({@code auth_query}, so that user must be a superuser
 * the server lets in without a password from loopback, as the test kit's servers do), and logs in
 * to the server as that role. Roles made after the start need no configuration.
 * Migrations, {@code CREATE DATABASE … TEMPLATE} and other session-level work stay on the direct
 * connection: only what {@link #route} returns goes through the pooler.
 */
public final class PgBouncer implements AutoCloseable {

    /** Where Debian installs it; otherwise it is looked up on PATH, or given with -Ddal.test.pgbouncer. */
    private static final Path DEBIAN_EXECUTABLE = Path.of("/usr/sbin/pgbouncer");
    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final Process process;
    private final Path directory;
    private final int port;

    private PgBouncer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** True if a {@code pgbouncer} executable is there to {@link #start}. */
    public static boolean installed() {
        return executable() != null;
    }

    /**
     * Starts PgBouncer in front of {@code server} (its host and port; its user looks up the other
     * roles' passwords), with at most {@code serverConnectionsPerPool} server connections for each
     * pair of role and database ({@code default_pool_size}): clients beyond that wait their turn.
     */
    public static PgBouncer start(DatabaseUrl server, int serverConnectionsPerPool) {
        if (serverConnectionsPerPool < 1) {
            throw new IllegalArgumentException("serverConnectionsPerPool must be at least 1, was " + serverConnectionsPerPool);
        }
        Path executable = executable();
        if (executable == null) {
            throw new IllegalStateException("PgBouncer is not installed: no pgbouncer in " + DEBIAN_EXECUTABLE.getParent()
                    + " or on PATH (Debian: apt-get install pgbouncer; or -Ddal.test.pgbouncer=/path/to/pgbouncer)");
        }
        Path directory = null;
        try {
            directory = Files.createTempDirectory("dal-pgbouncer");
            int port = freePort();
            Path config = directory.resolve("pgbouncer.ini");
            Path users = directory.resolve("userlist.txt");
            // the auth user's own password, if it has one, is what PgBouncer logs in to the server with to look others up
            Files.writeString(users, quoted(server.user()) + " " + quoted(server.password() == null ? "" : server.password()) + "\n",
                    StandardCharsets.UTF_8);
            Files.writeString(config, configuration(server, port, serverConnectionsPerPool, users), StandardCharsets.UTF_8);
            Path log = directory.resolve("pgbouncer.log");
            Process process = new ProcessBuilder(executable.toString(), config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PgBouncer bouncer = new PgBouncer(process, directory, port);
            bouncer.awaitListening(log);
            return bouncer;
        } catch (IOException e) {
            deleteQuietly(directory);
            throw new UncheckedIOException("cannot start PgBouncer: " + e.getMessage(), e);
        }
    }

    private static String configuration(DatabaseUrl server, int port, int poolSize, Path users) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addr", "127.0.0.1");
        settings.put("listen_port", Integer.toString(port));
        settings.put("unix_socket_dir", "");               // no socket file that another PgBouncer on this machine could collide with
        settings.put("pool_mode", "transaction");
        settings.put("default_pool_size", Integer.toString(poolSize));
        settings.put("max_client_conn", "500");
        settings.put("auth_type", "scram-sha-256");
        settings.put("auth_file", users.toString());
        settings.put("auth_user", server.user());
        settings.put("ignore_startup_parameters", "extra_float_digits"); // pgjdbc sends it at log-in; PgBouncer 1.18 refuses unknown ones
        settings.put("query_wait_timeout", "30");           // a client waits at most 30 s for a server connection, then fails
        if ("root".equals(System.getProperty("user.name"))) {
            settings.put("user", "nobody");                 // PgBouncer refuses to run as root; it reads its files first, then drops to this user
        }
        StringBuilder ini = new StringBuilder("[databases]\n* = host=").append(server.host())
                .append(" port=").append(server.port()).append("\n\n[pgbouncer]\n");
        settings.forEach((key, value) -> ini.append(key).append(" = ").append(value).append('\n'));
        return ini.toString();
    }

    /**
     * {@code direct}'s database, user and password, reached through this PgBouncer, with
     * {@code prepareThreshold=0}: pgjdbc otherwise turns a statement it has run five times into a
     * named server-side prepared statement of the session it ran on, and in transaction pooling the
     * next transaction may run in another session, where that name does not exist (PgBouncer 1.18
     * does not carry prepared statements across).
     */
    public DatabaseUrl route(DatabaseUrl direct) {
        Map<String, String> parameters = new LinkedHashMap<>(direct.parameters());
        parameters.put("prepareThreshold", "0");
        return new DatabaseUrl("127.0.0.1", port, direct.database(), direct.user(), direct.password(), parameters);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(directory);
        }
    }

    private void awaitListening(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = lastLines(log);
                deleteQuietly(directory);
                throw new IllegalStateException("PgBouncer exited at start (exit " + process.exitValue() + "): " + output);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        String output = lastLines(log);
        close();
        throw new IllegalStateException("PgBouncer did not listen on 127.0.0.1:" + port + " within "
                + START_TIMEOUT_MILLIS / 1000 + " s: " + output);
    }

    private static Path executable() {
        String given = System.getProperty("dal.test.pgbouncer", "");
        if (!given.isBlank()) {
            return Files.isExecutable(Path.of(given)) ? Path.of(given) : null;
        }
        if (Files.isExecutable(DEBIAN_EXECUTABLE)) {
            return DEBIAN_EXECUTABLE;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "pgbouncer"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A value of PgBouncer's auth_file: double-quoted, a double quote doubled. */
    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PgBouncer to start", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind; nothing depends on it
        }
    }
}
