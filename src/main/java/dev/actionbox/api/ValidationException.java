package dev.actionbox.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 422: every bad field of a request, each named by JSON pointer, in one answer. */
public final class ValidationException extends ApiException {

    public ValidationException(List<Map<String, Object>> details) {
        super(422, "validation_failed", summary(details), details, Map.of());
    }

    /** RFC 6901: a field name inside a JSON pointer escapes "~" and "/". */
    public static String escape(String field) {
        return field.replace("~", "~0").replace("/", "~1");
    }

    public static Map<String, Object> detail(String pointer, String message) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("pointer", pointer);
        detail.put("message", message);
        return detail;
    }

    private static String summary(List<Map<String, Object>> details) {
        if (details.size() == 1) {
            Map<String, Object> only = details.get(0);
            return only.get("pointer") + ": " + only.get("message");
        }
        return details.size() + " fields are invalid; see details";
    }

    /** Collects problems so that a request reports all of them at once. */
    public static final class Collector {
        private final List<Map<String, Object>> details = new ArrayList<>();

        public Collector add(String pointer, String message) {
            details.add(detail(pointer, message));
            return this;
        }

        public boolean isEmpty() {
            return details.isEmpty();
        }

        public void throwIfAny() {
            if (!details.isEmpty()) {
                throw new ValidationException(details);
            }
        }
    }
}
