package dev.actionbox.workflow;

import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.label.MessageRef;
import java.util.Map;

/**
 * What a write needs to know about the run it belongs to.
 *
 * @param message the message the event is about; its fields are null for events without one
 */
record WriteContext(Workflow workflow, String eventId, int depth, MessageRef message,
        Map<String, Object> payload) {

    /** An activity entry tied to this run's workflow, message and sender. */
    ActivityEntry entry(String type, String resourceId, String summary) {
        return ActivityEntry.of(type, resourceId, summary)
                .actor(workflow.actor())
                .workflow(workflow.id())
                .message(message.inboxId(), message.id(), message.threadId())
                .contact(message.contactId(), message.fromAddress());
    }
}
