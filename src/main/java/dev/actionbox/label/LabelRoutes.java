package dev.actionbox.label;

import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.auth.Scope;

/** {@code /v1/labels}. Applying labels to messages lives with the message routes. */
public final class LabelRoutes {

    private LabelRoutes() {
    }

    public static void register(RouteTable routes, LabelService labels) {
        routes.post("/v1/labels", Scope.LABELS_WRITE, "Create a label", call -> {
                    call.jsonObject();
                    return ApiResponse.created(labels.create(call.text("id"), call.text("name"),
                            call.text("color")));
                })
                .get("/v1/labels", Scope.LABELS_READ, "List labels",
                        call -> call.page(labels.list(call.cursorId(), call.limit())))
                .get("/v1/labels/{id}", Scope.LABELS_READ, "Get a label",
                        call -> labels.get(call.path("id"))
                                .orElseThrow(() -> ApiException.notFound("label", call.path("id"))))
                .patch("/v1/labels/{id}", Scope.LABELS_WRITE, "Rename or recolour a label",
                        call -> labels.update(call.path("id"), call.text("name"),
                                call.text("color")))
                .delete("/v1/labels/{id}", Scope.LABELS_WRITE, "Delete a label", call -> {
                    labels.delete(call.path("id"));
                    return ApiResponse.noContent();
                });
    }
}
