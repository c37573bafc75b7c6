package dev.publicsafety.dal.training;

import dev.publicsafety.dal.generated.training.enums.CallSessionStatus;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One training call. {@code endedAt} and {@code durationMs} are null while it is active. */
public record CallSession(UUID id, String operatorId, UUID scenarioId, OffsetDateTime startedAt, OffsetDateTime endedAt,
                          Long durationMs, CallSessionStatus status) {

    public boolean isActive() {
        return status == CallSessionStatus.ACTIVE;
    }
}
