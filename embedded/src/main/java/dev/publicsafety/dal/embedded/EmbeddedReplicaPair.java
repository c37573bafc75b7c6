package dev.publicsafety.dal.embedded;

import dev.publicsafety.dal.connect.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A primary and a streaming hot standby on loopback, both started from the embedded binaries, for
 * tests and benchmarks of read replicas. The binaries ship without {@code pg_basebackup}, so the
 * standby is cloned the way PostgreSQL documents for a low-level backup: {@code pg_backup_start},
 * a file copy of the running primary, {@code pg_backup_stop} (whose label becomes the copy's
 * {@code backup_label}), then {@code standby.signal} and {@code primary_conninfo}. A physical
 * replication slot, created before the backup, keeps the WAL the standby still needs.
 *
 * <p>Both servers run like {@link EmbeddedServer}'s (through {@code unshare -U} as root). Durability
 * is traded for speed ({@code fsync=off}); commits stay synchronous so that WAL reaches the standby
 * as soon as a transaction commits. Everything lives in one temporary directory, deleted on close.
 */
public final class EmbeddedReplicaPair implements AutoCloseable {

    private static final String SLOT = "dal_standby";
    private static final Duration STREAMING_TIMEOUT = Duration.ofSeconds(60);
    /** What a base backup leaves out: the server's own run-time files and what the standby rebuilds. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp",
            "pg_subtrans", "backup_label", "tablespace_map");
    private static final Set<String> RECREATED_EMPTY = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    private final Path root;
    private final EmbeddedPostgres primary;
    private final Path standbyDirectory;
    private final int standbyPort;
    private EmbeddedPostgres standby;

    private EmbeddedReplicaPair(Path root, EmbeddedPostgres primary, Path standbyDirectory, int standbyPort) {
        this.root = root;
        this.primary = primary;
        this.standbyDirectory = standbyDirectory;
        this.standbyPort = standbyPort;
    }

    /** Starts a primary, clones it and returns once the standby streams from it and has caught up. */
    public static EmbeddedReplicaPair start() {
        Path root = null;
        EmbeddedPostgres primary = null;
        try {
            root = Files.createTempDirectory("dal-replica-pair-");
            primary = startPrimary(root.resolve("primary"));
            Path standbyDirectory = root.resolve("standby");
            cloneForStandby(primary, root.resolve("primary"), standbyDirectory);
            EmbeddedReplicaPair pair = new EmbeddedReplicaPair(root, primary, standbyDirectory, freePort());
            pair.startReplica();
            return pair;
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(primary);
            deleteQuietly(root);
            throw new IllegalStateException(EmbeddedServer.explainStartFailure(e), e);
        }
    }

