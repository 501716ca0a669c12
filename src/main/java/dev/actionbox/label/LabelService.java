package dev.actionbox.label;

import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.activity.ActivityLog;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.ValidationException;
import dev.actionbox.store.EventQueue;
import dev.actionbox.store.Ids;
import dev.actionbox.store.Rows;
import dev.actionbox.store.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Labels, and applying them to messages (which emits {@code label_applied}). */
public final class LabelService {

    private final Store store;

    public LabelService(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * @param id an explicit id such as {@code lbl_priority_client}, or null for a new one
     * @throws ApiException 422 for a bad name or id, 409 when the id or name is taken
     */
    public Map<String, Object> create(String id, String name, String color) {
        ValidationException.Collector problems = new ValidationException.Collector();
        if (name == null || name.isBlank()) {
            problems.add("/name", "is required");
        } else if (name.length() > 200) {
            problems.add("/name", "must be at most 200 characters");
        }
        if (id != null && !Ids.isValidExplicit("lbl", id)) {
            problems.add("/id", "must start with lbl_ and use only letters, digits, _ and -");
        }
        problems.throwIfAny();
        String labelId = id == null ? Ids.next("lbl") : id;
        long now = System.currentTimeMillis();
        try {
            store.useTransaction(h -> h.createUpdate("""
                    INSERT INTO labels (id, name, color, created_at, updated_at)
                    VALUES (:id, :name, :color, :now, :now)""")
                    .bind("id", labelId).bind("name", name.trim()).bind("color", color)
                    .bind("now", now).execute());
        } catch (RuntimeException e) {
            if (Store.isUniqueViolation(e)) {
                throw ApiException.conflict(id == null
                        ? "A label named '" + name.trim() + "' exists"
                        : "A label with id " + id + " or name '" + name.trim() + "' exists");
            }
            throw e;
        }
        return get(labelId).orElseThrow();
    }

    public Optional<Map<String, Object>> get(String id) {
        return store.read(h -> h.createQuery("SELECT * FROM labels WHERE id = :id")
                .bind("id", id).mapToMap().findOne().map(LabelService::view));
    }

    public List<Map<String, Object>> list(String before, int limit) {
        return store.read(h -> h.createQuery("""
                SELECT * FROM labels WHERE (:before IS NULL OR id < :before)
                ORDER BY id DESC LIMIT :limit""")
                .bind("before", before).bind("limit", limit + 1)
                .mapToMap().map(LabelService::view).list());
    }

    public Map<String, Object> update(String id, String name, String color) {
        get(id).orElseThrow(() -> ApiException.notFound("label", id));
        try {
            store.useTransaction(h -> h.createUpdate("""
                    UPDATE labels SET name = COALESCE(:name, name), color = COALESCE(:color, color),
                        updated_at = :now WHERE id = :id""")
                    .bind("name", name).bind("color", color)
                    .bind("now", System.currentTimeMillis()).bind("id", id).execute());
        } catch (RuntimeException e) {
            if (Store.isUniqueViolation(e)) {
                throw ApiException.conflict("A label named '" + name + "' exists");
            }
            throw e;
        }
        return get(id).orElseThrow();
    }

    public void delete(String id) {
        int deleted = store.inTransaction(h -> h.createUpdate("DELETE FROM labels WHERE id = :id")
                .bind("id", id).execute());
        if (deleted == 0) {
            throw ApiException.notFound("label", id);
        }
    }

    public static boolean exists(Handle h, String labelId) {
        return h.createQuery("SELECT COUNT(*) FROM labels WHERE id = :id")
                .bind("id", labelId).mapTo(Integer.class).one() > 0;
    }

    /**
     * Applies a label to a message inside the caller's transaction: records it, writes
     * {@code label.applied} and queues a {@code label_applied} event at {@code depth}.
     *
     * @return false when the message already had the label (nothing is emitted)
     */
    public static boolean apply(Handle h, MessageRef message, String labelId, String actor,
            int depth) {
        int inserted = h.createUpdate("""
                INSERT INTO message_labels (message_id, label_id, applied_at)
                VALUES (:message, :label, :now) ON CONFLICT DO NOTHING""")
                .bind("message", message.id()).bind("label", labelId)
                .bind("now", System.currentTimeMillis()).execute();
        if (inserted == 0) {
            return false;
        }
        ActivityLog.record(h, ActivityEntry.of("label.applied", labelId,
                        "Label " + labelId + " applied to message " + message.id())
                .actor(actor)
                .message(message.inboxId(), message.id(), message.threadId())
                .contact(message.contactId(), message.fromAddress())
                .metadata(Map.of("label_id", labelId)));
        EventQueue.enqueue(h, "label_applied",
                Map.of("label_id", labelId, "message_id", message.id()), depth);
        return true;
    }

    /** Removes a label; emits {@code label.removed} and a {@code label_removed} event. */
    public static boolean remove(Handle h, MessageRef message, String labelId, String actor) {
        int deleted = h.createUpdate(
                        "DELETE FROM message_labels WHERE message_id = :message"
                                + " AND label_id = :label")
                .bind("message", message.id()).bind("label", labelId).execute();
        if (deleted == 0) {
            return false;
        }
        ActivityLog.record(h, ActivityEntry.of("label.removed", labelId,
                        "Label " + labelId + " removed from message " + message.id())
                .actor(actor)
                .message(message.inboxId(), message.id(), message.threadId())
                .contact(message.contactId(), message.fromAddress())
                .metadata(Map.of("label_id", labelId)));
        EventQueue.enqueue(h, "label_removed",
                Map.of("label_id", labelId, "message_id", message.id()), 0);
        return true;
    }

    public static List<String> labelsOf(Handle h, String messageId) {
        return h.createQuery(
                        "SELECT label_id FROM message_labels WHERE message_id = :id"
                                + " ORDER BY applied_at, label_id")
                .bind("id", messageId).mapTo(String.class).list();
    }

    private static Map<String, Object> view(Map<String, Object> row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.get("id"));
        view.put("name", row.get("name"));
        view.put("color", row.get("color"));
        view.put("created_at", Rows.time(row, "created_at"));
        view.put("updated_at", Rows.time(row, "updated_at"));
        return view;
    }
}
