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
 */
public record FleetOptions(int maxAttempts, Duration retryBackoff, Isolation isolation, int webhookFailureThreshold) {

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
    }

    /** 3 attempts, 20 ms backoff, READ COMMITTED, webhooks disabled after 5 consecutive failures. */
    public static FleetOptions defaults() {
        return new FleetOptions(3, Duration.ofMillis(20), Isolation.READ_COMMITTED, 5);
    }

    public FleetOptions withMaxAttempts(int attempts) {
        return new FleetOptions(attempts, retryBackoff, isolation, webhookFailureThreshold);
    }

    public FleetOptions withIsolation(Isolation level) {
        return new FleetOptions(maxAttempts, retryBackoff, level, webhookFailureThreshold);
    }

    public FleetOptions withWebhookFailureThreshold(int threshold) {
        return new FleetOptions(maxAttempts, retryBackoff, isolation, threshold);
    }
}
