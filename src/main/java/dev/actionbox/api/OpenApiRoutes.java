package dev.actionbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** {@code GET /v1/openapi.json}: the API's OpenAPI 3.1 document, without a token. */
public final class OpenApiRoutes {

    private OpenApiRoutes() {
    }

    /** Registers the document's route; call it last, so the document sees every route. */
    public static void register(RouteTable routes) {
        AtomicReference<ObjectNode> built = new AtomicReference<>();
        routes.add("GET", "/v1/openapi.json", Set.of(), "none",
                        "This API as an OpenAPI 3.1 document",
                        call -> built.updateAndGet(doc -> doc != null ? doc
                                : OpenApiDocument.build(routes)))
                .answers(200, Schema.openObject().describedAs("An OpenAPI 3.1 document")
                        .named("OpenApiDocument"));
    }
}
