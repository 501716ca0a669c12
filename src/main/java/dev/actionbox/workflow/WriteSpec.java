package dev.actionbox.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One write of a workflow.
 *
 * @param map target field name to template, e.g. {@code "summary": "{{message.subject}}"}
 * @param target the target object as written, e.g. {@code {"type": "webhook", "url": ...}}
 * @param required fields the resolved write must have (its contract)
 * @param onMissing what to do when a required field is missing
 */
record WriteSpec(
        String targetType,
        JsonNode target,
        Map<String, String> map,
        List<String> required,
        String onMissing) {

    WriteSpec {
        map = Map.copyOf(map);
        required = List.copyOf(required);
    }

    String targetText(String field) {
        JsonNode node = target.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
