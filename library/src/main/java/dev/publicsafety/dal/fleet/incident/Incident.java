package dev.publicsafety.dal.fleet.incident;

import dev.publicsafety.dal.fleet.Workflows;
import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.tables.records.IncidentsRecord;
import dev.publicsafety.dal.geo.Location;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An emergency being handled. {@code version} is the optimistic lock: pass it back to every update;
 * {@code closedAt} is set when the incident reaches a final status (closed or cancelled);
 * {@code acknowledgedAt} when a user first took it on, {@code assignedTo} is who is responsible.
 */
public record Incident(UUID id, UUID orgId, String number, String title, String description, String type,
                       IncidentStatus status, int priority, Location location, List<String> tags, UUID reportedBy,
                       OffsetDateTime reportedAt, OffsetDateTime dispatchedAt, OffsetDateTime onSceneAt,
                       OffsetDateTime resolvedAt, OffsetDateTime closedAt, UUID assignedTo, OffsetDateTime acknowledgedAt,
                       Map<String, Object> metadata, int version,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime deletedAt) {

    public Incident {
        tags = List.copyOf(tags);
    }

    public boolean isOpen() {
        return Workflows.INCIDENT.open().contains(status);
    }

    static Incident of(IncidentsRecord r) {
        return new Incident(r.getId(), r.getOrgId(), r.getIncidentNumber(), r.getTitle(), r.getDescription(),
                r.getIncidentType(), r.getStatus(), r.getPriority(), r.getLocation(), List.of(r.getTags()),
                r.getReportedBy(), r.getReportedAt(), r.getDispatchedAt(), r.getOnSceneAt(), r.getResolvedAt(),
                r.getClosedAt(), r.getAssignedTo(), r.getAcknowledgedAt(), Json.toMap(r.getMetadata()), r.getVersion(), r.getCreatedAt(), r.getUpdatedAt(),
                r.getDeletedAt());
    }
}
