package dev.actionbox.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.api.Json;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a payload meets a workflow's conditions. All top-level conditions must hold.
 * Text comparisons ignore case, as mail addresses and subjects do in practice; {@code matches}
 * uses RE2, whose run time is linear in the input, so a hostile pattern cannot stall a worker.
 */
final class ConditionEvaluator {

    private static final Logger log = LoggerFactory.getLogger(ConditionEvaluator.class);

    private ConditionEvaluator() {
    }

    static boolean matches(List<Condition> conditions, Map<String, Object> payload) {
        return conditions.stream().allMatch(c -> holds(c, payload));
    }

    private static boolean holds(Condition condition, Map<String, Object> payload) {
        if (condition instanceof Condition.Any any) {
            return any.conditions().stream().anyMatch(c -> holds(c, payload));
        }
        if (condition instanceof Condition.All all) {
            return all.conditions().stream().allMatch(c -> holds(c, payload));
        }
        Condition.Test test = (Condition.Test) condition;
        return test(test.op(), PayloadPath.get(payload, test.field()), test.value());
    }

    private static boolean test(String op, Object actual, JsonNode expected) {
        return switch (op) {
            case "exists" -> present(actual);
            case "not_exists" -> !present(actual);
            case "eq" -> equal(actual, expected);
            case "neq" -> !equal(actual, expected);
            case "in" -> inList(actual, expected);
            case "not_in" -> !inList(actual, expected);
            case "contains" -> contains(actual, expected);
            case "not_contains" -> !contains(actual, expected);
            case "starts_with" -> text(actual).startsWith(text(expected));
            case "ends_with" -> text(actual).endsWith(text(expected));
            case "matches" -> actual != null && regex(expected.asText(), String.valueOf(actual));
            case "gt" -> compare(actual, expected) > 0;
            case "gte" -> compare(actual, expected) >= 0;
            case "lt" -> compare(actual, expected) < 0 && actual != null;
            case "lte" -> compare(actual, expected) <= 0 && actual != null;
            default -> false;
        };
    }

    private static boolean regex(String pattern, String text) {
        try {
            return BoundedRegex.find(pattern, text);
        } catch (BoundedRegex.TimeoutException e) {
            log.warn("Workflow condition treated as no match: {}, pattern={} textChars={}",
                    e.getMessage(), pattern, text.length());
            return false;
        }
    }

    private static boolean present(Object actual) {
        if (actual instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return actual != null && !(actual instanceof String s && s.isEmpty());
    }

    private static boolean equal(Object actual, JsonNode expected) {
        if (actual instanceof Collection<?> values) {
            // A list field equals a value when it holds it: "labels eq lbl_x".
            return values.stream().anyMatch(v -> equal(v, expected));
        }
        if (actual == null) {
            return expected == null || expected.isNull();
        }
        if (actual instanceof Boolean b) {
            return expected.isBoolean() ? b == expected.booleanValue()
                    : b.toString().equalsIgnoreCase(expected.asText());
        }
        if (actual instanceof Number && expected.isNumber()) {
            return compare(actual, expected) == 0;
        }
        return text(actual).equals(text(expected));
    }

    private static boolean inList(Object actual, JsonNode expected) {
        for (JsonNode candidate : expected) {
            if (equal(actual, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(Object actual, JsonNode expected) {
        if (actual instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> equal(v, expected));
        }
        return actual != null && text(actual).contains(text(expected));
    }

    /** Numbers compare as numbers, anything else as text (RFC 3339 times sort as text). */
    private static int compare(Object actual, JsonNode expected) {
        if (actual == null) {
            return -1;
        }
        try {
            BigDecimal left = new BigDecimal(String.valueOf(actual));
            BigDecimal right = new BigDecimal(expected.asText());
            return left.compareTo(right);
        } catch (NumberFormatException e) {
            return String.valueOf(actual).compareTo(expected.asText());
        }
    }

    private static String text(Object value) {
        if (value instanceof JsonNode node) {
            return node.isValueNode() ? node.asText().toLowerCase(Locale.ROOT)
                    : Json.write(node).toLowerCase(Locale.ROOT);
        }
        return value == null ? "" : String.valueOf(value).toLowerCase(Locale.ROOT);
    }
}
