package dev.actionbox.api;

import dev.actionbox.auth.Scope;
import java.util.List;
import java.util.Set;

/**
 * One API route with the scopes that let a token call it (any one of them suffices; empty
 * means no token is needed), and what it reads and answers, from which the router checks
 * bodies and the OpenAPI document is made.
 *
 * @param body what the route reads: {@code json}, {@code raw} or {@code none}
 * @param request the JSON body's schema, or null when the route declared none
 * @param status the status of a successful answer
 * @param response the successful answer's schema, or null for no body
 * @param query the query parameters the route reads
 */
public record Route(String method, String path, Set<Scope> anyOf, String body, String summary,
        ApiHandler handler, Schema request, int status, Schema response,
        List<QueryParam> query) {

    public Route {
        anyOf = Set.copyOf(anyOf);
        query = List.copyOf(query);
    }

    public Route(String method, String path, Set<Scope> anyOf, String body, String summary,
            ApiHandler handler) {
        this(method, path, anyOf, body, summary, handler, null,
                method.equals("DELETE") ? 204 : 200, null, List.of());
    }

    /** A query parameter a route reads. */
    public record QueryParam(String name, Schema schema, String description) {
    }

    public boolean isPublic() {
        return anyOf.isEmpty();
    }

    /** Whether the route reads a JSON body: POST and PATCH routes unless declared raw. */
    public boolean readsJson() {
        return body.equals("json");
    }

    public boolean readsRaw() {
        return body.equals("raw");
    }

    public Route accepting(Schema schema) {
        return new Route(method, path, anyOf, body, summary, handler, schema, status, response,
                query);
    }

    public Route answering(int newStatus, Schema schema) {
        return new Route(method, path, anyOf, body, summary, handler, request, newStatus,
                schema, query);
    }

    public Route reading(QueryParam param) {
        List<QueryParam> more = new java.util.ArrayList<>(query);
        more.add(param);
        return new Route(method, path, anyOf, body, summary, handler, request, status, response,
                more);
    }
}
