package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.generated.fleet.tables.records.TasksRecord;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An action item under an incident, with an assignee and an SLA deadline ({@code dueAt}). */
public record Task(UUID id, UUID orgId, UUID incidentId, String title, String description, TaskStatus status,
                   int priority, UUID assigneeId, OffsetDateTime dueAt, OffsetDateTime startedAt,
                   OffsetDateTime completedAt, int version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                   OffsetDateTime deletedAt) {

    /**
     * Whether the SLA is breached as of {@code asOf}: completed after its deadline, or still open
     * past it. Cancelled tasks and tasks without a deadline never breach.
     */
    public boolean isBreached(OffsetDateTime asOf) {
        if (dueAt == null || status == TaskStatus.CANCELLED) {
            return false;
        }
        return completedAt != null ? completedAt.isAfter(dueAt) : asOf.isAfter(dueAt);
    }

    static Task of(TasksRecord r) {
        return new Task(r.getId(), r.getOrgId(), r.getIncidentId(), r.getTitle(), r.getDescription(), r.getStatus(),
                r.getPriority(), r.getAssigneeId(), r.getDueAt(), r.getStartedAt(), r.getCompletedAt(), r.getVersion(),
                r.getCreatedAt(), r.getUpdatedAt(), r.getDeletedAt());
    }
}
