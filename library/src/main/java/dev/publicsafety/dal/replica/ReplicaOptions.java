package dev.publicsafety.dal.replica;

import java.time.Duration;

/**
 * Tuning of a {@link ReplicaRouter}.
 *
 * @param maxWait             how long a read that presents a {@link WalPosition} waits for the replica to
 *                            replay that far before it runs on the primary instead
 * @param maxLagBytes         a replica more than this many bytes of WAL behind the primary gets no reads
 * @param healthCheckInterval how often the router asks the replica whether it is up and how far behind
 *                            it is (and, while it is down, whether it is back); zero checks before every read
 */
public record ReplicaOptions(Duration maxWait, long maxLagBytes, Duration healthCheckInterval) {

    public ReplicaOptions {
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must be zero or positive");
        }
        if (maxLagBytes < 0) {
            throw new IllegalArgumentException("maxLagBytes must be zero or positive, was " + maxLagBytes);
        }
        if (healthCheckInterval == null || healthCheckInterval.isNegative()) {
            throw new IllegalArgumentException("healthCheckInterval must be zero or positive");
        }
    }

    /** Wait up to 200 ms for the replica, 16 MiB (one WAL segment) of lag at most, a health check every second. */
    public static ReplicaOptions defaults() {
        return new ReplicaOptions(Duration.ofMillis(200), 16L << 20, Duration.ofSeconds(1));
    }

    public ReplicaOptions withMaxWait(Duration wait) {
        return new ReplicaOptions(wait, maxLagBytes, healthCheckInterval);
    }

    public ReplicaOptions withMaxLagBytes(long bytes) {
        return new ReplicaOptions(maxWait, bytes, healthCheckInterval);
    }

    public ReplicaOptions withHealthCheckInterval(Duration interval) {
        return new ReplicaOptions(maxWait, maxLagBytes, interval);
    }
}
