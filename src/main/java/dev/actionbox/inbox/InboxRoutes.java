package dev.actionbox.inbox;

import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.Page;
import dev.actionbox.api.RouteTable;
import dev.actionbox.auth.Scope;

/** {@code /v1/inboxes}: the addresses mail is accepted for. */
public final class InboxRoutes {

    private InboxRoutes() {
    }

    public static void register(RouteTable routes, InboxService inboxes) {
        routes.get("/v1/inboxes", Scope.EMAIL_READ, "List inboxes",
                        call -> Page.of(inboxes.list(), Page.MAX_LIMIT, i -> (String) i.get("id"))
                                .body())
                .post("/v1/inboxes", Scope.EMAIL_WRITE, "Create an inbox",
                        call -> ApiResponse.created(inboxes.create(call.text("address"))))
                .get("/v1/inboxes/{id}", Scope.EMAIL_READ, "Get an inbox",
                        call -> inboxes.get(call.path("id"))
                                .orElseThrow(() -> ApiException.notFound("inbox", call.path("id"))));
    }
}
