package dev.publicsafety.dal.fleet.task;

/** How much of a task's checklist is done. */
public record ChecklistProgress(int completed, int total) {

    public boolean isDone() {
        return completed == total;
    }
}
