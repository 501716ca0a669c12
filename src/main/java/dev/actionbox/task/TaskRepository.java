package dev.actionbox.task;

import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.activity.ActivityLog;
import dev.actionbox.api.Json;
import dev.actionbox.store.EventQueue;
import dev.actionbox.store.Ids;
import dev.actionbox.store.Rows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Task rows, written inside the caller's transaction. */
public final class TaskRepository {

    private TaskRepository() {
    }

    /** Inserts a task and its {@code task.created} activity; returns its id. */
    public static String insert(Handle h, NewTask task, String actor, String inboxId,
            String contactId) {
        String id = Ids.next("tsk");
        long now = System.currentTimeMillis();
        h.createUpdate("""
                INSERT INTO tasks (id, summary, description, status, priority, owner, due_at,
                    follow_up_at, context_json, source_message_id, source_thread_id,
                    source_workflow_id, requester_address, created_at, updated_at)
                VALUES (:id, :summary, :description, :status, :priority, :owner, :due, :followUp,
                    :context, :message, :thread, :workflow, :requester, :now, :now)""")
                .bind("id", id)
                .bind("summary", task.summary())
                .bind("description", task.description())
                .bind("status", task.status())
                .bind("priority", task.priority())
                .bind("owner", task.owner())
                .bind("due", task.dueAt())
                .bind("followUp", task.followUpAt())
                .bind("context", Json.write(task.context()))
                .bind("message", task.sourceMessageId())
                .bind("thread", task.sourceThreadId())
                .bind("workflow", task.sourceWorkflowId())
                .bind("requester", task.requesterAddress())
                .bind("now", now)
                .execute();
        for (String label : task.labels()) {
            h.createUpdate("INSERT INTO task_labels (task_id, label_id) VALUES (:task, :label)")
                    .bind("task", id).bind("label", label).execute();
        }
        if (task.sourceMessageId() != null) {
            h.createUpdate("""
                    INSERT INTO task_messages (task_id, message_id, added_at)
                    VALUES (:task, :message, :now)""")
                    .bind("task", id).bind("message", task.sourceMessageId()).bind("now", now)
                    .execute();
        }
        ActivityLog.record(h, ActivityEntry.of("task.created", id,
                        "Task created: " + task.summary())
                .actor(actor)
                .task(id)
                .workflow(task.sourceWorkflowId())
                .message(inboxId, task.sourceMessageId(), task.sourceThreadId())
                .contact(contactId, task.requesterAddress())
                .metadata(Map.of("status", task.status(), "priority", task.priority())));
        return id;
    }

    /**
     * Changes a task's status, recording {@code task.status_changed} and queueing a
     * {@code task_status_changed} event; does nothing when the status is already that one.
     */
    public static boolean changeStatus(Handle h, String taskId, String status, String actor) {
        Optional<Map<String, Object>> row = row(h, taskId);
        if (row.isEmpty()) {
            return false;
        }
        String previous = Rows.str(row.get(), "status");
        if (previous.equals(status)) {
            return false;
        }
        h.createUpdate("UPDATE tasks SET status = :status, updated_at = :now WHERE id = :id")
                .bind("status", status).bind("now", System.currentTimeMillis())
                .bind("id", taskId).execute();
        ActivityLog.record(h, ActivityEntry.of("task.status_changed", taskId,
                        "Task status changed from " + previous + " to " + status)
                .actor(actor)
                .task(taskId)
                .message(null, Rows.str(row.get(), "source_message_id"),
                        Rows.str(row.get(), "source_thread_id"))
                .metadata(Map.of("from", previous, "to", status)));
        EventQueue.enqueue(h, "task_status_changed",
                Map.of("task_id", taskId, "previous_status", previous, "status", status), 0);
        return true;
    }

    /** The open task a workflow already made in this thread, if any. */
    public static Optional<Map<String, Object>> openInThread(Handle h, String threadId,
            String workflowId) {
        return h.createQuery("""
                SELECT * FROM tasks
                WHERE source_thread_id = :thread AND source_workflow_id = :workflow
                  AND status NOT IN ('done', 'cancelled')
                ORDER BY id DESC LIMIT 1""")
                .bind("thread", threadId).bind("workflow", workflowId)
                .mapToMap().findOne();
    }

    /** The open task a message already belongs to, made by any workflow or by hand. */
    public static Optional<String> openTaskOfMessage(Handle h, String messageId) {
        return h.createQuery("""
                SELECT t.id FROM tasks t JOIN task_messages m ON m.task_id = t.id
                WHERE m.message_id = :message AND t.status NOT IN ('done', 'cancelled')
                ORDER BY t.id LIMIT 1""")
                .bind("message", messageId).mapTo(String.class).findOne();
    }

    /** Attaches a later message of the thread to a task; false when it was already there. */
    public static boolean attachMessage(Handle h, String taskId, String messageId) {
        return h.createUpdate("""
                INSERT INTO task_messages (task_id, message_id, added_at)
                VALUES (:task, :message, :now) ON CONFLICT DO NOTHING""")
                .bind("task", taskId).bind("message", messageId)
                .bind("now", System.currentTimeMillis()).execute() > 0;
    }

    public static Optional<Map<String, Object>> row(Handle h, String id) {
        return h.createQuery("SELECT * FROM tasks WHERE id = :id").bind("id", id)
                .mapToMap().findOne();
    }

    /** The API view of a task. */
    public static Optional<Map<String, Object>> view(Handle h, String id) {
        return row(h, id).map(row -> view(h, row));
    }

    /** The API view of a task row already read. */
    static Map<String, Object> view(Handle h, Map<String, Object> row) {
        String id = Rows.str(row, "id");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("summary", row.get("summary"));
        view.put("description", row.get("description"));
        view.put("status", row.get("status"));
        view.put("priority", row.get("priority"));
        view.put("owner", row.get("owner"));
        view.put("due_at", Rows.time(row, "due_at"));
        view.put("follow_up_at", Rows.time(row, "follow_up_at"));
        view.put("labels", h.createQuery(
                        "SELECT label_id FROM task_labels WHERE task_id = :id ORDER BY label_id")
                .bind("id", id).mapTo(String.class).list());
        view.put("context", Json.mapList(Rows.str(row, "context_json")));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("message_id", row.get("source_message_id"));
        source.put("thread_id", row.get("source_thread_id"));
        source.put("workflow_id", row.get("source_workflow_id"));
        view.put("source", source);
        view.put("message_ids", h.createQuery("""
                SELECT message_id FROM task_messages WHERE task_id = :id
                ORDER BY added_at, message_id""")
                .bind("id", id).mapTo(String.class).list());
        view.put("requester", row.get("requester_address"));
        view.put("created_at", Rows.time(row, "created_at"));
        view.put("updated_at", Rows.time(row, "updated_at"));
        return view;
    }
}
