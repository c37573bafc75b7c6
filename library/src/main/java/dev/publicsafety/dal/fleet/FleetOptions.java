package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.Instrumentation;
import dev.publicsafety.dal.internal.UnitBounds;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;

/**
 * Tuning of a {@link FleetDatabase}.
 *
 * @param maxAttempts               how often a unit of work is run when it fails with a serialization
 *                                  failure (SQLSTATE 40001) or a deadlock (40P01); 1 disables retrying
 * @param retryBackoff              base pause before a retry; attempt n waits up to n times this, with jitter
 * @param isolation                 isolation level of every transaction; READ_COMMITTED (the default)
 *                                  is PostgreSQL's own default and is not set per transaction, so a
 *                                  pool configured with another default level keeps it
 * @param webhookFailureThreshold   consecutive delivery failures after which a webhook is disabled
 * @param partitionUpkeep           how often the database makes sure the monthly partitions of
 *                                  transmissions and audit logs reach three months ahead (fleet V8:
 *                                  before the first unit of work, then before the first one after
 *                                  each interval); {@link Duration#ZERO} leaves it to
 *                                  {@code dal partitions create}
 * @param lockTimeout               how long a unit of work waits for a lock another transaction holds
 *                                  ({@code lock_timeout}) before it fails with a
 *                                  {@link dev.publicsafety.dal.error.WaitTimeoutException}: one
 *                                  organization's long lock cannot hold up the others for longer
 * @param statementTimeout          how long one statement of a unit of work may run
 *                                  ({@code statement_timeout}), likewise
 * @param instrumentation           what the database reports of its units of work and statements
 *                                  (observations, the slow-unit log); {@link Instrumentation#off()} by default
 */
public record FleetOptions(int maxAttempts, Duration retryBackoff, Isolation isolation, int webhookFailureThreshold,
                           Duration partitionUpkeep, Duration lockTimeout, Duration statementTimeout,
                           Instrumentation instrumentation) {

    /** Transaction isolation levels PostgreSQL implements. */
    public enum Isolation {
        READ_COMMITTED("read committed"),
        REPEATABLE_READ("repeatable read"),
        SERIALIZABLE("serializable");

        /** As {@code SET TRANSACTION ISOLATION LEVEL} takes it. */
        final String sql;

        Isolation(String sql) {
            this.sql = sql;
        }
    }

    public FleetOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must be zero or positive");
        }
        if (isolation == null) {
            throw new IllegalArgumentException("isolation is required");
        }
        if (webhookFailureThreshold < 1) {
            throw new IllegalArgumentException("webhookFailureThreshold must be at least 1, was " + webhookFailureThreshold);
        }
        if (partitionUpkeep == null || partitionUpkeep.isNegative()) {
            throw new IllegalArgumentException("partitionUpkeep must be zero (off) or positive");
        }
        UnitBounds.requirePositive(lockTimeout, "lockTimeout");
        UnitBounds.requirePositive(statementTimeout, "statementTimeout");
        if (instrumentation == null) {
            throw new IllegalArgumentException("instrumentation is required (Instrumentation.off() for none)");
        }
    }

    /**
     * 3 attempts, 20 ms backoff, READ COMMITTED, webhooks disabled after 5 consecutive failures,
     * partitions checked hourly, a 2 s lock timeout, a 30 s statement timeout, and no instrumentation.
     */
    public static FleetOptions defaults() {
        return new FleetOptions(3, Duration.ofMillis(20), Isolation.READ_COMMITTED, 5, Duration.ofHours(1),
                Duration.ofSeconds(2), Duration.ofSeconds(30), Instrumentation.off());
    }

    public FleetOptions withMaxAttempts(int attempts) {
        return new FleetOptions(attempts, retryBackoff, isolation, webhookFailureThreshold, partitionUpkeep, lockTimeout, statementTimeout,
                instrumentation);
    }

    public FleetOptions withRetryBackoff(Duration backoff) {
        return new FleetOptions(maxAttempts, backoff, isolation, webhookFailureThreshold, partitionUpkeep, lockTimeout, statementTimeout,
                instrumentation);
    }

    public FleetOptions withIsolation(Isolation level) {
        return new FleetOptions(maxAttempts, retryBackoff, level, webhookFailureThreshold, partitionUpkeep, lockTimeout, statementTimeout,
                instrumentation);
    }

    public FleetOptions withWebhookFailureThreshold(int threshold) {
        return new FleetOptions(maxAttempts, retryBackoff, isolation, threshold, partitionUpkeep, lockTimeout, statementTimeout,
                instrumentation);
    }

    public FleetOptions withPartitionUpkeep(Duration interval) {
        return new FleetOptions(maxAttempts, retryBackoff, isolation, webhookFailureThreshold, interval, lockTimeout, statementTimeout,
                instrumentation);
    }

    public FleetOptions withLockTimeout(Duration timeout) {
        return new FleetOptions(maxAttempts, retryBackoff, isolation, webhookFailureThreshold, partitionUpkeep, timeout, statementTimeout,
                instrumentation);
    }

    public FleetOptions withStatementTimeout(Duration timeout) {
        return new FleetOptions(maxAttempts, retryBackoff, isolation, webhookFailureThreshold, partitionUpkeep, lockTimeout, timeout,
                instrumentation);
    }

    public FleetOptions withInstrumentation(Instrumentation reporting) {
        return new FleetOptions(maxAttempts, retryBackoff, isolation, webhookFailureThreshold, partitionUpkeep, lockTimeout, statementTimeout,
                reporting);
    }

    /** These options observing every unit of work and statement in {@code registry} (the slow-unit log as it was). */
    public FleetOptions withObservationRegistry(ObservationRegistry registry) {
        return withInstrumentation(instrumentation.withObservationRegistry(registry));
    }
}
