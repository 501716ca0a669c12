package dev.actionbox.context;

import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.api.Schema;
import dev.actionbox.auth.Scope;

/** {@code /v1/context/{label_id}/entities}: what belongs to a label's context. */
public final class ContextRoutes {

    private static final java.util.List<String> ENTITY_TYPES =
            ContextService.ENTITY_TYPES.stream().sorted().toList();
    private static final Schema ENTITY = Schema.object()
            .with("id", Schema.string())
            .with("label_id", Schema.string())
            .with("entity_type", Schema.oneOf(ENTITY_TYPES))
            .with("entity_id", Schema.string())
            .with("created_at", Schema.dateTime())
            .require("id", "label_id", "entity_type", "entity_id", "created_at")
            .named("ContextEntity");
    private static final Schema NEW_ENTITY = Schema.object()
            .with("entity_type", Schema.oneOf(ENTITY_TYPES))
            .with("entity_id", Schema.text(320).describedAs(
                    "A contact id (ctc_...), a domain, or a project, client, status or priority "
                            + "name"))
            .require("entity_type", "entity_id")
            .named("NewContextEntity");

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
                .accepts(NEW_ENTITY).answers(201, ENTITY)
                .get("/v1/context/{label_id}/entities", Scope.CONTEXT_READ,
                        "List a label's context entities",
                        call -> call.page(context.list(call.path("label_id"), call.cursorId(),
                                call.limit())))
                .paged().answers(200, Schema.page(ENTITY))
                .delete("/v1/context/{label_id}/entities/{ent_id}", Scope.CONTEXT_WRITE,
                        "Remove an entity from a label's context", call -> {
                            context.remove(call.path("label_id"), call.path("ent_id"),
                                    call.actor());
                            return ApiResponse.noContent();
                        })
                .answers(204, null);
    }
}
