package dev.publicsafety.dal.fleet.task;

import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static dev.publicsafety.dal.generated.fleet.Tables.TASKS;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.Workflows;
import dev.publicsafety.dal.fleet.internal.Keyset;
import dev.publicsafety.dal.fleet.internal.KeysetList;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.generated.fleet.tables.records.TasksRecord;
import dev.publicsafety.dal.internal.NamedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.SortOrder;
import org.jooq.impl.DSL;
import org.jooq.types.DayToSecond;

/**
 * Tasks under incidents: assignment, the task workflow ({@link Workflows#TASK}), SLA deadlines and
 * breaches, an assignee's workload. Changes take the version the caller read
 * ({@link ConcurrentUpdateException} otherwise) and are audited.
 */
public final class TaskRepository extends TenantRepository<TasksRecord> {

    private static final Field<DayToSecond> ONE_MILLISECOND = DSL.inline(DayToSecond.valueOf(Duration.ofMillis(1)));

    private static final NamedStatement<Record1<IncidentStatus>> INCIDENT_STATUS = new NamedStatement<>("a live incident's status",
            List.of("id", "org_id"), r -> r.select(INCIDENTS.STATUS).from(INCIDENTS).where(INCIDENTS.ID.eq(DSL.param("id", INCIDENTS.ID)))
                    .and(INCIDENTS.ORG_ID.eq(DSL.param("org_id", INCIDENTS.ORG_ID))).and(INCIDENTS.DELETED_AT.isNull()));

    public TaskRepository(TenantContext context) {
        super(context, TASKS, TASKS.ID, TASKS.ORG_ID, TASKS.DELETED_AT, TASKS.VERSION);
    }

    /** Creates a pending task under a live incident that is not closed or cancelled. */
    public Task create(UUID incidentId, NewTask task) {
        return createRow(null, incidentId, task);
    }

    /**
     * {@link #create(UUID, NewTask)} under {@code id} instead of a generated id: for records brought over from
     * another system with their ids kept ({@code dal import fleet}). An id a row of this organization
     * already has, soft-deleted or not, is a {@code ConflictException} (ids are unique per organization).
     */
    public Task createWithId(UUID id, UUID incidentId, NewTask task) {
        return createRow(requireId(id), incidentId, task);
    }

    private Task createRow(UUID id, UUID incidentId, NewTask task) {
        IncidentStatus status = context.fetchOptional(context.queries().hot(INCIDENT_STATUS), incidentId, context.orgId())
                .map(Record1::value1)
                .orElseThrow(() -> TenantRepository.missing("incidents", incidentId, null));
        if (Workflows.INCIDENT.isFinal(status)) {
            throw new DomainRuleException("incident " + incidentId + " is " + status.getLiteral()
                    + ": tasks can only be created under incidents that are not closed or cancelled");
        }
        TasksRecord values = blank();
        values.setIncidentId(incidentId);
        values.setTitle(task.title());
        values.setDescription(task.description());
        values.setPriority((short) task.priority());
        values.setDueAt(task.dueAt());
        values.setStatus(TaskStatus.PENDING);
        return Task.of(insert(id, values));
    }

    public Optional<Task> findById(UUID id) {
        return fetchLive(id).map(Task::of);
    }

    public Task get(UUID id) {
        return Task.of(requireLive(id));
    }

    /**
     * Assigns the task to an active user of the organization: a pending task becomes assigned; an
     * assigned, in-progress or blocked one is reassigned and keeps its status.
     */
    public Task assign(UUID id, int expectedVersion, UUID assigneeId) {
        TasksRecord before = requireVersion(id, expectedVersion);
        requireActiveUser(assigneeId, "tasks can only be assigned to active users of this organization");
        TaskStatus from = before.getStatus();
        TaskStatus to = from == TaskStatus.PENDING ? TaskStatus.ASSIGNED : from;
        if (from != TaskStatus.PENDING && Workflows.TASK.isFinal(from)) {
            Workflows.TASK.require(id, from, TaskStatus.ASSIGNED);
        }
        return Task.of(updateVersioned(before, expectedVersion, "assign", r -> {
            r.setAssigneeId(assigneeId);
            r.setStatus(to);
        }));
    }

