package dev.publicsafety.dal.fleet.task;

import static dev.publicsafety.dal.generated.fleet.Tables.TASKS;
import static dev.publicsafety.dal.generated.fleet.Tables.TASK_CHECKLISTS;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.generated.fleet.tables.records.TaskChecklistsRecord;
import dev.publicsafety.dal.internal.NamedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Record1;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * Ordered checklist items of a task. A task's checklist is short and read whole, so
 * {@link #items} returns a list rather than pages. Adding and reordering lock the task's row, so
 * concurrent editors of one checklist take turns instead of colliding on positions.
 */
public final class ChecklistRepository extends TenantRepository<TaskChecklistsRecord> {

    private static final NamedStatement<Record1<UUID>> LOCK_TASK = new NamedStatement<>("the task's lock", List.of("id", "org_id"),
            r -> r.select(TASKS.ID).from(TASKS).where(TASKS.ID.eq(DSL.param("id", TASKS.ID)))
                    .and(TASKS.ORG_ID.eq(DSL.param("org_id", TASKS.ORG_ID))).and(TASKS.DELETED_AT.isNull())
                    .forNoKeyUpdate());
    private static final NamedStatement<Record1<Integer>> LAST_POSITION = new NamedStatement<>("the checklist's last position",
            List.of("task_id", "org_id"), r -> r.select(DSL.max(TASK_CHECKLISTS.POSITION)).from(TASK_CHECKLISTS)
                    .where(TASK_CHECKLISTS.TASK_ID.eq(DSL.param("task_id", TASK_CHECKLISTS.TASK_ID)))
                    .and(TASK_CHECKLISTS.ORG_ID.eq(DSL.param("org_id", TASK_CHECKLISTS.ORG_ID))));

    public ChecklistRepository(TenantContext context) {
        super(context, TASK_CHECKLISTS, TASK_CHECKLISTS.ID, TASK_CHECKLISTS.ORG_ID, TASK_CHECKLISTS.DELETED_AT, null);
    }

    /** Appends an item at the end of the task's checklist. */
    public ChecklistItem add(UUID taskId, String label) {
        Validate.text("checklist item label", label, 500);
        lockTask(taskId);
        Integer last = context.fetchSingle(context.queries().hot(LAST_POSITION), taskId, context.orgId()).value1();
        TaskChecklistsRecord values = blank();
        values.setTaskId(taskId);
        values.setLabel(label);
        values.setPosition(last == null ? 0 : last + 1);
        return ChecklistItem.of(insert(values));
    }

    /** The live items of a task, in order. */
    public List<ChecklistItem> items(UUID taskId) {
        return dsl().selectFrom(TASK_CHECKLISTS).where(live()).and(TASK_CHECKLISTS.TASK_ID.eq(taskId))
                .orderBy(TASK_CHECKLISTS.POSITION).fetch(ChecklistItem::of);
    }

    public ChecklistItem get(UUID itemId) {
        return ChecklistItem.of(requireLive(itemId));
    }

    /** Ticks the item off, recording when and by whom (the actor's user, if any); no-op if already done. */
    public ChecklistItem complete(UUID itemId) {
        TaskChecklistsRecord before = lockLive(itemId);
        if (before.getIsCompleted()) {
            return ChecklistItem.of(before);
        }
        return ChecklistItem.of(applyLocked(before, "complete", r -> {
            r.setIsCompleted(true);
            r.setCompletedAt(context.now());
            r.setCompletedBy(context.actor().userId());
        }));
    }

    /** Un-ticks the item; no-op if it is not done. */
    public ChecklistItem reopen(UUID itemId) {
        TaskChecklistsRecord before = lockLive(itemId);
        if (!before.getIsCompleted()) {
            return ChecklistItem.of(before);
        }
        return ChecklistItem.of(applyLocked(before, "reopen", r -> {
            r.setIsCompleted(false);
            r.setCompletedAt(null);
            r.setCompletedBy(null);
        }));
    }

    public ChecklistItem relabel(UUID itemId, String label) {
        Validate.text("checklist item label", label, 500);
        return ChecklistItem.of(updateLocked(itemId, "relabel", r -> r.setLabel(label)));
    }

    /**
     * Puts the task's live items in the given order. {@code orderedItemIds} must name every live
     * item of the task exactly once. One UPDATE moves them all: the unique {@code (task_id, position)}
     * constraint is deferrable, so it is checked once the statement is done, not row by row.
     * Soft-deleted items keep their relative order after the live ones.
     */
    public List<ChecklistItem> reorder(UUID taskId, List<UUID> orderedItemIds) {
        lockTask(taskId);
        Result<TaskChecklistsRecord> all = dsl().selectFrom(TASK_CHECKLISTS)
                .where(TASK_CHECKLISTS.TASK_ID.eq(taskId)).and(inOrganization())
                .orderBy(TASK_CHECKLISTS.POSITION).forUpdate().fetch();
        Set<UUID> live = new LinkedHashSet<>();
        List<UUID> deleted = new ArrayList<>();
        for (TaskChecklistsRecord item : all) {
            (item.getDeletedAt() == null ? live : deleted).add(item.getId());
        }
        Set<UUID> requested = new HashSet<>(orderedItemIds);
        if (requested.size() != orderedItemIds.size() || !requested.equals(live)) {
            Set<UUID> missing = new LinkedHashSet<>(live);
            missing.removeAll(requested);
            Set<UUID> unknown = new LinkedHashSet<>(orderedItemIds);
            unknown.removeAll(live);
            throw new InvalidInputException("itemIds", "reorder of task " + taskId + "'s checklist must list each of its "
                    + live.size() + " live items exactly once" + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (unknown.isEmpty() ? "" : "; not live items of this task " + unknown)
                    + (requested.size() != orderedItemIds.size() ? "; an item is listed twice" : ""));
        }
        Map<UUID, Integer> positions = new HashMap<>();
        for (UUID id : orderedItemIds) {
            positions.put(id, positions.size());
        }
        for (UUID id : deleted) {
            positions.put(id, positions.size());
        }
        Map<UUID, TaskChecklistsRecord> before = new HashMap<>();
        all.forEach(item -> before.put(item.getId(), item));
        Set<UUID> moved = new HashSet<>();
        positions.forEach((id, position) -> {
            if (before.get(id).getPosition() != position.intValue()) {
                moved.add(id);
            }
        });
        if (!moved.isEmpty()) {
            Map<UUID, Integer> changes = new HashMap<>();
            moved.forEach(id -> changes.put(id, positions.get(id)));
            Result<TaskChecklistsRecord> after = dsl().update(TASK_CHECKLISTS)
                    .set(TASK_CHECKLISTS.POSITION, DSL.case_(TASK_CHECKLISTS.ID).mapValues(changes).otherwise(TASK_CHECKLISTS.POSITION))
                    .where(TASK_CHECKLISTS.ID.in(moved)).and(inOrganization())
                    .returning().fetch();
            for (TaskChecklistsRecord row : after) {
                context.audit().record("reorder", entityType(), row.getId(), before.get(row.getId()), row);
            }
        }
        return items(taskId);
    }

    public ChecklistProgress progress(UUID taskId) {
        var row = dsl().select(DSL.count().filterWhere(TASK_CHECKLISTS.IS_COMPLETED), DSL.count())
                .from(TASK_CHECKLISTS).where(live()).and(TASK_CHECKLISTS.TASK_ID.eq(taskId))
                .fetchSingle();
        return new ChecklistProgress(row.value1(), row.value2());
    }

    private void lockTask(UUID taskId) {
        context.fetchOptional(context.queries().hot(LOCK_TASK), taskId, context.orgId())
                .orElseThrow(() -> TenantRepository.missing("tasks", taskId, null));
    }
}
