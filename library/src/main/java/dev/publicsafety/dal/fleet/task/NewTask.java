package dev.publicsafety.dal.fleet.task;

import dev.publicsafety.dal.fleet.internal.Validate;
import java.time.OffsetDateTime;

/** What it takes to create a task; {@code dueAt} (the SLA deadline) is optional. */
public record NewTask(String title, String description, int priority, OffsetDateTime dueAt) {

    public NewTask {
        Validate.text("task title", title, 300);
        Validate.priority("task", priority);
    }

    public static NewTask of(String title, int priority, OffsetDateTime dueAt) {
        return new NewTask(title, null, priority, dueAt);
    }
}