    /** Assigned → pending, without assignee. */
    public Task unassign(UUID id, int expectedVersion) {
        return transition(id, expectedVersion, TaskStatus.PENDING);
    }

    /** Assigned (or blocked) → in progress; stamps {@code started_at} the first time. */
    public Task start(UUID id, int expectedVersion) {
        return transition(id, expectedVersion, TaskStatus.IN_PROGRESS);
    }

    public Task block(UUID id, int expectedVersion) {
        return transition(id, expectedVersion, TaskStatus.BLOCKED);
    }

    public Task complete(UUID id, int expectedVersion) {
        return transition(id, expectedVersion, TaskStatus.COMPLETED);
    }

    public Task cancel(UUID id, int expectedVersion) {
        return transition(id, expectedVersion, TaskStatus.CANCELLED);
    }

    /**
     * Moves the task along its workflow. Use {@link #assign} to move a pending task to assigned (it
     * needs an assignee); moving back to pending removes the assignee.
     */
    public Task transition(UUID id, int expectedVersion, TaskStatus to) {
        TasksRecord before = requireVersion(id, expectedVersion);
        TaskStatus from = before.getStatus();
        Workflows.TASK.require(id, from, to);
        if (to == TaskStatus.ASSIGNED) {
            throw new InvalidInputException("to", "task " + id + ": use assign(id, version, assigneeId) to assign a task");
        }
        return Task.of(updateVersioned(before, expectedVersion, "status:" + to.getLiteral(), r -> {
            r.setStatus(to);
            if (!Workflows.TASK.open().contains(to)) {
                endPause(before, r);
            }
            switch (to) {
                case PENDING -> r.setAssigneeId(null);
                case IN_PROGRESS -> {
                    if (before.getStartedAt() == null) {
                        r.setStartedAt(context.now());
                    }
                }
                case COMPLETED -> r.setCompletedAt(context.now());
                default -> {
                }
            }
        }));
    }

    /**
     * Stops the SLA clock of an open task (e.g. waiting for the caller): the deadline moves by the
     * time until {@link #resumeSla}. Completing or cancelling a paused task ends the pause.
     */
    public Task pauseSla(UUID id, int expectedVersion) {
        TasksRecord before = requireVersion(id, expectedVersion);
        if (!Workflows.TASK.open().contains(before.getStatus())) {
            throw new DomainRuleException("task " + id + " is " + before.getStatus().getLiteral()
                    + ": only open tasks can pause their SLA");
        }
        if (before.getSlaPausedAt() != null) {
            throw new DomainRuleException("task " + id + ": its SLA is already paused since " + before.getSlaPausedAt());
        }
        return Task.of(updateVersioned(before, expectedVersion, "sla_pause", r -> r.setSlaPausedAt(context.now())));
    }

    /** Restarts the SLA clock; the paused time is added to {@code sla_paused_duration_ms}. */
    public Task resumeSla(UUID id, int expectedVersion) {
        TasksRecord before = requireVersion(id, expectedVersion);
        if (before.getSlaPausedAt() == null) {
            throw new DomainRuleException("task " + id + ": its SLA is not paused");
        }
        return Task.of(updateVersioned(before, expectedVersion, "sla_resume", r -> endPause(before, r)));
    }

    /** Sets into {@code changes} what ends the pause of {@code task}, if it is paused. */
    private void endPause(TasksRecord task, TasksRecord changes) {
        if (task.getSlaPausedAt() != null) {
            long paused = Math.max(0, Duration.between(task.getSlaPausedAt(), context.now()).toMillis());
            changes.setSlaPausedDurationMs(task.getSlaPausedDurationMs() + paused);
            changes.setSlaPausedAt(null);
        }
    }

