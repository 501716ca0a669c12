package dev.actionbox.activity;

import dev.actionbox.api.ApiCall;
import dev.actionbox.api.Page;
import dev.actionbox.api.RouteTable;
import dev.actionbox.api.Schema;
import dev.actionbox.auth.Scope;
import dev.actionbox.task.TaskService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/activity}: the feed, newest first, in the {@code {events, cursor}} shape.
 * A token sees only the kinds of events its scopes may read.
 */
public final class ActivityRoutes {

    /** Event type prefix to the scope that reads it; other types need email or context. */
    private static final Map<String, Scope> READ_SCOPE = Map.of(
            "task.", Scope.TASK_READ,
            "review.", Scope.TASK_READ,
            "workflow.", Scope.WORKFLOWS_READ,
            "webhook.", Scope.WEBHOOKS_READ,
            "draft.", Scope.DRAFTS_WRITE,
            "label.", Scope.LABELS_READ);

    private static final Schema EVENT = Schema.object()
            .with("id", Schema.string())
            .with("type", Schema.string().describedAs("Such as message.received, task.created"))
            .with("occurred_at", Schema.dateTime())
            .with("inbox_id", Schema.string().orNull())
            .with("contact_id", Schema.string().orNull())
            .with("contact_address", Schema.string().orNull())
            .with("resource_id", Schema.string().orNull())
            .with("participants", Schema.array(Schema.string()))
            .with("summary", Schema.string())
            .with("metadata", Schema.openObject())
            .with("actor", Schema.string())
            .require("id", "type", "occurred_at", "inbox_id", "contact_id", "contact_address",
                    "resource_id", "participants", "summary", "metadata", "actor")
            .named("ActivityEvent");
    private static final Schema FEED = Schema.object()
            .with("events", Schema.array(EVENT))
            .with("cursor", Schema.string().orNull().describedAs(
                    "Pass as ?cursor= for older events; null on the last page"))
            .require("events", "cursor")
            .named("ActivityFeed");

    private ActivityRoutes() {
    }

    public static void register(RouteTable routes, ActivityLog activity) {
        routes.add("GET", "/v1/activity", Set.of(Scope.CONTEXT_READ, Scope.EMAIL_READ), "none",
                "The activity feed", call -> feed(call, activity))
                .paged()
                .query("contact_id", Schema.string(), "Only events of this contact")
                .query("address", Schema.string(), "Only events of this address")
                .query("message_id", Schema.string(), "Only events of this message")
                .query("task_id", Schema.string(), "Only events of this task")
                .query("thread_id", Schema.string(), "Only events of this thread")
                .query("workflow_id", Schema.string(), "Only events of this workflow")
                .query("type", Schema.string(), "Only events of this type")
                .query("since", Schema.dateTime(), "Only events at or after this time")
                .answers(200, FEED);
    }

    private static Object feed(ApiCall call, ActivityLog activity) {
        int limit = call.limit();
        ActivityFilter filter = new ActivityFilter(call.query("contact_id"),
                call.query("address"), call.query("message_id"), call.query("task_id"),
                call.query("thread_id"), call.query("workflow_id"), call.query("type"),
                TaskService.parseTime(call.query("since"), "since"), call.cursorId(), limit);
        List<Map<String, Object>> rows = activity.find(filter);
        Page<Map<String, Object>> page = Page.of(rows, limit, e -> (String) e.get("id"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.data().stream().filter(e -> readable(call, e)).toList());
        body.put("cursor", page.nextCursor());
        return body;
    }

    private static boolean readable(ApiCall call, Map<String, Object> event) {
        String type = (String) event.get("type");
        return READ_SCOPE.entrySet().stream()
                .filter(e -> type.startsWith(e.getKey()))
                .findFirst()
                .map(e -> call.may(e.getValue()))
                .orElse(true);
    }
}
