package dev.actionbox.delivery;

import java.util.List;
import java.util.Map;

/** A reply to hold for review. */
public record NewDraft(
        String messageId,
        String workflowId,
        List<Map<String, Object>> to,
        String subject,
        String body,
        String inReplyTo,
        List<String> references) {

    public NewDraft {
        to = List.copyOf(to);
        references = List.copyOf(references);
    }
}
