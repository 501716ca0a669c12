package dev.actionbox.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.activity.ActivityLog;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.ValidationException;
import dev.actionbox.store.Store;
import dev.actionbox.store.Times;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.Query;

/** Tasks through the API: manual creation, lists with filters, and changes by people. */
public final class TaskService {

    /** Filters of the task list; null means any. */
    public record Filter(String status, String labelId, String owner, Long dueBefore,
            String before, int limit) {
    }

    private static final Set<String> WRITABLE = Set.of("summary", "description", "status",
            "priority", "owner", "due_at", "follow_up_at", "labels");

    private final Store store;

    public TaskService(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public Map<String, Object> create(JsonNode body, String actor) {
        TaskChanges changes = TaskChanges.read(body, WRITABLE, true);
        NewTask task = new NewTask(changes.summary(), changes.description(), changes.status(),
                changes.priority(), changes.owner(), changes.dueAt(), changes.followUpAt(),
                changes.labels(), List.of(), null, null, null, null);
        String id = store.inTransaction(h -> TaskRepository.insert(h, task, actor, null, null));
        return get(id).orElseThrow();
    }

    public Optional<Map<String, Object>> get(String id) {
        return store.read(h -> TaskRepository.view(h, id));
    }

    public List<Map<String, Object>> list(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT t.* FROM tasks t WHERE 1 = 1");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (filter.status() != null) {
            sql.append(" AND t.status = :status");
            binds.put("status", filter.status());
        }
        if (filter.labelId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM task_labels l WHERE l.task_id = t.id"
                    + " AND l.label_id = :label)");
            binds.put("label", filter.labelId());
        }
        if (filter.owner() != null) {
            sql.append(" AND t.owner = :owner");
            binds.put("owner", filter.owner());
        }
        if (filter.dueBefore() != null) {
            sql.append(" AND t.due_at IS NOT NULL AND t.due_at < :due");
            binds.put("due", filter.dueBefore());
        }
        if (filter.before() != null) {
            sql.append(" AND t.id < :before");
            binds.put("before", filter.before());
        }
        sql.append(" ORDER BY t.id DESC LIMIT :limit");
        binds.put("limit", filter.limit() + 1);

        return store.read(h -> {
            List<Map<String, Object>> tasks = new ArrayList<>();
            Query query = h.createQuery(sql.toString());
            binds.forEach(query::bind);
            for (Map<String, Object> row : query.mapToMap().list()) {
                tasks.add(TaskRepository.view(h, row));
            }
            return tasks;
        });
    }

    /** Applies the given fields; a status change is recorded and emits its event. */
    public Map<String, Object> update(String id, JsonNode body, String actor) {
        TaskChanges changes = TaskChanges.read(body, WRITABLE, false);
        store.useTransaction(h -> {
            if (TaskRepository.row(h, id).isEmpty()) {
                throw ApiException.notFound("task", id);
            }
            h.createUpdate("""
                    UPDATE tasks SET summary = COALESCE(:summary, summary),
                        description = COALESCE(:description, description),
                        priority = COALESCE(:priority, priority),
                        owner = CASE WHEN :ownerSet = 1 THEN :owner ELSE owner END,
                        due_at = CASE WHEN :dueSet = 1 THEN :due ELSE due_at END,
                        follow_up_at = CASE WHEN :followSet = 1 THEN :follow ELSE follow_up_at END,
                        follow_up_fired_at = CASE WHEN :followSet = 1 THEN NULL
                            ELSE follow_up_fired_at END,
                        updated_at = :now
                    WHERE id = :id""")
                    .bind("summary", changes.summary())
                    .bind("description", changes.description())
                    .bind("priority", changes.priority())
                    .bind("ownerSet", changes.has("owner") ? 1 : 0)
                    .bind("owner", changes.owner())
                    .bind("dueSet", changes.has("due_at") ? 1 : 0)
                    .bind("due", changes.dueAt())
                    .bind("followSet", changes.has("follow_up_at") ? 1 : 0)
                    .bind("follow", changes.followUpAt())
                    .bind("now", System.currentTimeMillis())
                    .bind("id", id)
                    .execute();
            if (changes.labels() != null) {
                h.createUpdate("DELETE FROM task_labels WHERE task_id = :id").bind("id", id)
                        .execute();
                changes.labels().forEach(label -> h.createUpdate(
                                "INSERT INTO task_labels (task_id, label_id) VALUES (:id, :label)")
                        .bind("id", id).bind("label", label).execute());
            }
            recordUpdate(h, id, changes, actor);
            if (changes.status() != null) {
                TaskRepository.changeStatus(h, id, changes.status(), actor);
            }
        });
        return get(id).orElseThrow();
    }

    public void delete(String id, String actor) {
        store.useTransaction(h -> {
            int deleted = h.createUpdate("DELETE FROM tasks WHERE id = :id").bind("id", id)
                    .execute();
            if (deleted == 0) {
                throw ApiException.notFound("task", id);
            }
            ActivityLog.record(h, ActivityEntry.of("task.deleted", id, "Task " + id + " deleted")
                    .actor(actor).task(id));
        });
    }

    private static void recordUpdate(org.jdbi.v3.core.Handle h, String id, TaskChanges changes,
            String actor) {
        List<String> fields = new ArrayList<>(changes.present());
        fields.remove("status");
        if (fields.isEmpty()) {
            return;
        }
        ActivityLog.record(h, ActivityEntry.of("task.updated", id,
                        "Task updated: " + String.join(", ", fields))
                .actor(actor).task(id).metadata(Map.of("fields", fields)));
    }

    /** Reads an RFC 3339 time from a query parameter. */
    public static Long parseTime(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Times.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationException(List.of(ValidationException.detail("/" + parameter,
                    "must be an RFC 3339 time such as 2026-01-31T17:00:00Z")));
        }
    }
}
