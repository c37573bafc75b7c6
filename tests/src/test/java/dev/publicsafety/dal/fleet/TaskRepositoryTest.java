package dev.publicsafety.dal.fleet;

import static dev.publicsafety.dal.generated.fleet.enums.TaskStatus.ASSIGNED;
import static dev.publicsafety.dal.generated.fleet.enums.TaskStatus.BLOCKED;
import static dev.publicsafety.dal.generated.fleet.enums.TaskStatus.CANCELLED;
import static dev.publicsafety.dal.generated.fleet.enums.TaskStatus.COMPLETED;
import static dev.publicsafety.dal.generated.fleet.enums.TaskStatus.IN_PROGRESS;
import static dev.publicsafety.dal.generated.fleet.enums.TaskStatus.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.IllegalTransitionException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.task.Task;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class TaskRepositoryTest {

    private static final Actor SUPERVISOR = Actor.service("supervisor-console");

    private static FleetDatabase fleet;
    private static UUID org;
    private static Tenant acting;
    private static Incident incident;
    private static User responder;

    @BeforeAll
    static void setUp(Tenant tenant) {
        fleet = tenant.fleet();
        org = tenant.id();
        acting = tenant.as(SUPERVISOR);
        incident = FleetTestSupport.incident(fleet, org, "T-INC", 1);
        responder = FleetTestSupport.user(fleet, org, "responder-1", "responder");
    }


    private static Task newTask(String title, OffsetDateTime due) {
        return acting.inTransaction(t -> t.tasks().create(incident.id(), new NewTask(title, "details", 2, due)));
    }

    @Test
    void shouldCreateAPendingTaskUnderAnIncident() {
        OffsetDateTime due = OffsetDateTime.parse("2025-06-01T10:00:00Z");
        Task task = newTask("Close the road", due);
        assertEquals(PENDING, task.status());
        assertEquals(incident.id(), task.incidentId());
        assertEquals(due.toInstant(), task.dueAt().toInstant());
        assertEquals(1, task.version());
        assertNull(task.assigneeId());
    }

    @Test
    void shouldAssignStartAndCompleteATask() {
        Task task = newTask("Search the building", null);
        Task assigned = acting.inTransaction(t -> t.tasks().assign(task.id(), task.version(), responder.id()));
        assertEquals(ASSIGNED, assigned.status());
        assertEquals(responder.id(), assigned.assigneeId());
        Task started = acting.inTransaction(t -> t.tasks().start(assigned.id(), assigned.version()));
        assertEquals(IN_PROGRESS, started.status());
        assertNotNull(started.startedAt());
        Task blocked = acting.inTransaction(t -> t.tasks().block(started.id(), started.version()));
        Task resumed = acting.inTransaction(t -> t.tasks().start(blocked.id(), blocked.version()));
        assertEquals(started.startedAt(), resumed.startedAt(), "resuming keeps the first start time");
        Task completed = acting.inTransaction(t -> t.tasks().complete(resumed.id(), resumed.version()));
        assertEquals(COMPLETED, completed.status());
        assertNotNull(completed.completedAt());
        assertEquals(6, completed.version());
    }

    @Test
    void shouldReassignWithoutChangingTheStatusAndUnassignBackToPending() {
        User other = FleetTestSupport.user(fleet, org, "responder-2", "responder");
        Task task = newTask("Ventilate", null);
        Task started = acting.inTransaction(t -> {
            Task a = t.tasks().assign(task.id(), task.version(), responder.id());
            return t.tasks().start(a.id(), a.version());
        });
        Task reassigned = acting.inTransaction(t -> t.tasks().assign(started.id(), started.version(), other.id()));
        assertEquals(IN_PROGRESS, reassigned.status());
        assertEquals(other.id(), reassigned.assigneeId());

        Task second = newTask("Second", null);
        Task assigned = acting.inTransaction(t -> t.tasks().assign(second.id(), second.version(), responder.id()));
        Task unassigned = acting.inTransaction(t -> t.tasks().unassign(assigned.id(), assigned.version()));
        assertEquals(PENDING, unassigned.status());
        assertNull(unassigned.assigneeId());
    }

    @Test
    void shouldRejectIllegalTaskTransitionsClearly() {
        Task task = newTask("Illegal", null);
        IllegalTransitionException failure = assertThrows(IllegalTransitionException.class,
                () -> acting.inTransaction(t -> t.tasks().complete(task.id(), task.version())));
        assertTrue(failure.getMessage().startsWith("task " + task.id() + " cannot go from pending to completed; allowed from pending: "),
                failure.getMessage());
        Task cancelled = acting.inTransaction(t -> t.tasks().cancel(task.id(), task.version()));
        assertThrows(IllegalTransitionException.class,
                () -> acting.inTransaction(t -> t.tasks().assign(cancelled.id(), cancelled.version(), responder.id())));
        Map<TaskStatus, Set<TaskStatus>> expected = Map.of(
                PENDING, Set.of(ASSIGNED, CANCELLED),
                ASSIGNED, Set.of(IN_PROGRESS, PENDING, CANCELLED),
                IN_PROGRESS, Set.of(BLOCKED, COMPLETED, CANCELLED),
                BLOCKED, Set.of(IN_PROGRESS, CANCELLED),
                COMPLETED, Set.of(),
                CANCELLED, Set.of());
        for (TaskStatus from : TaskStatus.values()) {
            assertEquals(expected.get(from), Workflows.TASK.allowedFrom(from), "from " + from);
        }
    }

    @Test
    void shouldNotAssignToAnInactiveUser() {
        User retired = FleetTestSupport.user(fleet, org, "retired-1", "responder");
        fleet.execute(org, SUPERVISOR, t -> t.users().deactivate(retired.id()));
        Task task = newTask("For the retired", null);
        assertThrows(NotFoundException.class, () -> acting.inTransaction(t -> t.tasks().assign(task.id(), task.version(), retired.id())));
    }

    @Test
    void shouldNotCreateTasksUnderAClosedOrCancelledIncident() {
        Incident done = FleetTestSupport.incident(fleet, org, "T-DONE", 3);
        fleet.execute(org, SUPERVISOR, t -> t.incidents().cancel(done.id(), done.version()));
        DomainRuleException failure = assertThrows(DomainRuleException.class,
                () -> acting.inTransaction(t -> t.tasks().create(done.id(), NewTask.of("Too late", 3, null))));
        assertTrue(failure.getMessage().contains("cancelled"), failure.getMessage());
    }

    @Test
    void shouldFindBreachedTasksAndTellBreachesApart() {
        Incident sla = FleetTestSupport.incident(fleet, org, "T-SLA", 2);
        OffsetDateTime now = OffsetDateTime.parse("2025-06-01T12:00:00Z");
        acting.inTransaction(t -> {
            t.tasks().create(sla.id(), NewTask.of("overdue 2h", 1, now.minusHours(2)));
            t.tasks().create(sla.id(), NewTask.of("overdue 1h", 1, now.minusHours(1)));
            t.tasks().create(sla.id(), NewTask.of("due later", 1, now.plusHours(1)));
            t.tasks().create(sla.id(), NewTask.of("no deadline", 1, null));
            Task cancelled = t.tasks().create(sla.id(), NewTask.of("cancelled overdue", 1, now.minusHours(3)));
            t.tasks().cancel(cancelled.id(), cancelled.version());
            return null;
        });
        List<Task> breached = acting.inTransaction(t -> t.tasks().breached(now, PageRequest.first(10)).items()).stream()
                .filter(task -> task.incidentId().equals(sla.id())).toList();
        assertEquals(List.of("overdue 2h", "overdue 1h"), breached.stream().map(Task::title).toList());
        assertTrue(breached.get(0).isBreached(now));
        Task later = acting.inTransaction(t -> t.tasks().forIncident(sla.id(), PageRequest.first(10)).items()).stream()
                .filter(task -> task.title().equals("due later")).findFirst().orElseThrow();
        assertFalse(later.isBreached(now));
        assertTrue(later.isBreached(now.plusHours(2)));
    }

    @Test
    void shouldCountAnAssigneesWorkloadByStatus() {
        User busy = FleetTestSupport.user(fleet, org, "busy-1", "responder");
        acting.inTransaction(t -> {
            for (int i = 0; i < 3; i++) {
                Task task = t.tasks().create(incident.id(), NewTask.of("work " + i, 3, null));
                Task assigned = t.tasks().assign(task.id(), task.version(), busy.id());
                if (i == 0) {
                    t.tasks().start(assigned.id(), assigned.version());
                }
            }
            return null;
        });
        Map<TaskStatus, Integer> workload = acting.inTransaction(t -> t.tasks().workload(busy.id()));
        assertEquals(2, workload.get(ASSIGNED));
        assertEquals(1, workload.get(IN_PROGRESS));
        assertEquals(0, workload.get(COMPLETED));
        assertEquals(3, acting.inTransaction(t -> t.tasks().openFor(busy.id(), PageRequest.first(10))).items().size());
    }

    @Test
    void shouldRescheduleAndReprioritise() {
        Task task = newTask("Reschedule", null);
        OffsetDateTime due = OffsetDateTime.parse("2025-07-01T00:00:00Z");
        Task changed = acting.inTransaction(t -> {
            Task r = t.tasks().reschedule(task.id(), task.version(), due);
            return t.tasks().setPriority(r.id(), r.version(), 1);
        });
        assertEquals(due.toInstant(), changed.dueAt().toInstant());
        assertEquals(1, changed.priority());
        assertEquals(3, changed.version());
    }

    @Test
    void shouldHideASoftDeletedTask() {
        Task task = newTask("Deleted", null);
        fleet.execute(org, SUPERVISOR, t -> t.tasks().softDelete(task.id()));
        assertTrue(acting.inTransaction(t -> t.tasks().findById(task.id())).isEmpty());
        assertTrue(acting.inTransaction(t -> t.tasks().forIncident(incident.id(), PageRequest.first(100))).items().stream()
                .noneMatch(x -> x.id().equals(task.id())));
    }
}
