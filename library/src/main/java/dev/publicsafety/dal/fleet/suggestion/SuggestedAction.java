package dev.publicsafety.dal.fleet.suggestion;

import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.generated.fleet.enums.OperationMode;
import dev.publicsafety.dal.generated.fleet.enums.SuggestionKind;
import dev.publicsafety.dal.generated.fleet.enums.SuggestionStatus;
import dev.publicsafety.dal.generated.fleet.tables.records.SuggestedActionsRecord;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A proposed action and where it is in its life: recorded (monitor_only), pending, rejected or
 * expired (hitl), executed (approved in hitl, or at once in autonomous_assist) and reverted.
 * {@code resultEntityType}/{@code resultEntityId} name the row the execution created or changed.
 */
public record SuggestedAction(UUID id, UUID orgId, SuggestionKind kind, SuggestionStatus status, OperationMode proposedInMode,
                              String proposedBy, Map<String, Object> parameters, UUID incidentId, UUID transmissionId,
                              UUID policyId, Double confidence, String rationale, OffsetDateTime expiresAt, UUID decidedBy,
                              OffsetDateTime decidedAt, String decisionReason, OffsetDateTime executedAt,
                              String resultEntityType, UUID resultEntityId, Map<String, Object> revertState, UUID revertedBy,
                              OffsetDateTime revertedAt, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                              OffsetDateTime deletedAt) {

    static SuggestedAction of(SuggestedActionsRecord r) {
        return new SuggestedAction(r.getId(), r.getOrgId(), r.getKind(), r.getStatus(), r.getProposedInMode(), r.getProposedBy(),
                Json.toMap(r.getParameters()), r.getIncidentId(), r.getTransmissionId(), r.getPolicyId(), r.getConfidence(),
                r.getRationale(), r.getExpiresAt(), r.getDecidedBy(), r.getDecidedAt(), r.getDecisionReason(), r.getExecutedAt(),
                r.getResultEntityType(), r.getResultEntityId(), r.getRevertState() == null ? null : Json.toMap(r.getRevertState()),
                r.getRevertedBy(), r.getRevertedAt(), r.getCreatedAt(), r.getUpdatedAt(), r.getDeletedAt());
    }
}
