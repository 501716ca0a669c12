package dev.actionbox.contact;

import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.auth.Scope;

/** {@code /v1/contacts}: part of the context scopes, as the seed's token expects. */
public final class ContactRoutes {

    private ContactRoutes() {
    }

    public static void register(RouteTable routes, ContactService contacts) {
        routes.post("/v1/contacts", Scope.CONTEXT_WRITE, "Create a contact",
                        call -> ApiResponse.created(contacts.create(call.jsonObject(),
                                call.actor())))
                .get("/v1/contacts", Scope.CONTEXT_READ, "List contacts",
                        call -> call.page(contacts.list(call.cursorId(), call.limit(),
                                call.query("address"))))
                .get("/v1/contacts/{id}", Scope.CONTEXT_READ, "Get a contact",
                        call -> contacts.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("contact", call.path("id"))))
                .patch("/v1/contacts/{id}", Scope.CONTEXT_WRITE, "Change a contact",
                        call -> contacts.update(call.path("id"), call.jsonObject(),
                                call.actor()));
    }
}
