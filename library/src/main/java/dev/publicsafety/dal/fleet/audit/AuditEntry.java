package dev.publicsafety.dal.fleet.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.generated.fleet.tables.records.AuditLogsRecord;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of the audit trail: who did what to which entity, with the entity's state before and
 * after as JSON ({@code null} before a create and after a purge), and the request it came from
 * (IP address as PostgreSQL prints it, correlation id), if the actor carried them.
 */
public record AuditEntry(UUID id, UUID orgId, UUID actorId, String actor, String action, String entityType,
                         UUID entityId, JsonNode beforeState, JsonNode afterState, OffsetDateTime occurredAt,
                         String ipAddress, String correlationId) {

    static AuditEntry of(AuditLogsRecord r) {
        return new AuditEntry(r.getId(), r.getOrgId(), r.getActorId(), r.getActor(), r.getAction(), r.getEntityType(),
                r.getEntityId(), r.getBeforeState() == null ? null : Json.tree(r.getBeforeState()),
                r.getAfterState() == null ? null : Json.tree(r.getAfterState()), r.getOccurredAt(),
                r.getIpAddress() == null ? null : r.getIpAddress().toString(), r.getCorrelationId());
    }
}
