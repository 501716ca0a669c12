package dev.actionbox.label;

import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.api.Schema;
import dev.actionbox.auth.Scope;

/** {@code /v1/labels}. Applying labels to messages lives with the message routes. */
public final class LabelRoutes {

    private static final Schema LABEL = Schema.object()
            .with("id", Schema.string())
            .with("name", Schema.string())
            .with("color", Schema.string().orNull())
            .with("created_at", Schema.dateTime())
            .with("updated_at", Schema.dateTime())
            .require("id", "name", "color", "created_at", "updated_at")
            .named("Label");
    private static final Schema NEW_LABEL = Schema.object()
            .with("id", Schema.string(70).orNull().describedAs(
                    "An id of your choice such as lbl_priority_client; default a new one"))
            .with("name", Schema.text(200))
            .with("color", Schema.string(32).orNull())
            .require("name")
            .named("NewLabel");
    private static final Schema LABEL_CHANGES = NEW_LABEL.without("id").optional()
            .named("LabelChanges");

    private LabelRoutes() {
    }

    public static void register(RouteTable routes, LabelService labels) {
        routes.post("/v1/labels", Scope.LABELS_WRITE, "Create a label", call -> {
                    call.jsonObject();
                    return ApiResponse.created(labels.create(call.text("id"), call.text("name"),
                            call.text("color")));
                })
                .accepts(NEW_LABEL).answers(201, LABEL)
                .get("/v1/labels", Scope.LABELS_READ, "List labels",
                        call -> call.page(labels.list(call.cursorId(), call.limit())))
                .paged().answers(200, Schema.page(LABEL))
                .get("/v1/labels/{id}", Scope.LABELS_READ, "Get a label",
                        call -> labels.get(call.path("id"))
                                .orElseThrow(() -> ApiException.notFound("label", call.path("id"))))
                .answers(200, LABEL)
                .patch("/v1/labels/{id}", Scope.LABELS_WRITE, "Rename or recolour a label",
                        call -> labels.update(call.path("id"), call.text("name"),
                                call.text("color")))
                .accepts(LABEL_CHANGES).answers(200, LABEL)
                .delete("/v1/labels/{id}", Scope.LABELS_WRITE, "Delete a label", call -> {
                    labels.delete(call.path("id"));
                    return ApiResponse.noContent();
                })
                .answers(204, null);
    }
}
