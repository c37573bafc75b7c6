package dev.publicsafety.dal.training;

import dev.publicsafety.dal.Instrumentation;
import dev.publicsafety.dal.internal.UnitBounds;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;

/**
 * Tuning of a {@link TrainingDatabase}. Transactions run at the connection's isolation level (READ
 * COMMITTED unless the pool or the server says otherwise): nothing in the training domain needs
 * more, and asking for it would cost a round trip per transaction.
 *
 * @param maxAttempts  how often a unit of work is run when it fails with a serialization failure
 *                     (SQLSTATE 40001) or a deadlock (40P01); 1 disables retrying
 * @param retryBackoff base pause before a retry; attempt n waits up to n times this, with jitter
 * @param lockTimeout  how long a unit of work waits for a lock another transaction holds
 *                     ({@code lock_timeout}) before it fails with a
 *                     {@link dev.publicsafety.dal.error.WaitTimeoutException}
 * @param statementTimeout how long one statement of a unit of work may run ({@code statement_timeout}), likewise
 * @param instrumentation  what the database reports of its units of work and statements (observations,
 *                         the slow-unit log); {@link Instrumentation#off()} by default
 */
public record TrainingOptions(int maxAttempts, Duration retryBackoff, Duration lockTimeout, Duration statementTimeout,
                              Instrumentation instrumentation) {

    public TrainingOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must be zero or positive");
        }
        UnitBounds.requirePositive(lockTimeout, "lockTimeout");
        UnitBounds.requirePositive(statementTimeout, "statementTimeout");
        if (instrumentation == null) {
            throw new IllegalArgumentException("instrumentation is required (Instrumentation.off() for none)");
        }
    }

    /** 3 attempts, 20 ms backoff, a 2 s lock timeout, a 30 s statement timeout, and no instrumentation. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(3, Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(30), Instrumentation.off());
    }

    public TrainingOptions withMaxAttempts(int attempts) {
        return new TrainingOptions(attempts, retryBackoff, lockTimeout, statementTimeout, instrumentation);
    }

    public TrainingOptions withLockTimeout(Duration timeout) {
        return new TrainingOptions(maxAttempts, retryBackoff, timeout, statementTimeout, instrumentation);
    }

    public TrainingOptions withStatementTimeout(Duration timeout) {
        return new TrainingOptions(maxAttempts, retryBackoff, lockTimeout, timeout, instrumentation);
    }

    public TrainingOptions withInstrumentation(Instrumentation reporting) {
        return new TrainingOptions(maxAttempts, retryBackoff, lockTimeout, statementTimeout, reporting);
    }

    /** These options observing every unit of work and statement in {@code registry} (the slow-unit log as it was). */
    public TrainingOptions withObservationRegistry(ObservationRegistry registry) {
        return withInstrumentation(instrumentation.withObservationRegistry(registry));
    }
}
