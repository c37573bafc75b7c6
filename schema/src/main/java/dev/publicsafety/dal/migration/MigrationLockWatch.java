package dev.publicsafety.dal.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Says, in one line, that a migration is waiting on one of Flyway's silent retries: for the migration
 * lock (naming who holds it), or repeating the creation of its history table. Flyway retries a held
 * lock once a second (up to {@link #RETRIES} times per lock it takes,
 * and a migrate takes it twice), so without this note an operator sees nothing for minutes: another
 * {@code dal migrate}, or a session whose unlock a statement timeout cancelled, holds it.
 */
final class MigrationLockWatch {

    /** Flyway's lock retry count, each one second apart: its default, kept so slow concurrent migrations still queue. */
    static final int RETRIES = 50;

    /** Flyway's advisory lock number is this plus the hash of the quoted history table name. */
    private static final long FLYWAY_LOCK_BASE = 77431708279161L;

    private static final Duration FIRST_LOOK = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final Consumer<String> note;

    MigrationLockWatch(DataSource dataSource, Consumer<String> note) {
        this.dataSource = dataSource;
        this.note = note;
    }

    /** Runs {@code action} (a Flyway call on {@code domain}); while it runs, says once if another session holds the lock. */
    <T> T during(Domain domain, Supplier<T> action) {
        ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dal-migration-lock-watch");
            thread.setDaemon(true);
            return thread;
        });
        Thread migrating = Thread.currentThread();
        java.util.Set<String> said = java.util.concurrent.ConcurrentHashMap.newKeySet();
        looker.scheduleWithFixedDelay(() -> {
            String retrying = retrying(migrating);
            if (retrying != null && said.add(retrying)) {
                note.accept(describe(retrying, domain));
            }
        }, FIRST_LOOK.toMillis(), FIRST_LOOK.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return action.get();
        } finally {
            looker.shutdownNow();
        }
    }

    /**
     * The Flyway class pausing between two attempts, or null: seen on the waiting thread's stack
     * (a sleep called from Flyway), not guessed. Flyway says nothing of these retries below debug.
     */
    private static String retrying(Thread thread) {
        StackTraceElement[] frames = thread.getStackTrace();
        for (int i = 0; i + 1 < frames.length; i++) {
            if (frames[i].getClassName().equals("java.lang.Thread") && frames[i].getMethodName().equals("sleep")) {
                String caller = frames[i + 1].getClassName();
                return caller.startsWith("org.flywaydb.") ? caller : null;
            }
        }
        return null;
    }

    private String describe(String retrying, Domain domain) {
        if (retrying.endsWith(".RetryStrategy")) {
            String holder = holder(domain);
            return "waiting for the migration lock of " + domain.schema() + ", held by "
                    + (holder == null ? "another session" : holder) + "; retrying each second, giving up after " + RETRIES + " s";
        }
        if (retrying.contains(".schemahistory.")) {
            return "creating " + domain.schema() + "." + domain.historyTable() + " failed (a statement or lock timeout in the"
                    + " URL's options?); Flyway retries it each second, up to 10 times, each after taking the migration lock";
        }
        return "Flyway is retrying a step on " + domain.schema() + " each second";
    }

    /** The session holding {@code domain}'s lock, or null if none is seen. */
    private String holder(Domain domain) {
        long key = FLYWAY_LOCK_BASE + ("\"" + domain.schema() + "\".\"" + domain.historyTable() + "\"").hashCode();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT a.pid, coalesce(nullif(a.application_name, ''), 'no application name'), a.state
                       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                      WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database
                                                                                      WHERE datname = current_database())
                        AND l.classid = ((? >> 32) & 4294967295)::bigint::oid AND l.objid = (? & 4294967295)::bigint::oid
                        AND l.objsubid = 1
                      LIMIT 1""")) {
            statement.setLong(1, key);
            statement.setLong(2, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? "session " + rs.getInt(1) + " (" + rs.getString(2) + ", " + rs.getString(3) + ")" : null;
            }
        } catch (SQLException unavailable) {
            return null; // the watch only informs: a failed look changes nothing about the migration
        }
    }
}
