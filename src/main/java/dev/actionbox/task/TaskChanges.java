package dev.actionbox.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.api.ValidationException;
import dev.actionbox.store.Times;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The task fields a request body sets, checked all at once. */
record TaskChanges(
        List<String> present,
        String summary,
        String description,
        String status,
        String priority,
        String owner,
        Long dueAt,
        Long followUpAt,
        List<String> labels) {

    static TaskChanges read(JsonNode body, Set<String> writable, boolean creating) {
        ValidationException.Collector problems = new ValidationException.Collector();
        if (body == null || !body.isObject()) {
            problems.add("", "must be a JSON object");
            problems.throwIfAny();
        }
        List<String> present = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!writable.contains(name)) {
                problems.add("/" + name, "is not a writable task field");
            } else {
                present.add(name);
            }
        });
        String summary = text(body, "summary", 500, problems);
        if (creating && (summary == null || summary.isBlank())) {
            problems.add("/summary", "is required");
        } else if (summary != null && summary.isBlank()) {
            problems.add("/summary", "must not be empty");
        }
        String status = choice(body, "status", TaskStatus.STATUSES, problems);
        String priority = choice(body, "priority", TaskStatus.PRIORITIES, problems);
        TaskChanges changes = new TaskChanges(present, summary,
                text(body, "description", 100_000, problems), status, priority,
                text(body, "owner", 200, problems), time(body, "due_at", problems),
                time(body, "follow_up_at", problems), labels(body, problems));
        problems.throwIfAny();
        return changes;
    }

    boolean has(String field) {
        return present.contains(field);
    }

    private static String text(JsonNode body, String field, int max,
            ValidationException.Collector problems) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add("/" + field, "must be a string");
            return null;
        }
        if (node.textValue().length() > max) {
            problems.add("/" + field, "must be at most " + max + " characters");
            return null;
        }
        return node.textValue();
    }

    private static String choice(JsonNode body, String field, List<String> allowed,
            ValidationException.Collector problems) {
        String value = text(body, field, 50, problems);
        if (value != null && !allowed.contains(value)) {
            problems.add("/" + field, "must be one of " + allowed);
            return null;
        }
        return value;
    }

    private static Long time(JsonNode body, String field, ValidationException.Collector problems) {
        String value = text(body, field, 64, problems);
        if (value == null) {
            return null;
        }
        try {
            return Times.parse(value);
        } catch (DateTimeParseException e) {
            problems.add("/" + field, "must be an RFC 3339 time such as 2026-01-31T17:00:00Z");
            return null;
        }
    }

    private static List<String> labels(JsonNode body, ValidationException.Collector problems) {
        JsonNode node = body.get("labels");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            problems.add("/labels", "must be a list of label ids");
            return null;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                problems.add("/labels/" + i, "must be a label id");
            } else {
                labels.add(node.get(i).textValue());
            }
        }
        return labels;
    }
}
