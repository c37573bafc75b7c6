package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.audit.AuditEntry;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.fleet.task.ChecklistItem;
import dev.publicsafety.dal.fleet.task.ChecklistProgress;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.task.Task;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class ChecklistRepositoryTest {

    private static FleetDatabase fleet;
    private static UUID org;
    private static Tenant acting;
    private static Incident incident;
    private static User crewMember;

    @BeforeAll
    static void setUp(Tenant tenant) {
        fleet = tenant.fleet();
        org = tenant.id();
        incident = FleetTestSupport.incident(fleet, org, "CL-INC", 2);
        crewMember = FleetTestSupport.user(fleet, org, "crew-1", "responder");
        acting = tenant.as(Actor.user(crewMember.id(), "crew-1"));
    }


    private static Task taskWith(String... labels) {
        return acting.inTransaction(t -> {
            Task task = t.tasks().create(incident.id(), NewTask.of("Checklist task", 3, null));
            for (String label : labels) {
                t.checklists().add(task.id(), label);
            }
            return task;
        });
    }

    @Test
    void shouldAppendItemsInOrder() {
        Task task = taskWith("Isolate power", "Check gas", "Confirm clear");
        List<ChecklistItem> items = acting.inTransaction(t -> t.checklists().items(task.id()));
        assertEquals(List.of("Isolate power", "Check gas", "Confirm clear"), items.stream().map(ChecklistItem::label).toList());
        assertEquals(List.of(0, 1, 2), items.stream().map(ChecklistItem::position).toList());
    }

    @Test
    void shouldCompleteAndReopenItemsRecordingWhoAndWhen() {
        Task task = taskWith("Wear breathing apparatus");
        ChecklistItem item = acting.inTransaction(t -> t.checklists().items(task.id())).get(0);
        ChecklistItem done = acting.inTransaction(t -> t.checklists().complete(item.id()));
        assertTrue(done.completed());
        assertNotNull(done.completedAt());
        assertEquals(crewMember.id(), done.completedBy());
        assertEquals(new ChecklistProgress(1, 1), acting.inTransaction(t -> t.checklists().progress(task.id())));
        ChecklistItem reopened = acting.inTransaction(t -> t.checklists().reopen(item.id()));
        assertFalse(reopened.completed());
        assertNull(reopened.completedBy());
        assertEquals(new ChecklistProgress(0, 1), acting.inTransaction(t -> t.checklists().progress(task.id())));
    }

    @Test
    void shouldReorderItemsInOneStatementSwappingPositions() {
        Task task = taskWith("a", "b", "c", "d");
        List<ChecklistItem> items = acting.inTransaction(t -> t.checklists().items(task.id()));
        List<UUID> reversed = List.of(items.get(3).id(), items.get(2).id(), items.get(1).id(), items.get(0).id());
        List<ChecklistItem> reordered = acting.inTransaction(t -> t.checklists().reorder(task.id(), reversed));
        assertEquals(List.of("d", "c", "b", "a"), reordered.stream().map(ChecklistItem::label).toList());
        assertEquals(List.of(0, 1, 2, 3), reordered.stream().map(ChecklistItem::position).toList());
    }

    @Test
    void shouldKeepDeletedItemsOutOfTheWayWhenReordering() {
        Task task = taskWith("first", "second", "third");
        List<ChecklistItem> items = acting.inTransaction(t -> t.checklists().items(task.id()));
        fleet.execute(org, Actor.service("test"), t -> t.checklists().softDelete(items.get(0).id()));
        List<ChecklistItem> reordered = acting.inTransaction(t -> t.checklists().reorder(task.id(), List.of(items.get(2).id(), items.get(1).id())));
        assertEquals(List.of("third", "second"), reordered.stream().map(ChecklistItem::label).toList());
        ChecklistItem added = acting.inTransaction(t -> t.checklists().add(task.id(), "fourth"));
        assertEquals(3, added.position(), "after the deleted item, which moved behind the live ones");
        fleet.execute(org, Actor.service("test"), t -> t.checklists().restore(items.get(0).id()));
        assertEquals(List.of("third", "second", "first", "fourth"),
                acting.inTransaction(t -> t.checklists().items(task.id())).stream().map(ChecklistItem::label).toList());
    }

    @Test
    void shouldRejectAReorderThatDoesNotListEachItemOnce() {
        Task task = taskWith("x", "y");
        List<ChecklistItem> items = acting.inTransaction(t -> t.checklists().items(task.id()));
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> acting.inTransaction(t -> t.checklists().reorder(task.id(), List.of(items.get(0).id()))));
        assertTrue(missing.getMessage().contains("missing [" + items.get(1).id() + "]"), missing.getMessage());
        UUID stranger = UUID.randomUUID();
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> acting.inTransaction(t -> t.checklists().reorder(task.id(), List.of(items.get(0).id(), items.get(1).id(), stranger))));
        assertTrue(unknown.getMessage().contains("not live items of this task [" + stranger + "]"), unknown.getMessage());
        assertThrows(InvalidInputException.class,
                () -> acting.inTransaction(t -> t.checklists().reorder(task.id(), List.of(items.get(0).id(), items.get(0).id()))));
        assertEquals(List.of("x", "y"), acting.inTransaction(t -> t.checklists().items(task.id())).stream().map(ChecklistItem::label).toList());
    }

    @Test
    void shouldAuditEachMovedItem() {
        Task task = taskWith("one", "two");
        List<ChecklistItem> items = acting.inTransaction(t -> t.checklists().items(task.id()));
        acting.inTransaction(t -> t.checklists().reorder(task.id(), List.of(items.get(1).id(), items.get(0).id())));
        List<AuditEntry> history = acting.inTransaction(t -> t.auditLogs().forEntity("task_checklists", items.get(0).id(), PageRequest.first(10)).items());
        assertEquals(List.of("create", "reorder"), history.stream().map(AuditEntry::action).toList());
        assertEquals(0, history.get(1).beforeState().get("position").asInt());
        assertEquals(1, history.get(1).afterState().get("position").asInt());
    }

    @Test
    void shouldRelabelAndRejectEmptyLabels() {
        Task task = taskWith("tyop");
        ChecklistItem item = acting.inTransaction(t -> t.checklists().items(task.id())).get(0);
        assertEquals("typo", acting.inTransaction(t -> t.checklists().relabel(item.id(), "typo")).label());
        assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.checklists().add(task.id(), " ")));
    }
}
