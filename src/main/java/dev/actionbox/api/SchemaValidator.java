package dev.actionbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.store.Times;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a request body against its route's {@link Schema} and names every problem by JSON
 * pointer, so that one 422 lists them all. Strings anywhere in the body, even in parts the
 * schema leaves open, must be text a database can store: no NUL and no lone surrogate.
 * Stateless and thread-safe.
 */
public final class SchemaValidator {

    /** Enough to fix a body in one go without turning a hostile body into a huge answer. */
    static final int MAX_PROBLEMS = 100;

    private SchemaValidator() {
    }

    /** @throws ValidationException listing every problem, when there is one */
    public static void check(Schema schema, JsonNode body) {
        List<Map<String, Object>> problems = problems(schema, body);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    /** Every problem of {@code body}, at most {@link #MAX_PROBLEMS}; empty when it fits. */
    public static List<Map<String, Object>> problems(Schema schema, JsonNode body) {
        List<Map<String, Object>> problems = new ArrayList<>();
        visit(schema, body, "", problems);
        checkText(body, "", problems);
        return problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems;
    }

    private static void visit(Schema schema, JsonNode value, String pointer,
            List<Map<String, Object>> problems) {
        if (problems.size() > MAX_PROBLEMS || schema.type() == null) {
            return;
        }
        if (value.isNull()) {
            if (!schema.nullable()) {
                add(problems, pointer, "must not be null");
            }
            return;
        }
        switch (schema.type()) {
            case "object" -> object(schema, value, pointer, problems);
            case "array" -> array(schema, value, pointer, problems);
            case "string" -> string(schema, value, pointer, problems);
            case "integer" -> integer(schema, value, pointer, problems);
            case "number" -> expect(value.isNumber(), pointer, "must be a number", problems);
            case "boolean" -> expect(value.isBoolean(), pointer, "must be true or false",
                    problems);
            default -> throw new IllegalStateException("Schema type " + schema.type()
                    + " is not supported; use one of object, array, string, integer, number, "
                    + "boolean");
        }
    }

    private static void object(Schema schema, JsonNode value, String pointer,
            List<Map<String, Object>> problems) {
        if (!value.isObject()) {
            add(problems, pointer, "must be an object");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = pointer + "/" + ValidationException.escape(field.getKey());
            Schema known = schema.properties().get(field.getKey());
            if (known != null) {
                visit(known, field.getValue(), at, problems);
            } else if (schema.values() != null) {
                visit(schema.values(), field.getValue(), at, problems);
            } else if (schema.closed()) {
                add(problems, at, "is not a known field; known fields: "
                        + String.join(", ", schema.properties().keySet()));
            }
        }
        for (String field : schema.required()) {
            if (!value.has(field)) {
                add(problems, pointer + "/" + ValidationException.escape(field), "is required");
            }
        }
    }

    private static void array(Schema schema, JsonNode value, String pointer,
            List<Map<String, Object>> problems) {
        if (!value.isArray()) {
            add(problems, pointer, "must be a list");
            return;
        }
        if (schema.minItems() != null && value.size() < schema.minItems()) {
            add(problems, pointer, "must have at least " + schema.minItems() + " item(s)");
        }
        if (schema.maxItems() != null && value.size() > schema.maxItems()) {
            add(problems, pointer, "must have at most " + schema.maxItems() + " items");
            return;
        }
        for (int i = 0; i < value.size() && schema.items() != null; i++) {
            visit(schema.items(), value.get(i), pointer + "/" + i, problems);
        }
    }

    private static void string(Schema schema, JsonNode value, String pointer,
            List<Map<String, Object>> problems) {
        if (!value.isTextual()) {
            add(problems, pointer, schema.enumValues() != null
                    ? "must be one of " + schema.enumValues() : "must be a string");
            return;
        }
        String text = value.textValue();
        if (schema.enumValues() != null && !schema.enumValues().contains(text)) {
            add(problems, pointer, "must be one of " + schema.enumValues());
        } else if (schema.minLength() != null && text.length() < schema.minLength()) {
            add(problems, pointer, schema.minLength() == 1 ? "must not be empty"
                    : "must be at least " + schema.minLength() + " characters");
        } else if (schema.maxLength() != null && text.length() > schema.maxLength()) {
            add(problems, pointer, "must be at most " + schema.maxLength() + " characters");
        } else if ("date-time".equals(schema.format()) && !isTime(text)) {
            add(problems, pointer, "must be an RFC 3339 time such as 2026-01-31T17:00:00Z");
        }
    }

    private static void integer(Schema schema, JsonNode value, String pointer,
            List<Map<String, Object>> problems) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            add(problems, pointer, "must be a whole number");
            return;
        }
        long number = value.longValue();
        if ((schema.minimum() != null && number < schema.minimum())
                || (schema.maximum() != null && number > schema.maximum())) {
            add(problems, pointer, "must be from " + schema.minimum() + " to " + schema.maximum());
        }
    }

    /** Rejects text PostgreSQL cannot store and that no real client sends. */
    private static void checkText(JsonNode value, String pointer,
            List<Map<String, Object>> problems) {
        if (problems.size() > MAX_PROBLEMS) {
            return;
        }
        if (value.isTextual() && !isStorable(value.textValue())) {
            add(problems, pointer, "must not contain NUL characters or unpaired surrogates");
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                checkText(value.get(i), pointer + "/" + i, problems);
            }
        } else if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = pointer + "/" + ValidationException.escape(field.getKey());
                if (!isStorable(field.getKey())) {
                    add(problems, at, "field names must not contain NUL characters or "
                            + "unpaired surrogates");
                }
                checkText(field.getValue(), at, problems);
            }
        }
    }

    static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTime(String text) {
        try {
            Times.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void expect(boolean ok, String pointer, String message,
            List<Map<String, Object>> problems) {
        if (!ok) {
            add(problems, pointer, message);
        }
    }

    private static void add(List<Map<String, Object>> problems, String pointer, String message) {
        problems.add(ValidationException.detail(pointer, message));
    }
}
