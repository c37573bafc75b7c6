package dev.publicsafety.dal.local;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL the {@code dal} command and the demo use when no URL is given. Its data
 * lives in a persistent directory ({@code $DAL_DATA_DIR}, default {@code ~/.dal/postgres}), so
 * {@code dal migrate}, {@code dal seed} and {@code dal server} all see the same database
 * ({@value #DATABASE}). If {@code dal server} is already running on that directory, commands
 * connect to it instead of starting a second server.
 */
public final class LocalServer implements AutoCloseable {

    public static final String DATABASE = "dal";
    public static final int DEFAULT_PORT = 54329;

    private final DatabaseUrl url;
    private final EmbeddedServer started;

    private LocalServer(DatabaseUrl url, EmbeddedServer started) {
        this.url = url;
        this.started = started;
    }

    /** Where the local server keeps its data. */
    public static Path dataDirectory() {
        String configured = System.getenv("DAL_DATA_DIR");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".dal", "postgres");
    }

    /** Connects to the running local server, or starts one on {@code port} (0: any free port). */
    public static LocalServer connectOrStart(Path dataDirectory, int port) {
        Optional<Integer> running = runningPort(dataDirectory);
        if (running.isPresent()) {
            return new LocalServer(urlOn(running.get()), null);
        }
        EmbeddedServer server = EmbeddedServer.startPersistent(dataDirectory, port);
        DatabaseUrl url = server.url(DATABASE);
        createDatabaseIfMissing(server.url("postgres"));
        return new LocalServer(url, server);
    }

    /** The database to use. */
    public DatabaseUrl url() {
        return url;
    }

    /** Whether this call started the server (and closing stops it). */
    public boolean startedHere() {
        return started != null;
    }

    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }

    private static DatabaseUrl urlOn(int port) {
        return new DatabaseUrl("localhost", port, DATABASE, EmbeddedServer.SUPERUSER, null, java.util.Map.of());
    }

    /** The port of a live postmaster on {@code dataDirectory}, read from its postmaster.pid. */
    private static Optional<Integer> runningPort(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                return Optional.empty();
            }
            try (Connection ignored = urlOn(port).withDatabase("postgres").dataSource().getConnection()) {
                return Optional.of(port);
            }
        } catch (IOException | RuntimeException | SQLException e) {
            return Optional.empty();
        }
    }

    private static void createDatabaseIfMissing(DatabaseUrl admin) {
        try (Connection connection = admin.dataSource().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database '" + DATABASE + "' on the local server: " + e.getMessage(), e);
        }
    }
}
