package dev.actionbox.activity;

/**
 * Filters of the activity feed; null means "any".
 *
 * @param since epoch millis, inclusive
 * @param before an event id: only events older than it (the cursor)
 */
public record ActivityFilter(
        String contactId,
        String address,
        String messageId,
        String taskId,
        String threadId,
        String workflowId,
        String type,
        Long since,
        String before,
        int limit) {
}
