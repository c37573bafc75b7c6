package dev.publicsafety.dal.fleet.unit;

import dev.publicsafety.dal.generated.fleet.enums.CrewStatus;
import dev.publicsafety.dal.generated.fleet.tables.records.CrewsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A team of users dispatched together; {@code incidentId} is where it is dispatched to, if anywhere. */
public record Crew(UUID id, UUID orgId, String name, CrewStatus status, List<UUID> memberIds, UUID leaderId,
                   UUID incidentId, OffsetDateTime dispatchedAt, OffsetDateTime shiftStart, OffsetDateTime shiftEnd,
                   OffsetDateTime createdAt, OffsetDateTime updatedAt,
                   OffsetDateTime deletedAt) {

    public Crew {
        memberIds = List.copyOf(memberIds);
    }

    static Crew of(CrewsRecord r) {
        return new Crew(r.getId(), r.getOrgId(), r.getName(), r.getStatus(), List.of(r.getMemberIds()), r.getLeaderId(),
                r.getIncidentId(), r.getDispatchedAt(), r.getShiftStart(), r.getShiftEnd(), r.getCreatedAt(), r.getUpdatedAt(), r.getDeletedAt());
    }
}
