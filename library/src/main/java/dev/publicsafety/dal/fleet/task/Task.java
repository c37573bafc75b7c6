package dev.publicsafety.dal.fleet.task;

import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.generated.fleet.tables.records.TasksRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An action item under an incident, with an assignee and an SLA deadline ({@code dueAt}). */
public record Task(UUID id, UUID orgId, UUID incidentId, String title, String description, TaskStatus status,
                   int priority, UUID assigneeId, OffsetDateTime dueAt, OffsetDateTime startedAt,
                   OffsetDateTime completedAt, OffsetDateTime slaPausedAt, long slaPausedDurationMs, int version,
                   OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime deletedAt) {

    /**
     * Whether the SLA is breached as of {@code asOf}: completed after its deadline, or still open
     * past it. The deadline is {@code dueAt} moved by the time the SLA clock was paused, and a paused
     * clock does not run (a task paused before its deadline does not breach while paused).
     * Cancelled tasks and tasks without a deadline never breach.
     */
    public boolean isBreached(OffsetDateTime asOf) {
        if (dueAt == null || status == TaskStatus.CANCELLED) {
            return false;
        }
        OffsetDateTime deadline = dueAt.plus(Duration.ofMillis(slaPausedDurationMs));
        if (completedAt != null) {
            return completedAt.isAfter(deadline);
        }
        OffsetDateTime clock = slaPausedAt != null && slaPausedAt.isBefore(asOf) ? slaPausedAt : asOf;
        return clock.isAfter(deadline);
    }

    public boolean isSlaPaused() {
        return slaPausedAt != null;
    }

    static Task of(TasksRecord r) {
        return new Task(r.getId(), r.getOrgId(), r.getIncidentId(), r.getTitle(), r.getDescription(), r.getStatus(),
                r.getPriority(), r.getAssigneeId(), r.getDueAt(), r.getStartedAt(), r.getCompletedAt(), r.getSlaPausedAt(),
                r.getSlaPausedDurationMs(), r.getVersion(),
                r.getCreatedAt(), r.getUpdatedAt(), r.getDeletedAt());
    }
}
