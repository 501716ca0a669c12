package dev.actionbox.workflow;

import dev.actionbox.api.ApiCall;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.api.Schema;
import dev.actionbox.auth.Scope;

/** {@code /v1/workflows} and {@code /v1/reviews}. */
public final class WorkflowRoutes {

    private static final java.util.List<String> REVIEW_STATUSES =
            java.util.List.of("pending", "approved", "rejected");

    private static final Schema CONDITION = Schema.object()
            .with("field", Schema.text(2_000).describedAs(
                    "A path in the event payload, or a short form such as from or subject"))
            .with("op", Schema.oneOf(WorkflowReference.OPERATORS))
            .with("value", Schema.any())
            .with("any", Schema.array(Schema.openObject()).describedAs(
                    "A group that matches when any of its conditions does"))
            .with("all", Schema.array(Schema.openObject()).describedAs(
                    "A group that matches when all of its conditions do"))
            .named("Condition");
    private static final Schema TARGET = Schema.object()
            .with("type", Schema.oneOf(WorkflowReference.TARGETS))
            .with("status", Schema.string(2_000))
            .with("priority", Schema.string(2_000))
            .with("owner", Schema.string(2_000))
            .with("url", Schema.string(2_000))
            .with("event_type", Schema.string(2_000))
            .with("secret", Schema.string(2_000))
            .with("headers", Schema.mapOf(Schema.string(2_000)))
            .with("template", Schema.string(100_000))
            .with("subject", Schema.string(2_000))
            .with("label_id", Schema.string(2_000))
            .require("type")
            .describedAs("Which fields apply depends on type; GET /v1/workflows/reference/ "
                    + "lists them")
            .named("WriteTarget");
    private static final Schema WRITE = Schema.object()
            .with("source", Schema.object()
                    .with("from", Schema.oneOf(java.util.List.of("event.payload")))
                    .with("map", Schema.mapOf(Schema.string(100_000)).describedAs(
                            "Target field to template")))
            .with("target", TARGET)
            .with("contract", Schema.object()
                    .with("required", Schema.array(Schema.string(200))))
            .with("policy", Schema.object()
                    .with("on_missing", Schema.oneOf(WorkflowReference.POLICIES)))
            .require("target")
            .named("Write");
    private static final Schema NEW_WORKFLOW = Schema.object()
            .with("name", Schema.text(2_000))
            .with("description", Schema.string(10_000).orNull())
            .with("trigger", Schema.oneOf(WorkflowReference.TRIGGERS))
            .with("conditions", Schema.array(CONDITION).orNull())
            .with("writes", Schema.array(WRITE).withItemCount(1, 100))
            .with("enabled", Schema.bool())
            .require("name", "trigger", "writes")
            .named("NewWorkflow");
    private static final Schema WORKFLOW_CHANGES = NEW_WORKFLOW.optional()
            .named("WorkflowChanges");
    private static final Schema WORKFLOW = Schema.object()
            .with("id", Schema.string())
            .with("name", Schema.string())
            .with("trigger", Schema.oneOf(WorkflowReference.TRIGGERS))
            .with("conditions", Schema.array(Schema.any()))
            .with("writes", Schema.array(Schema.any()))
            .with("enabled", Schema.bool())
            .with("created_at", Schema.dateTime())
            .with("updated_at", Schema.dateTime())
            .require("id", "name", "trigger", "conditions", "writes", "enabled", "created_at",
                    "updated_at")
            .named("Workflow");
    private static final Schema TEST_REQUEST = Schema.object()
            .with("message_id", Schema.text(200))
            .with("label_id", Schema.string(200).orNull().describedAs(
                    "For label_applied workflows, the label to pretend was applied"))
            .require("message_id")
            .named("WorkflowTestRequest");
    private static final Schema TEST_RESULT = Schema.object()
            .with("workflow_id", Schema.string())
            .with("message_id", Schema.string())
            .with("matched", Schema.bool())
            .with("writes", Schema.array(Schema.object()
                    .with("target_type", Schema.string())
                    .with("would_run", Schema.bool())
                    .require("target_type", "would_run")))
            .with("payload", Schema.openObject().describedAs("The event payload conditions saw"))
            .require("workflow_id", "message_id", "matched", "writes", "payload")
            .named("WorkflowTestResult");
    private static final Schema REVIEW = Schema.object()
            .with("id", Schema.string())
            .with("workflow_id", Schema.string().orNull())
            .with("message_id", Schema.string().orNull())
            .with("target_type", Schema.string())
            .with("target", Schema.openObject())
            .with("proposal", Schema.openObject().describedAs("The fields the write would use"))
            .with("missing", Schema.array(Schema.string()))
            .with("status", Schema.oneOf(REVIEW_STATUSES))
            .with("result_id", Schema.string().orNull())
            .with("created_at", Schema.dateTime())
            .with("resolved_at", Schema.dateTime().orNull())
            .require("id", "workflow_id", "message_id", "target_type", "target", "proposal",
                    "missing", "status", "result_id", "created_at", "resolved_at")
            .named("Review");
    private static final Schema APPROVAL = Schema.object()
            .with("fields", Schema.openObject().describedAs(
                    "Values for the missing fields, and any other field to change"))
            .named("ReviewApproval");
    private static final Schema NO_BODY = Schema.object().named("Empty");

