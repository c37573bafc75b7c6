package dev.publicsafety.dal.replica;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;

/**
 * Sends read-only units of work to a streaming replica and everything else to the primary, with
 * read-your-writes: {@code FleetDatabase.write} returns the primary's WAL position after the commit, and a
 * {@link #read} that presents it waits (up to {@link ReplicaOptions#maxWait}) for the replica to
 * replay that far, else runs on the primary. Reads also go to the primary while the replica is down,
 * not a standby, or more than {@link ReplicaOptions#maxLagBytes} behind (see {@link ReplicaHealth}).
 *
 * <p>The replica {@link DataSource} must reach one server (or servers that replay in step): the
 * position is checked on the connection that then runs the work. Give its pool a short connection
 * timeout, since a read that finds the replica down waits that long before it turns to the primary.
 *
 * <p>Not handled: failover (a promoted replica only stops getting reads), and positions handed from
 * one primary to another.
 */
public final class ReplicaRouter {

    private final DataSource primary;
    private final DataSource replica;
    private final ReplicaOptions options;
    private final ReplicaHealth health;

    public ReplicaRouter(DataSource primary, DataSource replica, ReplicaOptions options) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.replica = Objects.requireNonNull(replica, "replica: use primaryOnly(...) when there is none");
        this.options = Objects.requireNonNull(options, "options");
        this.health = new ReplicaHealth(primary, replica, options);
    }

    private ReplicaRouter(DataSource primary) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.replica = null;
        this.options = ReplicaOptions.defaults();
        this.health = null;
    }

    /** A router without a replica: reads and writes on {@code primary}, positions still handed out. */
    public static ReplicaRouter primaryOnly(DataSource primary) {
        return new ReplicaRouter(primary);
    }

    public DataSource primary() {
        return primary;
    }

    public ReplicaOptions options() {
        return options;
    }

    /** Runs {@code work} on the primary. */
    private <T> T onPrimary(ConnectionWork<T> work) {
        try (Connection connection = primary.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataAccessException("transaction on the primary failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs read-only {@code work} on the replica if it is serving and, when {@code after} is given,
     * has replayed through it within {@link ReplicaOptions#maxWait}; otherwise on the primary. If
     * the replica's connection fails during the work, the work runs again on the primary: like any
     * retried unit of work it must only touch the database. The work itself must make its
     * transaction read-only: the router does not see its writes.
     *
     * @param after a position from {@code FleetDatabase.write} (or {@code TrainingDatabase.write}), or null to accept whatever the replica has replayed
     */
    public <T> T read(WalPosition after, ConnectionWork<T> work) {
        if (replica == null || health.current() != ReplicaHealth.State.SERVING) {
            return onPrimary(work);
        }
        Connection connection;
        try {
            connection = replica.getConnection();
        } catch (SQLException e) {
            health.lost(e);
            return onPrimary(work);
        }
        try (connection) {
            if (after == null || hasReplayed(connection, after)) {
                return work.run(connection);
            }
        } catch (SQLException | RuntimeException e) {
            SQLException lost = connectionLoss(e);
            if (lost == null) {
                throw e instanceof RuntimeException r ? r : new DataAccessException("read on the replica failed: " + e.getMessage(), e);
            }
            health.lost(lost);
        }
        return onPrimary(work);
    }

    /** Whether the replica has replayed through {@code target}, polling until {@link ReplicaOptions#maxWait}. */
    private boolean hasReplayed(Connection connection, WalPosition target) throws SQLException {
        long deadline = System.nanoTime() + options.maxWait().toNanos();
        long pauseMillis = 1;
        try (PreparedStatement replayed = connection.prepareStatement("SELECT pg_last_wal_replay_lsn()")) {
            while (true) {
                try (ResultSet row = replayed.executeQuery()) {
                    row.next();
                    String position = row.getString(1);
                    if (position == null) {
                        health.notAStandby();
                        return false;
                    }
                    if (WalPosition.parse(position).isAtOrAfter(target)) {
                        return true;
                    }
                }
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    return false;
                }
                sleep(Math.min(pauseMillis, remainingMillis));
                pauseMillis = Math.min(pauseMillis * 2, 16);
            }
        }
    }

    /**
     * The exception saying the server went away or cannot be reached (SQLSTATE class 08, or an
     * administrator/crash shutdown, or a server still starting), wherever it is wrapped; else null.
     */
    static SQLException connectionLoss(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return sql;
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the replica to replay", e);
        }
    }
}
