package dev.actionbox.api;

import dev.actionbox.auth.Scope;
import java.util.Set;

/**
 * One API route with the scopes that let a token call it (any one of them suffices; empty
 * means no token is needed).
 *
 * @param body what the route reads: {@code json}, {@code raw} or {@code none}
 */
public record Route(String method, String path, Set<Scope> anyOf, String body, String summary,
        ApiHandler handler) {

    public Route {
        anyOf = Set.copyOf(anyOf);
    }

    public boolean isPublic() {
        return anyOf.isEmpty();
    }
}
