package dev.actionbox.delivery;

import java.util.List;
import java.util.Map;

/**
 * A reply to hold for review.
 *
 * @param headers further header fields the reply must carry, e.g. Thread-Index
 */
public record NewDraft(
        String messageId,
        String workflowId,
        List<Map<String, Object>> to,
        String subject,
        String body,
        String inReplyTo,
        List<String> references,
        Map<String, String> headers) {

    public NewDraft {
        to = List.copyOf(to);
        references = List.copyOf(references);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public NewDraft(String messageId, String workflowId, List<Map<String, Object>> to,
            String subject, String body, String inReplyTo, List<String> references) {
        this(messageId, workflowId, to, subject, body, inReplyTo, references, Map.of());
    }
}
