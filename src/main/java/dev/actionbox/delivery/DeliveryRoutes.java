package dev.actionbox.delivery;

import dev.actionbox.api.ApiException;
import dev.actionbox.api.RouteTable;
import dev.actionbox.api.Schema;
import dev.actionbox.auth.Scope;
import java.util.List;

/** {@code /v1/drafts} and {@code /v1/webhooks/deliveries}. */
public final class DeliveryRoutes {

    /** The states a draft and a delivery can be in: for their views and their list filters. */
    private static final List<String> DRAFT_STATUSES = List.of("draft", "sent", "failed");
    private static final List<String> DELIVERY_STATUSES = List.of("pending", "delivered", "dead");

    private static final Schema RECIPIENT = Schema.object()
            .with("name", Schema.string(500).orNull())
            .with("address", Schema.text(320))
            .require("address")
            .named("Recipient");
    private static final Schema DRAFT = Schema.object()
            .with("id", Schema.string())
            .with("message_id", Schema.string().orNull())
            .with("workflow_id", Schema.string().orNull())
            .with("to", Schema.array(RECIPIENT))
            .with("subject", Schema.string())
            .with("body", Schema.string())
            .with("in_reply_to", Schema.string().orNull())
            .with("references", Schema.array(Schema.string()))
            .with("message_id_header", Schema.string().orNull()
                    .describedAs("The Message-ID the reply is sent with"))
            .with("headers", Schema.mapOf(Schema.string())
                    .describedAs("Extra headers the reply carries, e.g. Thread-Index"))
            .with("status", Schema.oneOf(DRAFT_STATUSES))
            .with("sent_at", Schema.dateTime().orNull())
            .with("last_error", Schema.string().orNull())
            .with("created_at", Schema.dateTime())
            .with("updated_at", Schema.dateTime())
            .require("id", "message_id", "workflow_id", "to", "subject", "body", "in_reply_to",
                    "references", "status", "sent_at", "last_error", "created_at", "updated_at")
            .named("Draft");
    private static final Schema DRAFT_CHANGES = Schema.object()
            .with("to", Schema.array(RECIPIENT).withItemCount(1, 100))
            .with("subject", Schema.string(2_000))
            .with("body", Schema.string(500_000))
            .named("DraftChanges");
    private static final Schema DELIVERY = Schema.object()
            .with("id", Schema.string().describedAs("Also the webhook-id header: dedupe on it"))
            .with("workflow_id", Schema.string().orNull())
            .with("message_id", Schema.string().orNull())
            .with("url", Schema.string())
            .with("event_type", Schema.string())
            .with("status", Schema.oneOf(DELIVERY_STATUSES))
            .with("attempts", Schema.integer())
            .with("next_attempt_at", Schema.dateTime().orNull())
            .with("last_status_code", Schema.integer().orNull())
            .with("last_error", Schema.string().orNull())
            .with("payload", Schema.openObject())
            .with("created_at", Schema.dateTime())
            .with("updated_at", Schema.dateTime())
            .require("id", "workflow_id", "message_id", "url", "event_type", "status",
                    "attempts", "next_attempt_at", "last_status_code", "last_error", "payload",
                    "created_at", "updated_at")
            .named("WebhookDelivery");
    private static final Schema NO_BODY = Schema.object().named("Empty");

    private DeliveryRoutes() {
    }

    public static void register(RouteTable routes, DraftService drafts, WebhookOutbox outbox) {
        routes.get("/v1/drafts", Scope.DRAFTS_WRITE, "List reply drafts",
                        call -> call.page(drafts.list(call.query("status"), call.cursorId(),
                                call.limit())))
                .paged().query("status", Schema.oneOf(DRAFT_STATUSES),
                        "Only drafts in this status")
                .answers(200, Schema.page(DRAFT))
                .get("/v1/drafts/{id}", Scope.DRAFTS_WRITE, "Get a draft",
                        call -> drafts.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("draft", call.path("id"))))
                .answers(200, DRAFT)
                .patch("/v1/drafts/{id}", Scope.DRAFTS_WRITE, "Edit a draft",
                        call -> drafts.update(call.path("id"), call.jsonObject(), call.actor()))
                .accepts(DRAFT_CHANGES).answers(200, DRAFT)
                .post("/v1/drafts/{id}/send", Scope.DRAFTS_WRITE,
                        "Send a draft through the SMTP relay",
                        call -> drafts.send(call.path("id"), call.actor()))
                .accepts(NO_BODY).answers(200, DRAFT)
                .get("/v1/webhooks/deliveries", Scope.WEBHOOKS_READ, "List webhook deliveries",
                        call -> call.page(outbox.list(call.query("status"), call.cursorId(),
                                call.limit())))
                .paged().query("status", Schema.oneOf(DELIVERY_STATUSES),
                        "Only deliveries in this status")
                .answers(200, Schema.page(DELIVERY))
                .get("/v1/webhooks/deliveries/{id}", Scope.WEBHOOKS_READ,
                        "Get a webhook delivery",
                        call -> outbox.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("webhook delivery", call.path("id"))))
                .answers(200, DELIVERY)
                .post("/v1/webhooks/deliveries/{id}/redeliver", Scope.WORKFLOWS_WRITE,
                        "Send a webhook delivery again",
                        call -> outbox.redeliver(call.path("id"), call.actor()))
                .accepts(NO_BODY).answers(200, DELIVERY);
    }
}
