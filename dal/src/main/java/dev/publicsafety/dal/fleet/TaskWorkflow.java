package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.enums.TaskStatus.ASSIGNED;
import static dev.publicsafety.dal.generated.fleet.enums.TaskStatus.BLOCKED;
import static dev.publicsafety.dal.generated.fleet.enums.TaskStatus.CANCELLED;
import static dev.publicsafety.dal.generated.fleet.enums.TaskStatus.COMPLETED;
import static dev.publicsafety.dal.generated.fleet.enums.TaskStatus.IN_PROGRESS;
import static dev.publicsafety.dal.generated.fleet.enums.TaskStatus.PENDING;

import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The legal status transitions of a task:
 *
 * <pre>
 * pending      → assigned | cancelled                (assigning sets the assignee)
 * assigned     → in_progress | pending | cancelled   (pending = unassigned)
 * in_progress  → blocked | completed | cancelled
 * blocked      → in_progress | cancelled
 * completed, cancelled: final
 * </pre>
 *
 * Reassigning an assigned, in-progress or blocked task changes the assignee and keeps the status.
 */
public final class TaskWorkflow {

    private static final Map<TaskStatus, Set<TaskStatus>> ALLOWED = new EnumMap<>(TaskStatus.class);

    static {
        ALLOWED.put(PENDING, EnumSet.of(ASSIGNED, CANCELLED));
        ALLOWED.put(ASSIGNED, EnumSet.of(IN_PROGRESS, PENDING, CANCELLED));
        ALLOWED.put(IN_PROGRESS, EnumSet.of(BLOCKED, COMPLETED, CANCELLED));
        ALLOWED.put(BLOCKED, EnumSet.of(IN_PROGRESS, CANCELLED));
        ALLOWED.put(COMPLETED, EnumSet.noneOf(TaskStatus.class));
        ALLOWED.put(CANCELLED, EnumSet.noneOf(TaskStatus.class));
    }

    /** Statuses of work not finished yet. */
    public static final Set<TaskStatus> OPEN = Set.copyOf(EnumSet.of(PENDING, ASSIGNED, IN_PROGRESS, BLOCKED));

    private TaskWorkflow() {
    }

    public static Set<TaskStatus> allowedFrom(TaskStatus from) {
        return Set.copyOf(ALLOWED.get(from));
    }

    public static boolean isAllowed(TaskStatus from, TaskStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    public static boolean isFinal(TaskStatus status) {
        return ALLOWED.get(status).isEmpty();
    }

    static void require(UUID taskId, TaskStatus from, TaskStatus to) {
        if (!isAllowed(from, to)) {
            throw new IllegalStateTransitionException("task", taskId, from, to, ALLOWED.get(from));
        }
    }
}