    /** Changes the SLA deadline ({@code null}: none). */
    public Task reschedule(UUID id, int expectedVersion, OffsetDateTime dueAt) {
        TasksRecord before = requireVersion(id, expectedVersion);
        return Task.of(updateVersioned(before, expectedVersion, "reschedule", r -> r.setDueAt(dueAt)));
    }

    public Task setPriority(UUID id, int expectedVersion, int priority) {
        Validate.priority("task", priority);
        TasksRecord before = requireVersion(id, expectedVersion);
        return Task.of(updateVersioned(before, expectedVersion, "set_priority", r -> r.setPriority((short) priority)));
    }

    /** The tasks of an incident, in the order they were created. */
    public Page<Task> forIncident(UUID incidentId, PageRequest page) {
        return Keyset.page(dsl().selectFrom(TASKS).where(live()).and(TASKS.INCIDENT_ID.eq(incidentId)),
                page, "tasks.for_incident:" + incidentId, Task::of, SortOrder.ASC, TASKS.CREATED_AT, TASKS.ID);
    }

    /** Open tasks of an assignee, most urgent first. */
    public Page<Task> openFor(UUID assigneeId, PageRequest page) {
        return OPEN_FOR.page(context, page, "tasks.open_for:" + assigneeId, Task::of, context.orgId(), assigneeId);
    }

    /** {@link #openFor}'s list, rendered once per {@link FleetDatabase}. */
    private static final KeysetList<TasksRecord> OPEN_FOR = new KeysetList<>(
            renderer -> renderer.selectFrom(TASKS).where(TASKS.ORG_ID.eq(DSL.param("org_id", TASKS.ORG_ID)))
            .and(TASKS.DELETED_AT.isNull()).and(TASKS.ASSIGNEE_ID.eq(DSL.param("assignee_id", TASKS.ASSIGNEE_ID)))
            .and(Workflows.TASK.isOpen(TASKS.STATUS)),
            List.of("org_id", "assignee_id"), SortOrder.ASC, TASKS.PRIORITY, TASKS.CREATED_AT, TASKS.ID);

    /**
     * Open tasks whose deadline has passed as of {@code asOf} (SLA breached and still running), the
     * longest overdue first by {@code due_at}; served by the partial index on {@code due_at}. The
     * deadline is {@code due_at} plus the time the SLA was paused, and a paused clock stands still
     * (as {@link Task#isBreached}).
     */
    public Page<Task> breached(OffsetDateTime asOf, PageRequest page) {
        Field<OffsetDateTime> deadline = TASKS.DUE_AT.add(ONE_MILLISECOND.mul(TASKS.SLA_PAUSED_DURATION_MS));
        Field<OffsetDateTime> clock = DSL.least(DSL.coalesce(TASKS.SLA_PAUSED_AT, DSL.val(asOf)), DSL.val(asOf));
        // due_at < asOf is implied (pauses only move the deadline later) and keeps the index usable
        return Keyset.page(dsl().selectFrom(TASKS).where(live()).and(TASKS.COMPLETED_AT.isNull())
                        .and(Workflows.TASK.isOpen(TASKS.STATUS)).and(TASKS.DUE_AT.lt(asOf)).and(deadline.lt(clock)),
                page, "tasks.breached:" + asOf, Task::of, SortOrder.ASC, TASKS.DUE_AT, TASKS.ID);
    }

    /** Open tasks past their deadline now (the transaction's time). */
    public Page<Task> breached(PageRequest page) {
        return breached(context.now(), page);
    }

    /** How many live tasks the assignee has in each status (every status present, zero if none). */
    public Map<TaskStatus, Integer> workload(UUID assigneeId) {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, 0);
        }
        dsl().select(TASKS.STATUS, DSL.count()).from(TASKS).where(live()).and(TASKS.ASSIGNEE_ID.eq(assigneeId))
                .groupBy(TASKS.STATUS)
                .fetch().forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }
}
