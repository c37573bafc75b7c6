package dev.publicsafety.dal.fleet;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the monthly partitions of transmissions and audit logs ahead from the application side:
 * before a {@link FleetDatabase}'s first unit of work, and then before the first one after each
 * interval, it calls {@code fleet.keep_partitions_ahead()} (fleet V8, run as the owner), which
 * creates whatever months are missing up to three after the current one and is a catalog read
 * otherwise. Any other unit of work meanwhile costs one clock read.
 *
 * <p>It never fails a unit of work: a database below fleet V8, a role without EXECUTE, or a lock
 * not granted within the function's second is logged once as a warning and tried again after
 * {@link #RETRY} (or the interval, if shorter). Writes do not depend on it: a row past the last
 * month goes to the default partition, and the next successful call moves it into its month.
 */
final class PartitionUpkeep {

    static final Duration RETRY = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(PartitionUpkeep.class);

    private final DSLContext dsl;
    private final Duration interval;
    private final Clock clock;
    /** When the next call is due; null before the first. */
    private final AtomicReference<Instant> due = new AtomicReference<>();
    private volatile String lastFailure;

    PartitionUpkeep(DSLContext dsl, Duration interval, Clock clock) {
        this.dsl = dsl;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * Calls the function when due, on a connection of its own outside the caller's transaction; a
     * unit of work that finds another thread calling it goes on without waiting.
     */
    void runIfDue() {
        if (interval.isZero()) {
            return;
        }
        Instant now = clock.instant();
        Instant next = due.get();
        if ((next == null || !now.isBefore(next)) && due.compareAndSet(next, now.plus(interval))) {
            keepAhead(now);
        }
    }

    private void keepAhead(Instant now) {
        try {
            OffsetDateTime horizon = dsl.select(DSL.function(DSL.name("fleet", "keep_partitions_ahead"), OffsetDateTime.class))
                    .fetchSingle().value1();
            if (lastFailure != null) {
                LOG.info("fleet partition upkeep works again: monthly partitions until {}", horizon);
                lastFailure = null;
            }
        } catch (RuntimeException e) { // whatever the configuration translates SQL errors into
            Instant retry = now.plus(RETRY.compareTo(interval) < 0 ? RETRY : interval);
            due.set(retry);
            String failure = reason(e);
            if (!failure.equals(lastFailure)) {
                LOG.warn("fleet partition upkeep failed ({}); trying again in {} s; writes still succeed (rows past the"
                        + " last month go to the default partition), and 'dal partitions create' run as the owner does the same",
                        failure, Duration.between(now, retry).toSeconds());
                lastFailure = failure;
            }
        }
    }

    private static String reason(RuntimeException e) {
        String state = "";
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
                break;
            }
        }
        return switch (state) {
            case "42883" -> "fleet.keep_partitions_ahead() does not exist: migrate fleet to version 8 or later (dal migrate)";
            case "42501" -> "this role may not execute fleet.keep_partitions_ahead(): run dal grant-app-role as the owner";
            case "55P03" -> "a lock on a partitioned table was not granted within 1 s";
            default -> "SQLSTATE " + state + ": " + firstLine(e.getMessage());
        };
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
