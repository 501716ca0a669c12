package dev.actionbox.task;

import dev.actionbox.api.ApiCall;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.auth.Scope;

/** {@code /v1/tasks}. */
public final class TaskRoutes {

    private TaskRoutes() {
    }

    public static void register(RouteTable routes, TaskService tasks) {
        routes.post("/v1/tasks", Scope.TASK_WRITE, "Create a task by hand",
                        call -> ApiResponse.created(tasks.create(call.json(), call.actor())))
                .get("/v1/tasks", Scope.TASK_READ, "List tasks", call -> list(call, tasks))
                .get("/v1/tasks/{id}", Scope.TASK_READ, "Get a task",
                        call -> tasks.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("task", call.path("id"))))
                .patch("/v1/tasks/{id}", Scope.TASK_WRITE,
                        "Change a task's status, owner, priority or dates",
                        call -> tasks.update(call.path("id"), call.json(), call.actor()))
                .delete("/v1/tasks/{id}", Scope.TASK_WRITE, "Delete a task", call -> {
                    tasks.delete(call.path("id"), call.actor());
                    return ApiResponse.noContent();
                });
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
