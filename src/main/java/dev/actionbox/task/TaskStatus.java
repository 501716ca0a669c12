package dev.actionbox.task;

import java.util.List;

/** The values a task's status and priority may take. */
public final class TaskStatus {

    public static final List<String> STATUSES =
            List.of("open", "in_progress", "waiting", "done", "cancelled");
    public static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");

    private TaskStatus() {
    }

    /** Done and cancelled tasks take no more mail; a new message starts a new task. */
    public static boolean isClosed(String status) {
        return "done".equals(status) || "cancelled".equals(status);
    }
}
