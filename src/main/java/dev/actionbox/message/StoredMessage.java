package dev.actionbox.message;

import dev.actionbox.label.MessageRef;

/** The identity of a message as committed, returned by intake. */
public record StoredMessage(String id, String inboxId, String threadId, String contactId,
        String fromAddress, boolean duplicate) {

    public MessageRef ref() {
        return new MessageRef(id, inboxId, threadId, contactId, fromAddress);
    }
}
