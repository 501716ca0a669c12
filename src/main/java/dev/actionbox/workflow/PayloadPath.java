package dev.actionbox.workflow;

import java.util.List;
import java.util.Map;

/** Reads a dotted path such as {@code message.from.address} out of an event payload. */
final class PayloadPath {

    private PayloadPath() {
    }

    /** The value at the path (short forms allowed), or null when any step is missing. */
    static Object get(Map<String, Object> payload, String field) {
        String path = WorkflowReference.SHORT_FIELDS.getOrDefault(field, field);
        Object current = payload;
        for (String step : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step.matches("\\d+")) {
                int index = Integer.parseInt(step);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
