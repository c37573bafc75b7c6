package dev.publicsafety.dal.training;

import java.time.Duration;

/**
 * Tuning of a {@link TrainingDatabase}. Transactions run at the connection's isolation level (READ
 * COMMITTED unless the pool or the server says otherwise): nothing in the training domain needs
 * more, and asking for it would cost a round trip per transaction.
 *
 * @param maxAttempts  how often a unit of work is run when it fails with a serialization failure
 *                     (SQLSTATE 40001) or a deadlock (40P01); 1 disables retrying
 * @param retryBackoff base pause before a retry; attempt n waits up to n times this, with jitter
 */
public record TrainingOptions(int maxAttempts, Duration retryBackoff) {

    public TrainingOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must be zero or positive");
        }
    }

    /** 3 attempts, 20 ms backoff. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(3, Duration.ofMillis(20));
    }

    public TrainingOptions withMaxAttempts(int attempts) {
        return new TrainingOptions(attempts, retryBackoff);
    }
}
