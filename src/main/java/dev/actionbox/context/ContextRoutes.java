package dev.actionbox.context;

import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.auth.Scope;

/** {@code /v1/context/{label_id}/entities}: what belongs to a label's context. */
public final class ContextRoutes {

    private ContextRoutes() {
    }

    public static void register(RouteTable routes, ContextService context) {
        routes.post("/v1/context/{label_id}/entities", Scope.CONTEXT_WRITE,
                        "Attach an entity to a label's context", call -> {
                            call.jsonObject();
                            return ApiResponse.created(context.add(call.path("label_id"),
                                    call.text("entity_type"), call.text("entity_id"),
                                    call.actor()));
                        })
                .get("/v1/context/{label_id}/entities", Scope.CONTEXT_READ,
                        "List a label's context entities",
                        call -> call.page(context.list(call.path("label_id"), call.cursorId(),
                                call.limit())))
                .delete("/v1/context/{label_id}/entities/{ent_id}", Scope.CONTEXT_WRITE,
                        "Remove an entity from a label's context", call -> {
                            context.remove(call.path("label_id"), call.path("ent_id"),
                                    call.actor());
                            return ApiResponse.noContent();
                        });
    }
}
