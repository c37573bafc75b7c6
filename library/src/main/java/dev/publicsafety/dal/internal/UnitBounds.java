package dev.publicsafety.dal.internal;

import dev.publicsafety.dal.error.WaitTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of every unit of work: how long it waits for a lock and how long one of its statements
 * may run. Set with {@code set_config(…, true)} (transaction-local, like {@code SET LOCAL}) as
 * columns of the transaction's first statement, so they cost no statement and no round trip of
 * their own; a timeout becomes one {@link WaitTimeoutException} naming the wait. Internal: not
 * part of the library's API.
 *
 * @param owner the options type that configures them, named in the message (FleetOptions, TrainingOptions)
 */
public record UnitBounds(Duration lockTimeout, Duration statementTimeout, String owner) {

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";

    public UnitBounds {
        requirePositive(lockTimeout, "lockTimeout");
        requirePositive(statementTimeout, "statementTimeout");
        Objects.requireNonNull(owner, "owner");
    }

    /** Checks an option: a bound of at least one millisecond (PostgreSQL's unit; zero would mean no bound). */
    public static void requirePositive(Duration timeout, String name) {
        if (timeout == null || timeout.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 ms: every wait has a bound");
        }
    }

    /** The select-list items setting both bounds for the rest of the transaction; they return the values set. */
    public String selectItems() {
        return "set_config('lock_timeout', '" + lockTimeout.toMillis() + "ms', true), set_config('statement_timeout', '"
                + statementTimeout.toMillis() + "ms', true)";
    }

    /** A lock or statement timeout, wherever it is wrapped, as one {@link WaitTimeoutException}; anything else as it is. */
    RuntimeException explain(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                if (LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                    return new WaitTimeoutException("gave up waiting " + describe(lockTimeout) + " for a lock another"
                            + " transaction holds (lock_timeout, " + owner + ".lockTimeout); nothing was written", failure);
                }
                if (QUERY_CANCELED.equals(sql.getSQLState()) && String.valueOf(sql.getMessage()).contains("statement timeout")) {
                    return new WaitTimeoutException("a statement ran longer than " + describe(statementTimeout)
                            + " (statement_timeout, " + owner + ".statementTimeout); nothing was written", failure);
                }
            }
        }
        return failure;
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
