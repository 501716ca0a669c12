package dev.actionbox.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The machine-readable contract of workflows: what triggers, fields, operators exist. */
public final class WorkflowReference {

    public static final List<String> TRIGGERS = List.of("email_received", "label_applied",
            "label_removed", "task_status_changed", "follow_up_due");
    public static final List<String> OPERATORS = List.of("eq", "neq", "in", "not_in",
            "contains", "not_contains", "starts_with", "ends_with", "matches", "exists",
            "not_exists", "gt", "gte", "lt", "lte");
    public static final List<String> TARGETS =
            List.of("task", "webhook", "email.draft", "email.add_label");
    public static final List<String> POLICIES = List.of("hold_for_review", "skip", "fail");
    public static final Set<String> VALUELESS_OPERATORS = Set.of("exists", "not_exists");
    public static final Set<String> LIST_OPERATORS = Set.of("in", "not_in");
    public static final List<String> TASK_FIELDS = List.of("summary", "description",
            "priority", "owner", "due_at", "follow_up_at", "status");

    /** Short field names and the payload paths they stand for. */
    public static final Map<String, String> SHORT_FIELDS = shortFields();

    private WorkflowReference() {
    }

    private static Map<String, String> shortFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("from", "message.from.address");
        fields.put("from_name", "message.from.name");
        fields.put("from_domain", "message.from_domain");
        fields.put("to", "message.to_addresses");
        fields.put("subject", "message.subject");
        fields.put("body", "message.text");
        fields.put("has_attachment", "message.has_attachment");
        fields.put("labels", "message.labels");
        fields.put("is_auto_reply", "message.flags.auto_submitted");
        fields.put("is_bounce", "message.flags.bounce");
        fields.put("is_list", "message.flags.list");
        return Map.copyOf(fields);
    }

    /** The document served at {@code GET /v1/workflows/reference/}. */
    public static Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("triggers", TRIGGERS);
        doc.put("operators", OPERATORS);
        doc.put("short_fields", new java.util.TreeMap<>(SHORT_FIELDS));
        doc.put("payload_fields", List.of("event_type", "label_id", "message_id", "thread_id",
                "message.id", "message.subject", "message.from.address", "message.from.name",
                "message.from_domain", "message.to", "message.text", "message.text_full",
                "message.labels", "message.has_attachment", "message.flags.auto_submitted",
                "message.flags.bounce", "message.flags.list", "message.headers.list_id",
                "contact.id", "contact.full_name", "contact.owner", "contact.organization",
                "task.id", "task.status", "task.previous_status"));
        doc.put("targets", Map.of(
                "task", Map.of("fields", TASK_FIELDS),
                "webhook", Map.of("required", List.of("url", "event_type"),
                        "optional", List.of("secret", "headers")),
                "email.draft", Map.of("optional", List.of("template")),
                "email.add_label", Map.of("required", List.of("label_id"))));
        doc.put("sources", List.of("event.payload"));
        doc.put("policies", Map.of("on_missing", POLICIES, "default", "hold_for_review"));
        doc.put("templates", "Values in write.map may use {{path}} with any payload field");
        return doc;
    }
}
