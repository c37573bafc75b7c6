package dev.publicsafety.dal.fleet;

import static java.util.Map.entry;

import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import java.util.EnumSet;
import java.util.Map;

/** The incident and task workflows: which status may follow which. */
public final class Workflows {

    /**
     * <pre>
     * new         → dispatched | cancelled
     * dispatched  → on_scene   | cancelled
     * on_scene    → resolved
     * resolved    → closed     | on_scene   (reopen)
     * closed, cancelled: final
     * </pre>
     */
    public static final StatusWorkflow<IncidentStatus> INCIDENT = new StatusWorkflow<>("incident", IncidentStatus.class, Map.ofEntries(
            entry(IncidentStatus.NEW, EnumSet.of(IncidentStatus.DISPATCHED, IncidentStatus.CANCELLED)),
            entry(IncidentStatus.DISPATCHED, EnumSet.of(IncidentStatus.ON_SCENE, IncidentStatus.CANCELLED)),
            entry(IncidentStatus.ON_SCENE, EnumSet.of(IncidentStatus.RESOLVED)),
            entry(IncidentStatus.RESOLVED, EnumSet.of(IncidentStatus.CLOSED, IncidentStatus.ON_SCENE))),
            EnumSet.of(IncidentStatus.NEW, IncidentStatus.DISPATCHED, IncidentStatus.ON_SCENE));

    /**
     * <pre>
     * pending      → assigned | cancelled                (assigning sets the assignee)
     * assigned     → in_progress | pending | cancelled   (pending = unassigned)
     * in_progress  → blocked | completed | cancelled
     * blocked      → in_progress | cancelled
     * completed, cancelled: final
     * </pre>
     * Reassigning an assigned, in-progress or blocked task changes the assignee and keeps the status.
     */
    public static final StatusWorkflow<TaskStatus> TASK = new StatusWorkflow<>("task", TaskStatus.class, Map.ofEntries(
            entry(TaskStatus.PENDING, EnumSet.of(TaskStatus.ASSIGNED, TaskStatus.CANCELLED)),
            entry(TaskStatus.ASSIGNED, EnumSet.of(TaskStatus.IN_PROGRESS, TaskStatus.PENDING, TaskStatus.CANCELLED)),
            entry(TaskStatus.IN_PROGRESS, EnumSet.of(TaskStatus.BLOCKED, TaskStatus.COMPLETED, TaskStatus.CANCELLED)),
            entry(TaskStatus.BLOCKED, EnumSet.of(TaskStatus.IN_PROGRESS, TaskStatus.CANCELLED))),
            EnumSet.of(TaskStatus.PENDING, TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, TaskStatus.BLOCKED));

    private Workflows() {
    }
}
