package dev.actionbox.label;

/** The few facts about a message that labelling and activity need. */
public record MessageRef(String id, String inboxId, String threadId, String contactId,
        String fromAddress) {
}
