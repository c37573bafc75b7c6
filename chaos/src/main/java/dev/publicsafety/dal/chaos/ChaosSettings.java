package dev.publicsafety.dal.chaos;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A chaos run's shape: faults of each {@link FaultKind}, client processes, the seed of every random
 * choice (which fault when, which client), the time the faults are spread over, and where the run
 * keeps its server, settings and acknowledgement files ({@code null}: a temporary directory,
 * deleted afterwards).
 */
public record ChaosSettings(int faultsPerKind, int clients, long seed, Duration duration, Path directory) {

    public ChaosSettings {
        if (faultsPerKind < 0 || clients < 2 || duration.isNegative()) {
            throw new IllegalArgumentException("a chaos run needs faults-per-kind >= 0, clients >= 2 (to check isolation between them)"
                    + " and a duration >= 0; got " + faultsPerKind + ", " + clients + ", " + duration);
        }
    }
}
