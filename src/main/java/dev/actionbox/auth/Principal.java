package dev.actionbox.auth;

import java.util.Set;

/**
 * The token behind a request.
 *
 * @param tokenId the token's id, safe to log
 * @param scopes the scopes it holds as granted (already expanded)
 * @param heldScopes the scopes as written on the token
 */
public record Principal(String tokenId, Set<Scope> scopes, Set<Scope> heldScopes) {

    public Principal {
        scopes = Set.copyOf(scopes);
        heldScopes = Set.copyOf(heldScopes);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** The actor name written into activity events for what this token did. */
    public String actor() {
        return "token:" + tokenId;
    }
}
