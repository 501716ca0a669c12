package dev.actionbox.task;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task to create, from the API or from a workflow write.
 *
 * @param context the label entities the task carries, as the API shows them
 * @param requesterAddress who asked, so a reply from them can reopen a waiting task
 */
public record NewTask(
        String summary,
        String description,
        String status,
        String priority,
        String owner,
        Long dueAt,
        Long followUpAt,
        List<String> labels,
        List<Map<String, Object>> context,
        String sourceMessageId,
        String sourceThreadId,
        String sourceWorkflowId,
        String requesterAddress) {

    public NewTask {
        Objects.requireNonNull(summary, "summary");
        status = status == null ? "open" : status;
        priority = priority == null ? "normal" : priority;
        labels = labels == null ? List.of() : List.copyOf(labels);
        context = context == null ? List.of() : List.copyOf(context);
    }
}
