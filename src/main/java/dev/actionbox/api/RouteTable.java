package dev.actionbox.api;

import dev.actionbox.auth.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every route of the API with the scope it needs, declared in one place per feature, so that
 * auth is enforced by the router and a test can walk the whole table. The describing methods
 * ({@link #accepts}, {@link #answers}, {@link #query}, {@link #paged}) apply to the route added
 * last, so that a route's scope, body and answer stand together:
 *
 * <pre>{@code
 * routes.post("/v1/labels", Scope.LABELS_WRITE, "Create a label", handler)
 *         .accepts(NEW_LABEL).answers(201, LABEL);
 * }</pre>
 *
 * Not thread-safe: fill it while the node starts.
 */
public final class RouteTable {

    private final List<Route> routes = new ArrayList<>();

    public RouteTable get(String path, Scope scope, String summary, ApiHandler handler) {
        return add("GET", path, Set.of(scope), "none", summary, handler);
    }

    public RouteTable post(String path, Scope scope, String summary, ApiHandler handler) {
        return add("POST", path, Set.of(scope), "json", summary, handler);
    }

    public RouteTable patch(String path, Scope scope, String summary, ApiHandler handler) {
        return add("PATCH", path, Set.of(scope), "json", summary, handler);
    }

    public RouteTable delete(String path, Scope scope, String summary, ApiHandler handler) {
        return add("DELETE", path, Set.of(scope), "none", summary, handler);
    }

    public RouteTable add(String method, String path, Set<Scope> anyOf, String body,
            String summary, ApiHandler handler) {
        routes.add(new Route(method, path, anyOf, body, summary, handler));
        return this;
    }

    /** The JSON body the last route takes; the router rejects bodies that do not fit. */
    public RouteTable accepts(Schema request) {
        return changeLast(route -> route.accepting(request));
    }

    /** What the last route answers on success; {@code schema} null means no body. */
    public RouteTable answers(int status, Schema schema) {
        return changeLast(route -> route.answering(status, schema));
    }

    /** Another successful answer of the last route, e.g. 200 for a duplicate besides 201. */
    public RouteTable alsoAnswers(int status, Schema schema) {
        return changeLast(route -> route.alsoAnswering(status, schema));
    }

    /** A query parameter the last route reads. */
    public RouteTable query(String name, Schema schema, String description) {
        return changeLast(route -> route.reading(new Route.QueryParam(name, schema,
                description)));
    }

    /** Marks the last route as a list: {@code ?limit=} and {@code ?cursor=}. */
    public RouteTable paged() {
        return query("limit", Schema.integer(1, Page.MAX_LIMIT),
                "Items per page, default " + Page.DEFAULT_LIMIT + ", at most " + Page.MAX_LIMIT)
                .query("cursor", Schema.string(),
                        "The next_cursor of the previous page; omit for the first page");
    }

    private RouteTable changeLast(UnaryOperator<Route> change) {
        if (routes.isEmpty()) {
            throw new IllegalStateException("Declare a route before describing it");
        }
        int last = routes.size() - 1;
        routes.set(last, change.apply(routes.get(last)));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
