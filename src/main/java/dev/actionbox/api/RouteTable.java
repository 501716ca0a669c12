package dev.actionbox.api;

import dev.actionbox.auth.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every route of the API with the scope it needs, declared in one place per feature, so that
 * auth is enforced by the router and a test can walk the whole table.
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

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
