package dev.actionbox.workflow;

import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.activity.ActivityLog;
import dev.actionbox.api.Json;
import dev.actionbox.store.Ids;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Holds a write whose contract is not met, for a person to complete or reject. */
final class ReviewQueue {

    private ReviewQueue() {
    }

    static String hold(Handle h, WriteContext context, WriteSpec write,
            Map<String, Object> proposal, List<String> missing) {
        String id = Ids.next("rev");
        h.createUpdate("""
                INSERT INTO reviews (id, workflow_id, event_id, message_id, target_type, target,
                    proposal, missing, status, created_at)
                VALUES (:id, :workflow, :event, :message, :type, :target, :proposal, :missing,
                    'pending', :now)""")
                .bind("id", id)
                .bind("workflow", context.workflow().id())
                .bind("event", context.eventId())
                .bind("message", context.message().id())
                .bind("type", write.targetType())
                .bind("target", Json.write(write.target()))
                .bind("proposal", Json.write(proposal))
                .bind("missing", Json.write(missing))
                .bind("now", System.currentTimeMillis())
                .execute();
        ActivityLog.record(h, context.entry("review.held", id, "Held " + write.targetType()
                        + " for review; missing " + String.join(", ", missing))
                .metadata(Map.of("missing", missing, "target_type", write.targetType())));
        return id;
    }

    static ActivityEntry skipped(WriteContext context, WriteSpec write, String reason) {
        return context.entry("workflow.write_skipped", context.workflow().id(),
                        "Skipped " + write.targetType() + ": " + reason)
                .metadata(Map.of("target_type", write.targetType(), "reason", reason));
    }
}
