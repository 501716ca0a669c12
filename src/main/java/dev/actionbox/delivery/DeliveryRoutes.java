package dev.actionbox.delivery;

import dev.actionbox.api.ApiException;
import dev.actionbox.api.RouteTable;
import dev.actionbox.auth.Scope;

/** {@code /v1/drafts} and {@code /v1/webhooks/deliveries}. */
public final class DeliveryRoutes {

    private DeliveryRoutes() {
    }

    public static void register(RouteTable routes, DraftService drafts, WebhookOutbox outbox) {
        routes.get("/v1/drafts", Scope.DRAFTS_WRITE, "List reply drafts",
                        call -> call.page(drafts.list(call.query("status"), call.cursorId(),
                                call.limit())))
                .get("/v1/drafts/{id}", Scope.DRAFTS_WRITE, "Get a draft",
                        call -> drafts.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("draft", call.path("id"))))
                .patch("/v1/drafts/{id}", Scope.DRAFTS_WRITE, "Edit a draft",
                        call -> drafts.update(call.path("id"), call.jsonObject(), call.actor()))
                .post("/v1/drafts/{id}/send", Scope.DRAFTS_WRITE,
                        "Send a draft through the SMTP relay",
                        call -> drafts.send(call.path("id"), call.actor()))
                .get("/v1/webhooks/deliveries", Scope.WEBHOOKS_READ, "List webhook deliveries",
                        call -> call.page(outbox.list(call.query("status"), call.cursorId(),
                                call.limit())))
                .get("/v1/webhooks/deliveries/{id}", Scope.WEBHOOKS_READ,
                        "Get a webhook delivery",
                        call -> outbox.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("webhook delivery", call.path("id"))))
                .post("/v1/webhooks/deliveries/{id}/redeliver", Scope.WORKFLOWS_WRITE,
                        "Send a webhook delivery again",
                        call -> outbox.redeliver(call.path("id"), call.actor()));
    }
}
