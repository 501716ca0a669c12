package dev.actionbox.message;

import dev.actionbox.label.MessageRef;

/**
 * What intake did with a message for one inbox.
 *
 * @param id the message's id; for an ignored message null
 * @param outcome stored new, found as a duplicate of {@code id}, or ignored
 * @param reason why it was ignored, or for a message stored raw why it could not be parsed;
 *        else null
 */
public record StoredMessage(String id, String inboxId, String threadId, String contactId,
        String fromAddress, Outcome outcome, String reason) {

    /** What intake did. */
    public enum Outcome { STORED, DUPLICATE, IGNORED }

    static StoredMessage ignored(String inboxId, String reason) {
        return new StoredMessage(null, inboxId, null, null, null, Outcome.IGNORED, reason);
    }

    public boolean duplicate() {
        return outcome == Outcome.DUPLICATE;
    }

    public boolean ignored() {
        return outcome == Outcome.IGNORED;
    }

    public MessageRef ref() {
        return new MessageRef(id, inboxId, threadId, contactId, fromAddress);
    }
}
