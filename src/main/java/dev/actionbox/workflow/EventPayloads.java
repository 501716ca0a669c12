package dev.actionbox.workflow;

import dev.actionbox.message.MessageReader;
import dev.actionbox.store.EventQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Builds the payload a workflow sees for an event: the event's own fields plus the message it
 * is about (as the API shows it, without HTML) and the sender's contact.
 */
final class EventPayloads {

    private EventPayloads() {
    }

    static Map<String, Object> build(Handle h, EventQueue.Event event) {
        Map<String, Object> payload = new LinkedHashMap<>(event.payload());
        payload.put("event_type", event.type());
        payload.put("event_id", event.id());
        Object taskId = event.payload().get("task_id");
        if (taskId != null) {
            Map<String, Object> task = task(h, taskId.toString(), event.payload());
            payload.put("task", task);
            payload.putIfAbsent("message_id", task.get("source_message_id"));
        }
        Object messageId = payload.get("message_id");
        if (messageId != null) {
            MessageReader.view(h, messageId.toString()).ifPresent(message -> {
                payload.put("message", forWorkflows(message));
                payload.put("thread_id", message.get("thread_id"));
                payload.put("inbox_id", message.get("inbox_id"));
                contact(h, (String) message.get("contact_id"))
                        .ifPresent(c -> payload.put("contact", c));
            });
        }
        return payload;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> forWorkflows(Map<String, Object> view) {
        Map<String, Object> message = new LinkedHashMap<>(view);
        message.remove("html");
        Map<String, Object> from = (Map<String, Object>) view.get("from");
        String address = from == null ? null : (String) from.get("address");
        message.put("from_domain", address == null || !address.contains("@") ? null
                : address.substring(address.lastIndexOf('@') + 1));
        List<String> to = new ArrayList<>();
        ((List<Map<String, Object>>) view.get("to")).forEach(a -> to.add(
                String.valueOf(a.get("address")).toLowerCase(java.util.Locale.ROOT)));
        message.put("to_addresses", to);
        List<Map<String, Object>> attachments = (List<Map<String, Object>>) view.get("attachments");
        message.put("has_attachment",
                attachments.stream().anyMatch(a -> !Boolean.TRUE.equals(a.get("inline"))));
        return message;
    }

    private static Optional<Map<String, Object>> contact(Handle h, String contactId) {
        if (contactId == null) {
            return Optional.empty();
        }
        return h.createQuery("""
                SELECT id, full_name, owner, organization FROM contacts WHERE id = :id""")
                .bind("id", contactId).mapToMap().findOne()
                .map(LinkedHashMap::new);
    }

    private static Map<String, Object> task(Handle h, String taskId, Map<String, Object> event) {
        Map<String, Object> task = new LinkedHashMap<>();
        h.createQuery("""
                SELECT id, summary, status, priority, owner, source_message_id FROM tasks
                WHERE id = :id""")
                .bind("id", taskId).mapToMap().findOne().ifPresent(task::putAll);
        task.put("previous_status", event.get("previous_status"));
        return task;
    }
}
