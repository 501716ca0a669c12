package dev.actionbox.task;

import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.activity.ActivityLog;
import dev.actionbox.store.EventQueue;
import dev.actionbox.store.Rows;
import dev.actionbox.store.Store;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Emits {@code follow_up_due} for open tasks whose follow-up time has come, once per
 * follow-up time. The claim and the event commit together, so two nodes never emit the same
 * follow-up twice.
 */
public final class FollowUpScheduler {

    private final Store store;

    public FollowUpScheduler(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Emits what is due now; returns how many follow-ups fired. */
    public int fireDue(int max) {
        return store.inTransaction(h -> {
            long now = System.currentTimeMillis();
            List<Map<String, Object>> due = h.createQuery("""
                    SELECT id, follow_up_at, source_message_id, source_thread_id FROM tasks
                    WHERE follow_up_at IS NOT NULL AND follow_up_at <= :now
                      AND follow_up_fired_at IS NULL AND status NOT IN ('done', 'cancelled')
                    ORDER BY follow_up_at, id LIMIT :max""" + store.dialect().claimLock())
                    .bind("now", now).bind("max", max).mapToMap().list();
            for (Map<String, Object> task : due) {
                String id = Rows.str(task, "id");
                h.createUpdate("UPDATE tasks SET follow_up_fired_at = :now WHERE id = :id")
                        .bind("now", now).bind("id", id).execute();
                ActivityLog.record(h, ActivityEntry.of("task.follow_up_due", id,
                                "Follow-up due for task " + id)
                        .task(id)
                        .message(null, Rows.str(task, "source_message_id"),
                                Rows.str(task, "source_thread_id"))
                        .metadata(Map.of("follow_up_at", Rows.time(task, "follow_up_at"))));
                EventQueue.enqueue(h, "follow_up_due", Map.of("task_id", id), 0);
            }
            return due.size();
        });
    }
}