    private WorkflowRoutes() {
    }

    public static void register(RouteTable routes, WorkflowService workflows,
            WorkflowTester tester, ReviewService reviews) {
        routes.get("/v1/workflows/reference", Scope.WORKFLOWS_READ,
                        "The workflow contract: triggers, fields, operators, targets",
                        call -> WorkflowReference.document())
                .answers(200, Schema.openObject().named("WorkflowReference"))
                .post("/v1/workflows", Scope.WORKFLOWS_WRITE, "Create a workflow",
                        call -> ApiResponse.created(workflows.create(call.json(), call.actor())))
                .accepts(NEW_WORKFLOW).answers(201, WORKFLOW)
                .get("/v1/workflows", Scope.WORKFLOWS_READ, "List workflows",
                        call -> call.page(workflows.list(call.cursorId(), call.limit())))
                .paged().answers(200, Schema.page(WORKFLOW))
                .get("/v1/workflows/{id}", Scope.WORKFLOWS_READ, "Get a workflow",
                        call -> workflows.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("workflow", call.path("id"))))
                .answers(200, WORKFLOW)
                .patch("/v1/workflows/{id}", Scope.WORKFLOWS_WRITE, "Change a workflow",
                        call -> workflows.update(call.path("id"), call.json(), call.actor()))
                .accepts(WORKFLOW_CHANGES).answers(200, WORKFLOW)
                .delete("/v1/workflows/{id}", Scope.WORKFLOWS_WRITE, "Delete a workflow", call -> {
                    workflows.delete(call.path("id"), call.actor());
                    return ApiResponse.noContent();
                })
                .answers(204, null)
                .post("/v1/workflows/{id}/test", Scope.WORKFLOWS_READ,
                        "Evaluate a workflow against a message without effects",
                        call -> test(call, tester))
                .accepts(TEST_REQUEST).answers(200, TEST_RESULT)
                .get("/v1/reviews", Scope.TASK_READ, "List writes held for review",
                        call -> call.page(reviews.list(call.query("status"), call.cursorId(),
                                call.limit())))
                .paged().query("status", Schema.oneOf(REVIEW_STATUSES),
                        "Only reviews in this status")
                .answers(200, Schema.page(REVIEW))
                .get("/v1/reviews/{id}", Scope.TASK_READ, "Get a review",
                        call -> reviews.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("review", call.path("id"))))
                .answers(200, REVIEW)
                .post("/v1/reviews/{id}/approve", Scope.TASK_WRITE,
                        "Approve a held write, filling in what was missing",
                        call -> reviews.approve(call.path("id"), fields(call), call.actor()))
                .accepts(APPROVAL).answers(200, REVIEW)
                .post("/v1/reviews/{id}/reject", Scope.TASK_WRITE, "Reject a held write",
                        call -> reviews.reject(call.path("id"), call.actor()))
                .accepts(NO_BODY).answers(200, REVIEW);
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
