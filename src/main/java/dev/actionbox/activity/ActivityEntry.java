package dev.actionbox.activity;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step to record in the feed. Build with {@link #of(String, String)} and the with-methods.
 *
 * @param type e.g. {@code task.created}
 * @param resourceId the id of the thing the step made or changed
 * @param summary one human sentence
 * @param actor {@code system}, {@code workflow:wf_...} or {@code token:tok_...}
 */
public record ActivityEntry(
        String type,
        String resourceId,
        String summary,
        String actor,
        String inboxId,
        String contactId,
        String contactAddress,
        String messageId,
        String taskId,
        String threadId,
        String workflowId,
        List<String> participants,
        Map<String, Object> metadata) {

    public ActivityEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(summary, "summary");
        actor = actor == null ? "system" : actor;
        participants = participants == null ? List.of() : List.copyOf(participants);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static ActivityEntry of(String type, String resourceId, String summary) {
        return new ActivityEntry(type, resourceId, summary, null, null, null, null, null, null,
                null, null, null, null);
    }

    public ActivityEntry actor(String value) {
        return new ActivityEntry(type, resourceId, summary, value, inboxId, contactId,
                contactAddress, messageId, taskId, threadId, workflowId, participants, metadata);
    }

    public ActivityEntry contact(String id, String address) {
        return new ActivityEntry(type, resourceId, summary, actor, inboxId, id, address,
                messageId, taskId, threadId, workflowId, participants, metadata);
    }

    /** Ties the entry to a message, its inbox and thread. */
    public ActivityEntry message(String inbox, String message, String thread) {
        return new ActivityEntry(type, resourceId, summary, actor, inbox, contactId,
                contactAddress, message, taskId, thread, workflowId, participants, metadata);
    }

    public ActivityEntry task(String id) {
        return new ActivityEntry(type, resourceId, summary, actor, inboxId, contactId,
                contactAddress, messageId, id, threadId, workflowId, participants, metadata);
    }

    public ActivityEntry workflow(String id) {
        return new ActivityEntry(type, resourceId, summary, actor, inboxId, contactId,
                contactAddress, messageId, taskId, threadId, id, participants, metadata);
    }

    public ActivityEntry participants(List<String> value) {
        return new ActivityEntry(type, resourceId, summary, actor, inboxId, contactId,
                contactAddress, messageId, taskId, threadId, workflowId, value, metadata);
    }

    public ActivityEntry metadata(Map<String, Object> value) {
        return new ActivityEntry(type, resourceId, summary, actor, inboxId, contactId,
                contactAddress, messageId, taskId, threadId, workflowId, participants, value);
    }
}
