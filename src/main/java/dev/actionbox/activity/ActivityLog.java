package dev.actionbox.activity;

import dev.actionbox.api.Json;
import dev.actionbox.store.Ids;
import dev.actionbox.store.Store;
import dev.actionbox.store.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The one feed of everything that happened. Entries are written with the handle of the change
 * they describe, so a change and its record commit together or not at all.
 */
public final class ActivityLog {

    private final Store store;

    public ActivityLog(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Records an entry inside the caller's transaction and returns its id. */
    public static String record(Handle handle, ActivityEntry entry) {
        String id = Ids.next("evt");
        handle.createUpdate("""
                INSERT INTO activity (id, type, occurred_at, inbox_id, contact_id, contact_address,
                    resource_id, message_id, task_id, thread_id, workflow_id, participants,
                    summary, metadata, actor)
                VALUES (:id, :type, :at, :inbox, :contact, :address, :resource, :message, :task,
                    :thread, :workflow, :participants, :summary, :metadata, :actor)""")
                .bind("id", id)
                .bind("type", entry.type())
                .bind("at", System.currentTimeMillis())
                .bind("inbox", entry.inboxId())
                .bind("contact", entry.contactId())
                .bind("address", lower(entry.contactAddress()))
                .bind("resource", entry.resourceId())
                .bind("message", entry.messageId())
                .bind("task", entry.taskId())
                .bind("thread", entry.threadId())
                .bind("workflow", entry.workflowId())
                .bind("participants", Json.write(entry.participants()))
                .bind("summary", entry.summary())
                .bind("metadata", Json.write(entry.metadata()))
                .bind("actor", entry.actor())
                .execute();
        return id;
    }

    /** Newest first; asks for one row more than the limit so the caller can tell there is more. */
    public List<Map<String, Object>> find(ActivityFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT * FROM activity WHERE 1 = 1");
        Map<String, Object> binds = new LinkedHashMap<>();
        where(sql, binds, "contact_id", filter.contactId());
        where(sql, binds, "contact_address", lower(filter.address()));
        where(sql, binds, "message_id", filter.messageId());
        where(sql, binds, "task_id", filter.taskId());
        where(sql, binds, "thread_id", filter.threadId());
        where(sql, binds, "workflow_id", filter.workflowId());
        where(sql, binds, "type", filter.type());
        if (filter.since() != null) {
            sql.append(" AND occurred_at >= :since");
            binds.put("since", filter.since());
        }
        if (filter.before() != null) {
            sql.append(" AND id < :before");
            binds.put("before", filter.before());
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        binds.put("limit", filter.limit() + 1);

        return store.read(h -> {
            Query query = h.createQuery(sql.toString());
            binds.forEach(query::bind);
            List<Map<String, Object>> events = new ArrayList<>();
            query.mapToMap().forEach(row -> events.add(view(row)));
            return events;
        });
    }

    private static void where(StringBuilder sql, Map<String, Object> binds, String column,
            String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :").append(column);
            binds.put(column, value);
        }
    }

    private static Map<String, Object> view(Map<String, Object> row) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", row.get("id"));
        event.put("type", row.get("type"));
        event.put("occurred_at", Times.format(((Number) row.get("occurred_at")).longValue()));
        event.put("inbox_id", row.get("inbox_id"));
        event.put("contact_id", row.get("contact_id"));
        event.put("contact_address", row.get("contact_address"));
        event.put("resource_id", row.get("resource_id"));
        event.put("participants", Json.stringList((String) row.get("participants")));
        event.put("summary", row.get("summary"));
        Map<String, Object> metadata = new LinkedHashMap<>(Json.map((String) row.get("metadata")));
        putIfPresent(metadata, "message_id", row.get("message_id"));
        putIfPresent(metadata, "task_id", row.get("task_id"));
        putIfPresent(metadata, "thread_id", row.get("thread_id"));
        putIfPresent(metadata, "workflow_id", row.get("workflow_id"));
        event.put("metadata", metadata);
        event.put("actor", row.get("actor"));
        return event;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.putIfAbsent(key, value);
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
