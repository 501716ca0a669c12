package dev.actionbox.workflow;

import dev.actionbox.api.ApiCall;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.auth.Scope;

/** {@code /v1/workflows} and {@code /v1/reviews}. */
public final class WorkflowRoutes {

    private WorkflowRoutes() {
    }

    public static void register(RouteTable routes, WorkflowService workflows,
            WorkflowTester tester, ReviewService reviews) {
        routes.get("/v1/workflows/reference", Scope.WORKFLOWS_READ,
                        "The workflow contract: triggers, fields, operators, targets",
                        call -> WorkflowReference.document())
                .post("/v1/workflows", Scope.WORKFLOWS_WRITE, "Create a workflow",
                        call -> ApiResponse.created(workflows.create(call.json(), call.actor())))
                .get("/v1/workflows", Scope.WORKFLOWS_READ, "List workflows",
                        call -> call.page(workflows.list(call.cursorId(), call.limit())))
                .get("/v1/workflows/{id}", Scope.WORKFLOWS_READ, "Get a workflow",
                        call -> workflows.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("workflow", call.path("id"))))
                .patch("/v1/workflows/{id}", Scope.WORKFLOWS_WRITE, "Change a workflow",
                        call -> workflows.update(call.path("id"), call.json(), call.actor()))
                .delete("/v1/workflows/{id}", Scope.WORKFLOWS_WRITE, "Delete a workflow", call -> {
                    workflows.delete(call.path("id"), call.actor());
                    return ApiResponse.noContent();
                })
                .post("/v1/workflows/{id}/test", Scope.WORKFLOWS_READ,
                        "Evaluate a workflow against a message without effects",
                        call -> test(call, tester))
                .get("/v1/reviews", Scope.TASK_READ, "List writes held for review",
                        call -> call.page(reviews.list(call.query("status"), call.cursorId(),
                                call.limit())))
                .get("/v1/reviews/{id}", Scope.TASK_READ, "Get a review",
                        call -> reviews.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("review", call.path("id"))))
                .post("/v1/reviews/{id}/approve", Scope.TASK_WRITE,
                        "Approve a held write, filling in what was missing",
                        call -> reviews.approve(call.path("id"), fields(call), call.actor()))
                .post("/v1/reviews/{id}/reject", Scope.TASK_WRITE, "Reject a held write",
                        call -> reviews.reject(call.path("id"), call.actor()));
    }

    private static Object test(ApiCall call, WorkflowTester tester) {
        String messageId = call.text("message_id");
        if (messageId == null) {
            throw ApiException.invalid("/message_id", "is required");
        }
        return tester.test(call.path("id"), messageId, call.text("label_id"));
    }

    private static com.fasterxml.jackson.databind.JsonNode fields(ApiCall call) {
        var body = call.jsonObject();
        return body.has("fields") ? body.get("fields") : body;
    }
}
