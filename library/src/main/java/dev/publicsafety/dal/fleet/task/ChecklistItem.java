package dev.publicsafety.dal.fleet.task;

import dev.publicsafety.dal.generated.fleet.tables.records.TaskChecklistsRecord;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One item of a task's checklist; {@code position} is its 0-based place in the list. */
public record ChecklistItem(UUID id, UUID orgId, UUID taskId, int position, String label, boolean completed,
                            OffsetDateTime completedAt, UUID completedBy, OffsetDateTime createdAt,
                            OffsetDateTime updatedAt, OffsetDateTime deletedAt) {

    static ChecklistItem of(TaskChecklistsRecord r) {
        return new ChecklistItem(r.getId(), r.getOrgId(), r.getTaskId(), r.getPosition(), r.getLabel(), r.getIsCompleted(),
                r.getCompletedAt(), r.getCompletedBy(), r.getCreatedAt(), r.getUpdatedAt(), r.getDeletedAt());
    }
}
