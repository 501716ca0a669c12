package dev.actionbox.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.PatternSyntaxException;
import dev.actionbox.api.ValidationException;
import dev.actionbox.delivery.WebhookHeaders;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a workflow definition, collecting every problem with its JSON pointer so
 * that one 422 names them all.
 */
final class WorkflowParser {

    private static final Set<String> TOP_FIELDS =
            Set.of("name", "trigger", "conditions", "writes", "enabled", "description");
    private static final Set<String> WRITE_FIELDS =
            Set.of("source", "target", "contract", "policy");
    private static final int MAX_CONDITIONS_DEPTH = 8;
    private static final String PLACEHOLDER_PROBLEM = "is the placeholder that reads show; "
            + "send the value itself (an update may send the placeholder back to keep it)";
    private static final int MAX_HEADERS = 20;
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x20-\\x7e\\t]{0,2000}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final ValidationException.Collector problems = new ValidationException.Collector();
    private final boolean stored;

    private WorkflowParser(boolean stored) {
        this.stored = stored;
    }

    /**
     * Reads a definition a client sends, with every rule.
     *
     * @throws ValidationException listing every bad part of the definition
     */
    static Workflow parse(String id, JsonNode definition) {
        return parse(id, definition, false);
    }

    /**
     * Reads a definition that was accepted when it was written. Rules that only guard what a
     * client may write (the webhook headers Actionbox owns, the read placeholder) are not
     * applied again: one added after a workflow was saved must not stop it, or every
     * workflow of its trigger, from running.
     */
    static Workflow parseStored(String id, JsonNode definition) {
        return parse(id, definition, true);
    }

    private static Workflow parse(String id, JsonNode definition, boolean stored) {
        WorkflowParser parser = new WorkflowParser(stored);
        Workflow workflow = parser.read(id, definition);
        parser.problems.throwIfAny();
        return workflow;
    }

    private Workflow read(String id, JsonNode body) {
        if (body == null || !body.isObject()) {
            problems.add("", "must be a JSON object with name, trigger and writes");
            return null;
        }
        unknownFields(body, TOP_FIELDS, "");
        String name = requiredText(body, "name", "/name");
        String trigger = requiredText(body, "trigger", "/trigger");
        if (trigger != null && !WorkflowReference.TRIGGERS.contains(trigger)) {
            problems.add("/trigger", "must be one of " + WorkflowReference.TRIGGERS);
        }
        List<Condition> conditions = conditions(body.get("conditions"), "/conditions", 0);
        List<WriteSpec> writes = writes(body.get("writes"));
        JsonNode enabled = body.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            problems.add("/enabled", "must be true or false");
        }
        boolean isEnabled = enabled == null || enabled.asBoolean(true);
        return new Workflow(id, name, trigger, conditions, writes, isEnabled, body);
    }

    private List<Condition> conditions(JsonNode node, String pointer, int depth) {
        List<Condition> conditions = new ArrayList<>();
        if (node == null || node.isNull()) {
            return conditions;
        }
        if (!node.isArray()) {
            problems.add(pointer, "must be a list of conditions");
            return conditions;
        }
        for (int i = 0; i < node.size(); i++) {
            Condition condition = condition(node.get(i), pointer + "/" + i, depth);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        return conditions;
    }

    private Condition condition(JsonNode node, String pointer, int depth) {
        if (depth > MAX_CONDITIONS_DEPTH) {
            problems.add(pointer, "nests groups deeper than " + MAX_CONDITIONS_DEPTH);
            return null;
        }
        if (node == null || !node.isObject()) {
            problems.add(pointer,
                    "must be an object with field, op and value, or {\"any\": [...]}");
            return null;
        }
        if (node.has("any") || node.has("all")) {
            String group = node.has("any") ? "any" : "all";
            unknownFields(node, Set.of(group), pointer);
            if (!node.get(group).isArray() || node.get(group).isEmpty()) {
                problems.add(pointer + "/" + group, "must be a non-empty list of conditions");
                return null;
            }
            List<Condition> inner = conditions(node.get(group), pointer + "/" + group, depth + 1);
            return group.equals("any") ? new Condition.Any(inner) : new Condition.All(inner);
        }
        return test(node, pointer);
    }

    private Condition test(JsonNode node, String pointer) {
        unknownFields(node, Set.of("field", "op", "value"), pointer);
        String field = requiredText(node, "field", pointer + "/field");
        String op = requiredText(node, "op", pointer + "/op");
        JsonNode value = node.get("value");
        if (op == null) {
            return null;
        }
        if (!WorkflowReference.OPERATORS.contains(op)) {
            problems.add(pointer + "/op", "must be one of " + WorkflowReference.OPERATORS);
            return null;
        }
        if (WorkflowReference.VALUELESS_OPERATORS.contains(op)) {
            return new Condition.Test(field, op, null);
        }
        if (value == null) {
            problems.add(pointer + "/value", "is required for op " + op);
        } else if (WorkflowReference.LIST_OPERATORS.contains(op) && !value.isArray()) {
            problems.add(pointer + "/value", "must be a list for op " + op);
        } else if (op.equals("matches")) {
            checkRegex(value, pointer + "/value");
        } else if (value.isContainerNode()) {
            problems.add(pointer + "/value", "must be a string, number or boolean for op " + op);
        }
        return new Condition.Test(field, op, value);
    }

    private void checkRegex(JsonNode value, String pointer) {
        if (!value.isTextual()) {
            problems.add(pointer, "must be a regular expression string");
            return;
        }
        try {
            com.google.re2j.Pattern.compile(value.textValue());
        } catch (PatternSyntaxException e) {
            problems.add(pointer, "is not a valid regular expression: " + e.getDescription());
        }
    }

    private List<WriteSpec> writes(JsonNode node) {
        List<WriteSpec> writes = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add("/writes", "must be a non-empty list of writes");
            return writes;
        }
        for (int i = 0; i < node.size(); i++) {
            WriteSpec write = write(node.get(i), "/writes/" + i);
            if (write != null) {
                writes.add(write);
            }
        }
        return writes;
    }

    private WriteSpec write(JsonNode node, String pointer) {
        if (node == null || !node.isObject()) {
            problems.add(pointer, "must be an object with source and target");
            return null;
        }
        unknownFields(node, WRITE_FIELDS, pointer);
        Map<String, String> map = source(node.get("source"), pointer + "/source");
        JsonNode target = node.get("target");
        if (target == null || !target.isObject()) {
            problems.add(pointer + "/target", "must be an object with a type");
            return null;
        }
        String type = requiredText(target, "type", pointer + "/target/type");
        if (type == null) {
            return null;
        }
        if (!WorkflowReference.TARGETS.contains(type)) {
            problems.add(pointer + "/target/type", "must be one of " + WorkflowReference.TARGETS);
            return null;
        }
        checkTarget(type, target, pointer + "/target");
        List<String> required = contract(node.get("contract"), pointer + "/contract");
        String onMissing = policy(node.get("policy"), pointer + "/policy");
        return new WriteSpec(type, target, map, required, onMissing);
    }

    private Map<String, String> source(JsonNode source, String pointer) {
        Map<String, String> map = new LinkedHashMap<>();
        if (source == null || source.isNull()) {
            return map;
        }
        if (!source.isObject()) {
            problems.add(pointer, "must be an object such as {\"from\": \"event.payload\"}");
            return map;
        }
        unknownFields(source, Set.of("from", "map"), pointer);
        JsonNode from = source.get("from");
        if (from != null && !"event.payload".equals(from.asText())) {
            problems.add(pointer + "/from", "must be event.payload");
        }
        JsonNode mapNode = source.get("map");
        if (mapNode != null && !mapNode.isObject()) {
            problems.add(pointer + "/map", "must be an object of field to template");
        } else if (mapNode != null) {
            mapNode.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    problems.add(pointer + "/map/" + e.getKey(), "must be a template string");
                } else {
                    map.put(e.getKey(), e.getValue().textValue());
                }
            });
        }
        return map;
    }

    private void checkTarget(String type, JsonNode target, String pointer) {
        switch (type) {
            case "task" -> unknownFields(target, Set.of("type", "status", "priority", "owner"),
                    pointer);
            case "webhook" -> {
                unknownFields(target, Set.of("type", "url", "event_type", "secret", "headers"),
                        pointer);
                String url = requiredText(target, "url", pointer + "/url");
                if (url != null && !url.matches("(?i)https?://[^\\s/]+.*")) {
                    problems.add(pointer + "/url", "must be an http or https URL");
                }
                if (!stored) {
                    checkWriteOnlyRules(target, pointer);
                }
            }
            case "email.draft" -> unknownFields(target, Set.of("type", "template", "subject"),
                    pointer);
            case "email.add_label" -> {
                unknownFields(target, Set.of("type", "label_id"), pointer);
                requiredText(target, "label_id", pointer + "/label_id");
            }
            default -> problems.add(pointer + "/type", "is not a known target");
        }
    }

    /** Java reads "http://127.1" and other odd authorities without a host, so none is sent. */
    private static boolean hasHost(String url) {
        try {
            return java.net.URI.create(url).getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void checkWriteOnlyRules(JsonNode target, String pointer) {
        JsonNode url = target.get("url");
        if (url != null && url.isTextual() && url.textValue().matches("(?i)https?://.*")
                && !hasHost(url.textValue())) {
            problems.add(pointer + "/url", "must name a host the sender can resolve, "
                    + "such as https://tasks.example.com/hooks");
        }
        if (WebhookSecrets.isPlaceholder(target.get("secret"))) {
            problems.add(pointer + "/secret", PLACEHOLDER_PROBLEM);
        }
        checkWebhookHeaders(target.get("headers"), pointer + "/headers");
    }

    /**
     * Extra webhook headers are the workflow author's, but framing, signing and addressing are
     * the deliverer's: a workflow that set Host or Content-Length could break the request or
     * aim it at another virtual host than the one the URL names.
     */
    private void checkWebhookHeaders(JsonNode headers, String pointer) {
        if (headers == null) {
            return;
        }
        if (!headers.isObject()) {
            problems.add(pointer, "must be an object of header to value");
            return;
        }
        if (headers.size() > MAX_HEADERS) {
            problems.add(pointer, "must hold at most " + MAX_HEADERS + " headers");
            return;
        }
        Set<String> seen = new java.util.HashSet<>();
        headers.fields().forEachRemaining(e -> {
            String name = e.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            String at = pointer + "/" + ValidationException.escape(name);
            if (!HEADER_NAME.matcher(name).matches()) {
                problems.add(at, "is not a valid header name");
            } else if (WebhookHeaders.isReserved(name)) {
                problems.add(at, "is set by Actionbox and cannot be overridden");
            } else if (!seen.add(lower)) {
                problems.add(at, "is named twice (header names ignore case)");
            } else if (!e.getValue().isTextual()) {
                problems.add(at, "must be a string");
            } else if (WebhookSecrets.isPlaceholder(e.getValue())) {
                problems.add(at, PLACEHOLDER_PROBLEM);
            } else if (!HEADER_VALUE.matcher(e.getValue().textValue()).matches()) {
                // HTTP sends header values as bytes; anything past ASCII arrives mangled.
                problems.add(at, "must be printable ASCII on one line, at most 2000 characters; "
                        + "encode other text first (for example percent-encoding)");
            }
        });
    }

    private List<String> contract(JsonNode contract, String pointer) {
        List<String> required = new ArrayList<>();
        if (contract == null || contract.isNull()) {
            return required;
        }
        if (!contract.isObject()) {
            problems.add(pointer, "must be an object such as {\"required\": [\"summary\"]}");
            return required;
        }
        unknownFields(contract, Set.of("required"), pointer);
        JsonNode list = contract.get("required");
        if (list != null && !list.isArray()) {
            problems.add(pointer + "/required", "must be a list of field names");
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual()) {
                    problems.add(pointer + "/required/" + i, "must be a field name");
                } else {
                    required.add(list.get(i).textValue());
                }
            }
        }
        return required;
    }

    private String policy(JsonNode policy, String pointer) {
        if (policy == null || policy.isNull()) {
            return "hold_for_review";
        }
        if (!policy.isObject()) {
            problems.add(pointer, "must be an object such as {\"on_missing\": \"skip\"}");
            return "hold_for_review";
        }
        unknownFields(policy, Set.of("on_missing"), pointer);
        JsonNode onMissing = policy.get("on_missing");
        if (onMissing == null) {
            return "hold_for_review";
        }
        if (!WorkflowReference.POLICIES.contains(onMissing.asText())) {
            problems.add(pointer + "/on_missing", "must be one of " + WorkflowReference.POLICIES);
        }
        return onMissing.asText();
    }

    private String requiredText(JsonNode node, String field, String pointer) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problems.add(pointer, "is required");
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            problems.add(pointer, "must be a non-empty string");
            return null;
        }
        if (value.textValue().length() > 2_000) {
            problems.add(pointer, "must be at most 2000 characters");
            return null;
        }
        return value.textValue();
    }

    private void unknownFields(JsonNode node, Set<String> allowed, String pointer) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(pointer + "/" + name, "is not a known field here; known: "
                        + allowed.stream().sorted().toList());
            }
        }
    }
}
