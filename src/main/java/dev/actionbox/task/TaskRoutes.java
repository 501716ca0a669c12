package dev.actionbox.task;

import dev.actionbox.api.ApiCall;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.api.Schema;
import dev.actionbox.auth.Scope;

/** {@code /v1/tasks}. */
public final class TaskRoutes {

    private static final Schema SOURCE = Schema.object()
            .with("message_id", Schema.string().orNull())
            .with("thread_id", Schema.string().orNull())
            .with("workflow_id", Schema.string().orNull())
            .require("message_id", "thread_id", "workflow_id")
            .named("TaskSource");
    private static final Schema TASK = Schema.object()
            .with("id", Schema.string())
            .with("summary", Schema.string())
            .with("description", Schema.string().orNull())
            .with("status", Schema.oneOf(TaskStatus.STATUSES))
            .with("priority", Schema.oneOf(TaskStatus.PRIORITIES))
            .with("owner", Schema.string().orNull())
            .with("due_at", Schema.dateTime().orNull())
            .with("follow_up_at", Schema.dateTime().orNull())
            .with("labels", Schema.array(Schema.string()))
            .with("context", Schema.array(Schema.openObject()).describedAs(
                    "The entities of the task's labels' context"))
            .with("source", SOURCE)
            .with("message_ids", Schema.array(Schema.string()))
            .with("requester", Schema.string().orNull())
            .with("created_at", Schema.dateTime())
            .with("updated_at", Schema.dateTime())
            .require("id", "summary", "description", "status", "priority", "owner", "due_at",
                    "follow_up_at", "labels", "context", "source", "message_ids", "requester",
                    "created_at", "updated_at")
            .named("Task");
    private static final Schema NEW_TASK = Schema.object()
            .with("summary", Schema.text(500))
            .with("description", Schema.string(100_000).orNull())
            .with("status", Schema.oneOf(TaskStatus.STATUSES).orNull())
            .with("priority", Schema.oneOf(TaskStatus.PRIORITIES).orNull())
            .with("owner", Schema.string(200).orNull())
            .with("due_at", Schema.dateTime().orNull())
            .with("follow_up_at", Schema.dateTime().orNull())
            .with("labels", Schema.array(Schema.string(200)).withItemCount(null, 100).orNull())
            .require("summary")
            .named("NewTask");
    private static final Schema TASK_CHANGES = NEW_TASK.optional().named("TaskChanges");

    private TaskRoutes() {
    }

    public static void register(RouteTable routes, TaskService tasks) {
        routes.post("/v1/tasks", Scope.TASK_WRITE, "Create a task by hand",
                        call -> ApiResponse.created(tasks.create(call.json(), call.actor())))
                .accepts(NEW_TASK).answers(201, TASK)
                .get("/v1/tasks", Scope.TASK_READ, "List tasks", call -> list(call, tasks))
                .paged()
                .query("status", Schema.oneOf(TaskStatus.STATUSES), "Only tasks in this status")
                .query("label_id", Schema.string(), "Only tasks with this label")
                .query("owner", Schema.string(), "Only tasks of this owner")
                .query("due_before", Schema.dateTime(), "Only tasks due before this time")
                .answers(200, Schema.page(TASK))
                .get("/v1/tasks/{id}", Scope.TASK_READ, "Get a task",
                        call -> tasks.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("task", call.path("id"))))
                .answers(200, TASK)
                .patch("/v1/tasks/{id}", Scope.TASK_WRITE,
                        "Change a task's status, owner, priority or dates",
                        call -> tasks.update(call.path("id"), call.json(), call.actor()))
                .accepts(TASK_CHANGES).answers(200, TASK)
                .delete("/v1/tasks/{id}", Scope.TASK_WRITE, "Delete a task", call -> {
                    tasks.delete(call.path("id"), call.actor());
                    return ApiResponse.noContent();
                })
                .answers(204, null);
    }

    private static Object list(ApiCall call, TaskService tasks) {
        String status = call.query("status");
        if (status != null && !TaskStatus.STATUSES.contains(status)) {
            throw ApiException.invalid("/status", "must be one of " + TaskStatus.STATUSES);
        }
        return call.page(tasks.list(new TaskService.Filter(status, call.query("label_id"),
                call.query("owner"), TaskService.parseTime(call.query("due_before"), "due_before"),
                call.cursorId(), call.limit())));
    }
}
