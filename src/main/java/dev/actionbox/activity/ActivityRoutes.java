package dev.actionbox.activity;

import dev.actionbox.api.ApiCall;
import dev.actionbox.api.Page;
import dev.actionbox.api.RouteTable;
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

    private ActivityRoutes() {
    }

    public static void register(RouteTable routes, ActivityLog activity) {
        routes.add("GET", "/v1/activity", Set.of(Scope.CONTEXT_READ, Scope.EMAIL_READ), "none",
                "The activity feed", call -> feed(call, activity));
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
