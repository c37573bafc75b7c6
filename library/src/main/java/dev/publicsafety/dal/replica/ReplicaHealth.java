package dev.publicsafety.dal.replica;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the replica gets reads: up, a standby, and no more than {@link ReplicaOptions#maxLagBytes}
 * behind the primary. Checked by the reading thread at most once per
 * {@link ReplicaOptions#healthCheckInterval} (one thread checks, the others use the last verdict), and
 * logged once per change of verdict, never per read.
 */
final class ReplicaHealth {

    /** The verdict. */
    enum State {
        SERVING, DOWN, BEHIND, NOT_A_STANDBY
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRouter.class);

    private final DataSource primary;
    private final DataSource replica;
    private final ReplicaOptions options;
    private final AtomicReference<State> state = new AtomicReference<>();
    private final ReentrantLock checking = new ReentrantLock();
    private volatile long checkedAt;
    private volatile boolean checkedOnce;

    ReplicaHealth(DataSource primary, DataSource replica, ReplicaOptions options) {
        this.primary = primary;
        this.replica = replica;
        this.options = options;
    }

    /** The verdict, checked again first if it is older than the interval and no other thread is at it. */
    State current() {
        if ((!checkedOnce || System.nanoTime() - checkedAt >= options.healthCheckInterval().toNanos()) && checking.tryLock()) {
            try {
                check();
            } finally {
                checkedAt = System.nanoTime();
                checkedOnce = true;
                checking.unlock();
            }
        }
        State verdict = state.get();
        return verdict == null ? State.DOWN : verdict; // another thread is checking for the first time
    }

    /** A read found the replica unreachable: no reads there until a check finds it back. */
    void lost(SQLException cause) {
        checkedAt = System.nanoTime();
        become(State.DOWN, "connection failed: " + cause.getMessage());
    }

    /** A read found the replica out of recovery. */
    void notAStandby() {
        checkedAt = System.nanoTime();
        become(State.NOT_A_STANDBY, "pg_is_in_recovery() is false: promoted, or not a standby");
    }

    private void check() {
        WalPosition replayed;
        try (Connection connection = replica.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()")) {
            row.next();
            if (!row.getBoolean(1)) {
                notAStandby();
                return;
            }
            if (row.getString(2) == null) {
                become(State.BEHIND, "it has not replayed any WAL yet");
                return;
            }
            replayed = WalPosition.parse(row.getString(2));
        } catch (SQLException e) {
            lost(e);
            return;
        }
        WalPosition written;
        try (Connection connection = primary.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_current_wal_lsn()")) {
            row.next();
            written = WalPosition.parse(row.getString(1));
        } catch (SQLException e) {
            // the lag cannot be measured without the primary, and its readers fail anyway: keep the verdict
            LOG.debug("cannot measure the replica's lag, the primary did not answer: {}", e.getMessage());
            return;
        }
        long lag = written.bytesAfter(replayed);
        if (lag > options.maxLagBytes()) {
            become(State.BEHIND, lag + " bytes of WAL behind the primary (limit " + options.maxLagBytes() + ")");
        } else {
            become(State.SERVING, lag + " bytes of WAL behind the primary");
        }
    }

    private void become(State next, String why) {
        State previous = state.getAndSet(next);
        if (previous == next) {
            return;
        }
        if (next == State.SERVING) {
            LOG.info("read replica serves reads{} ({})", previous == null ? "" : " again", why);
        } else {
            LOG.warn("read replica {}: {}; reads go to the primary until it recovers", describe(next), why);
        }
    }

    private static String describe(State state) {
        return switch (state) {
            case DOWN -> "is down";
            case BEHIND -> "is too far behind";
            case NOT_A_STANDBY -> "is not a standby";
            case SERVING -> "serves";
        };
    }
}
