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
 * @param answers the successful answers, the usual one first
 * @param query the query parameters the route reads
 */
public record Route(String method, String path, Set<Scope> anyOf, String body, String summary,
        ApiHandler handler, Schema request, List<Answer> answers, List<QueryParam> query) {

    public Route {
        anyOf = Set.copyOf(anyOf);
        answers = List.copyOf(answers);
        query = List.copyOf(query);
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("A route needs at least one answer");
        }
    }

    public Route(String method, String path, Set<Scope> anyOf, String body, String summary,
            ApiHandler handler) {
        this(method, path, anyOf, body, summary, handler, null,
                List.of(new Answer(method.equals("DELETE") ? 204 : 200, null)), List.of());
    }

    /** A query parameter a route reads. */
    public record QueryParam(String name, Schema schema, String description) {
    }

    /**
     * A successful answer.
     *
     * @param schema its body's schema, or null when it has no body
     */
    public record Answer(int status, Schema schema) {
    }

    /** The status of the usual successful answer. */
    public int status() {
        return answers.get(0).status();
    }

    /** The usual successful answer's schema, or null when it has no body. */
    public Schema response() {
        return answers.get(0).schema();
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
        return new Route(method, path, anyOf, body, summary, handler, schema, answers, query);
    }

    /** The same route whose usual answer is this one. */
    public Route answering(int status, Schema schema) {
        List<Answer> changed = new java.util.ArrayList<>(answers);
        changed.set(0, new Answer(status, schema));
        return new Route(method, path, anyOf, body, summary, handler, request, changed, query);
    }

    /** The same route with one more successful answer, e.g. 200 besides 201. */
    public Route alsoAnswering(int status, Schema schema) {
        List<Answer> more = new java.util.ArrayList<>(answers);
        more.add(new Answer(status, schema));
        return new Route(method, path, anyOf, body, summary, handler, request, more, query);
    }

    public Route reading(QueryParam param) {
        List<QueryParam> more = new java.util.ArrayList<>(query);
        more.add(param);
        return new Route(method, path, anyOf, body, summary, handler, request, answers, more);
    }
}
