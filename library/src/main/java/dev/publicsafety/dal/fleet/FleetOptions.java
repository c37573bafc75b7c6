package dev.publicsafety.dal.fleet;

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
 */
public record FleetOptions(int maxAttempts, Duration retryBackoff, Isolation isolation, int webhookFailureThreshold,
                           Duration partitionUpkeep) {

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
    }

    /**
     * 3 attempts, 20 ms backoff, READ COMMITTED, webhooks disabled after 5 consecutive failures,
     * partitions checked hourly.
     */
    public static FleetOptions defaults() {
        return new FleetOptions(3, Duration.ofMillis(20), Isolation.READ_COMMITTED, 5, Duration.ofHours(1));
    }

    public FleetOptions withMaxAttempts(int attempts) {
        return new FleetOptions(attempts, retryBackoff, isolation, webhookFailureThreshold, partitionUpkeep);
    }

    public FleetOptions withRetryBackoff(Duration backoff) {
        return new FleetOptions(maxAttempts, backoff, isolation, webhookFailureThreshold, partitionUpkeep);
    }

    public FleetOptions withIsolation(Isolation level) {
        return new FleetOptions(maxAttempts, retryBackoff, level, webhookFailureThreshold, partitionUpkeep);
    }

    public FleetOptions withWebhookFailureThreshold(int threshold) {
        return new FleetOptions(maxAttempts, retryBackoff, isolation, threshold, partitionUpkeep);
    }

    public FleetOptions withPartitionUpkeep(Duration interval) {
        return new FleetOptions(maxAttempts, retryBackoff, isolation, webhookFailureThreshold, interval);
    }
}
