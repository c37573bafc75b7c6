package dev.publicsafety.dal.entry;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the Sync messages pgjdbc sends from the current thread, from its own protocol log: each
 * is a flight whose answer the driver waits for. {@link RoundTripCounter} sees the JDBC calls; this
 * sees what the driver makes of them, such as one call split into two flights (pgjdbc sends a Sync
 * before a statement it has described whose rows have no bounded size).
 */
final class DriverSyncCounter implements AutoCloseable {

    private static final Logger PROTOCOL = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

    private final Thread thread = Thread.currentThread();
    private final AtomicInteger syncs = new AtomicInteger();
    private final Level previousLevel = PROTOCOL.getLevel();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // a handler runs on the thread that logs
            if (Thread.currentThread() == thread && " FE=> Sync".equals(record.getMessage())) {
                syncs.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    DriverSyncCounter() {
        handler.setLevel(Level.FINEST);
        PROTOCOL.addHandler(handler);
        PROTOCOL.setLevel(Level.FINEST);
    }

    /** The Syncs sent since the counter was made. */
    int syncs() {
        return syncs.get();
    }

    @Override
    public void close() {
        PROTOCOL.removeHandler(handler);
        PROTOCOL.setLevel(previousLevel);
    }
}
