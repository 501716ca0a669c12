package dev.actionbox.inbox;

import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.api.Schema;
import dev.actionbox.auth.Scope;

/** {@code /v1/inboxes}: the addresses mail is accepted for. */
public final class InboxRoutes {

    private static final Schema INBOX = Schema.object()
            .with("id", Schema.string())
            .with("address", Schema.string().describedAs("An address, *@domain or *"))
            .with("catch_all", Schema.bool())
            .with("created_at", Schema.dateTime())
            .require("id", "address", "catch_all", "created_at")
            .named("Inbox");
    private static final Schema NEW_INBOX = Schema.object()
            .with("address", Schema.text(320).describedAs(
                    "An address such as support@example.com, *@example.com or * (catch-all)"))
            .require("address")
            .named("NewInbox");

    private InboxRoutes() {
    }

    public static void register(RouteTable routes, InboxService inboxes) {
        routes.get("/v1/inboxes", Scope.EMAIL_READ, "List inboxes",
                        call -> call.pageOfAll(inboxes.list()))
                .paged().answers(200, Schema.page(INBOX))
                .post("/v1/inboxes", Scope.EMAIL_WRITE, "Create an inbox",
                        call -> ApiResponse.created(inboxes.create(call.text("address"))))
                .accepts(NEW_INBOX).answers(201, INBOX)
                .get("/v1/inboxes/{id}", Scope.EMAIL_READ, "Get an inbox",
                        call -> inboxes.get(call.path("id"))
                                .orElseThrow(() -> ApiException.notFound("inbox", call.path("id"))))
                .answers(200, INBOX);
    }
}
