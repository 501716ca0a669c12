package dev.actionbox.workflow;

import dev.actionbox.context.ContextService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** What a task made from mail gets when the write's map does not say otherwise. */
final class TaskDefaults {

    private static final int MAX_SUMMARY = 200;

    private TaskDefaults() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> from(Handle h, Map<String, Object> payload, WriteSpec write) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> message = (Map<String, Object>) payload.get("message");
        if (message != null) {
            String text = visibleOrFull(message);
            fields.put("summary", WriteExecutor.summaryFrom((String) message.get("subject"),
                    text));
            fields.put("description", text);
            List<String> labels = (List<String>) message.get("labels");
            fields.put("labels", labels);
            fields.put("priority", priorityFromContext(h, labels));
        }
        Map<String, Object> contact = (Map<String, Object>) payload.get("contact");
        if (contact != null && contact.get("owner") != null) {
            fields.put("owner", contact.get("owner"));
        }
        for (String field : List.of("status", "priority", "owner")) {
            if (write.targetText(field) != null) {
                fields.put(field, write.targetText(field));
            }
        }
        return fields;
    }

    /**
     * The sender's own words, or the whole text when they wrote none of their own (a forward
     * without a comment), so a task never starts with an empty description.
     */
    private static String visibleOrFull(Map<String, Object> message) {
        String text = (String) message.get("text");
        return text == null || text.isBlank() ? (String) message.get("text_full") : text;
    }

    /** A label whose context names a priority gives it to the tasks made from its mail. */
    private static Object priorityFromContext(Handle h, List<String> labels) {
        return ContextService.entitiesOf(h, labels).stream()
                .filter(e -> "priority".equals(e.get("entity_type")))
                .map(e -> e.get("entity_id"))
                .findFirst()
                .orElse(null);
    }

    /** The first sentence of the visible text, for mail without a subject. */
    static String firstSentence(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        int end = flat.length();
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            boolean stop = c == '.' || c == '!' || c == '?' || c == '。' || c == '！' || c == '？';
            if (stop && (i + 1 == flat.length() || Character.isWhitespace(flat.charAt(i + 1))
                    || c > 0x3000)) {
                end = i + 1;
                break;
            }
        }
        String sentence = flat.substring(0, end);
        return sentence.length() <= MAX_SUMMARY ? sentence
                : sentence.substring(0, MAX_SUMMARY - 1).stripTrailing() + "…";
    }
}
