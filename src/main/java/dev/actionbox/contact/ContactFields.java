package dev.actionbox.contact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.api.ValidationException;
import dev.actionbox.store.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The writable fields of a contact, read and checked from a request body. */
record ContactFields(
        String id,
        String fullName,
        List<Map<String, String>> emails,
        List<Map<String, Object>> phones,
        String notes,
        String owner,
        String organization) {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.?[^@\\s]*");

    static ContactFields read(JsonNode body, boolean creating) {
        ValidationException.Collector problems = new ValidationException.Collector();
        ContactService.rejectUnknown(body, problems);
        String id = text(body, "id", problems);
        if (id != null && (!creating || !Ids.isValidExplicit("ctc", id))) {
            problems.add("/id", creating
                    ? "must start with ctc_ and use only letters, digits, _ and -"
                    : "cannot be changed");
        }
        List<Map<String, String>> emails = emails(body.get("emails"), problems);
        List<Map<String, Object>> phones = phones(body.get("phones"), problems);
        ContactFields fields = new ContactFields(id, text(body, "full_name", problems), emails,
                phones, text(body, "notes", problems), text(body, "owner", problems),
                text(body, "organization", problems));
        problems.throwIfAny();
        return fields;
    }

    private static String text(JsonNode body, String field,
            ValidationException.Collector problems) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add("/" + field, "must be a string");
            return null;
        }
        if (node.textValue().length() > 10_000) {
            problems.add("/" + field, "must be at most 10000 characters");
        }
        return node.textValue();
    }

    private static List<Map<String, String>> emails(JsonNode node,
            ValidationException.Collector problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            problems.add("/emails", "must be a list of {label, address}");
            return null;
        }
        List<Map<String, String>> emails = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            JsonNode address = item.get("address");
            if (address == null || !address.isTextual()
                    || !ADDRESS.matcher(address.textValue().trim()).matches()) {
                problems.add("/emails/" + i + "/address", "must be an email address");
                continue;
            }
            Map<String, String> email = new HashMap<>();
            email.put("address", address.textValue());
            JsonNode label = item.get("label");
            email.put("label", label != null && label.isTextual() ? label.textValue() : null);
            emails.add(email);
        }
        return emails;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> phones(JsonNode node,
            ValidationException.Collector problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            problems.add("/phones", "must be a list of {label, number}");
            return null;
        }
        List<Map<String, Object>> phones = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isTextual()) {
                phones.add(Map.of("number", item.textValue()));
            } else if (item.isObject()) {
                phones.add(dev.actionbox.api.Json.MAPPER.convertValue(item, Map.class));
            } else {
                problems.add("/phones/" + i, "must be {label, number} or a string");
            }
        }
        return phones;
    }
}