    private static EmbeddedPostgres startPrimary(Path directory) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                // initdb -A trust already lets replication connections in from loopback; say so explicitly
                .setDataDirectoryCustomizer(data -> append(data.toPath().resolve("pg_hba.conf"),
                        "\nhost replication all 127.0.0.1/32 trust\nhost replication all ::1/128 trust\n"));
        Map.of("wal_level", "replica", "max_wal_senders", "4", "max_replication_slots", "4",
                "fsync", "off", "max_connections", "100").forEach(builder::setServerConfig);
        return builder.start();
    }

    /** A low-level base backup of the running primary into {@code target}, made a standby of it. */
    private static void cloneForStandby(EmbeddedPostgres primary, Path source, Path target) throws SQLException, IOException {
        try (Connection connection = primary.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            statement.execute("SELECT pg_backup_start('dal-replica-pair', true)");
            copyDataDirectory(source, target);
            try (ResultSet stop = statement.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                stop.next();
                Files.writeString(target.resolve("backup_label"), stop.getString(1));
                String tablespaceMap = stop.getString(2);
                if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
                    Files.writeString(target.resolve("tablespace_map"), tablespaceMap);
                }
            }
        }
        for (String directory : RECREATED_EMPTY) {
            Files.createDirectories(target.resolve(directory));
        }
        Files.createDirectories(target.resolve("pg_wal").resolve("archive_status"));
        Files.createDirectories(target.resolve("pg_wal").resolve("summaries"));
        Files.createFile(target.resolve("standby.signal"));
        append(target.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=127.0.0.1 port=" + primary.getPort()
                + " user=" + EmbeddedServer.SUPERUSER + " application_name=" + SLOT + "'\nprimary_slot_name = '" + SLOT + "'\n");
    }

    /** Copies a live data directory: files may change or vanish meanwhile, which WAL replay repairs. */
    private static void copyDataDirectory(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                if (!directory.equals(source) && isLeftOut(directory)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.copy(directory, target.resolve(source.relativize(directory).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!isLeftOut(file) && !file.getFileName().toString().startsWith("pgsql_tmp")) {
                    try {
                        Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (NoSuchFileException vanished) {
                        // dropped by the primary during the copy: replay does not need it
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            private boolean isLeftOut(Path path) {
                return source.relativize(path).getNameCount() == 1 && NOT_COPIED.contains(path.getFileName().toString());
            }
        });
    }

    /** Starts the standby (again, on the same port) and waits until it streams and has replayed what the primary has. */
    public synchronized void startReplica() {
        if (standby != null) {
            throw new IllegalStateException("the replica is already running");
        }
        try {
            standby = EmbeddedPostgres.builder()
                    .setDataDirectory(standbyDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(standbyPort)
                    .setServerConfig("hot_standby", "on")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("max_connections", "100")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("the standby did not start: " + e.getMessage(), e);
        }
        awaitStreaming();
        awaitCaughtUp();
    }

    /** Stops the standby (fast shutdown) and keeps its data directory, so that {@link #startReplica} resumes it. */
    public synchronized void stopReplica() {
        if (standby == null) {
            throw new IllegalStateException("the replica is not running");
        }
        try {
            standby.close();
        } catch (IOException e) {
            throw new UncheckedIOException("the standby did not stop: " + e.getMessage(), e);
        } finally {
            standby = null;
        }
    }

    private void awaitStreaming() {
        long deadline = System.nanoTime() + STREAMING_TIMEOUT.toNanos();
        while (true) {
            if (isStreaming()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the standby on port " + standbyPort + " did not stream from the primary within "
                        + STREAMING_TIMEOUT.toSeconds() + " s (see the postgres log lines above)");
            }
            sleep(50);
        }
    }

    private boolean isStreaming() {
        return "1".equals(queryOne(primary("postgres"), "SELECT count(*) FROM pg_stat_replication WHERE application_name = '"
                + SLOT + "' AND state = 'streaming'"));
    }

    /** Waits (up to a minute) until the standby has replayed all the WAL the primary has so far: set-up done there too. */
    public void awaitCaughtUp() {
        String target = queryOne(primary("postgres"), "SELECT pg_current_wal_insert_lsn()::text");
        long deadline = System.nanoTime() + STREAMING_TIMEOUT.toNanos();
        while (!"t".equals(queryOne(replica("postgres"), "SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the standby did not replay the primary's WAL up to " + target + " within "
                        + STREAMING_TIMEOUT.toSeconds() + " s");
            }
            sleep(10);
        }
    }

    private static String queryOne(DatabaseUrl url, String sql) {
        try (Connection connection = url.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url + ": " + e.getMessage(), e);
        }
    }

    /** Stops applying WAL on the standby (it keeps receiving it): reads there see an ever older state. */
    public void pauseReplay() {
        onStandby("SELECT pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        onStandby("SELECT pg_wal_replay_resume()");
    }

    private void onStandby(String sql) {
        try (Connection connection = replica("postgres").dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on the standby: " + e.getMessage(), e);
        }
    }

    /** The primary's {@code database} as the superuser. */
    public DatabaseUrl primary(String database) {
        return new DatabaseUrl("127.0.0.1", primary.getPort(), database, EmbeddedServer.SUPERUSER, null, Map.of());
    }

    /** The standby's {@code database} as the superuser; the same port whether the standby runs or not. */
    public DatabaseUrl replica(String database) {
        return new DatabaseUrl("127.0.0.1", standbyPort, database, EmbeddedServer.SUPERUSER, null, Map.of());
    }

    @Override
    public synchronized void close() {
        closeQuietly(standby);
        standby = null;
        closeQuietly(primary);
        deleteQuietly(root);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the standby", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        if (server != null) {
            try {
                server.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("cannot delete " + directory + ": " + e.getMessage());
        }
    }
}
