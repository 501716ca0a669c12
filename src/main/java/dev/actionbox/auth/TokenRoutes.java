package dev.actionbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.api.ApiCall;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.Page;
import dev.actionbox.api.RouteTable;
import dev.actionbox.store.Times;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v1/tokens}: issue, inspect, change and revoke tokens. */
public final class TokenRoutes {

    private TokenRoutes() {
    }

    public static void register(RouteTable routes, TokenService tokens) {
        routes.post("/v1/tokens", Scope.TOKENS_WRITE, "Create a token", call -> create(call, tokens))
                .get("/v1/tokens", Scope.TOKENS_WRITE, "List tokens",
                        call -> Page.of(tokens.list(), Page.MAX_LIMIT, t -> (String) t.get("id"))
                                .body())
                .add("GET", "/v1/tokens/current", java.util.EnumSet.allOf(Scope.class), "none",
                        "The calling token", call -> tokens.get(call.principal().tokenId())
                                .orElseThrow())
                .get("/v1/tokens/{id}", Scope.TOKENS_WRITE, "Get a token",
                        call -> tokens.get(call.path("id"))
                                .orElseThrow(() -> ApiException.notFound("token", call.path("id"))))
                .patch("/v1/tokens/{id}", Scope.TOKENS_WRITE, "Change a token's scopes or label",
                        call -> update(call, tokens))
                .delete("/v1/tokens/{id}", Scope.TOKENS_WRITE, "Revoke a token", call -> {
                    if (!tokens.revoke(call.path("id"))) {
                        throw ApiException.notFound("token", call.path("id"));
                    }
                    return ApiResponse.noContent();
                });
    }

    private static Object create(ApiCall call, TokenService tokens) {
        JsonNode body = call.jsonObject();
        List<String> scopes = scopes(body.get("scopes"));
        Long expires = expiresAt(body.get("expires_at"));
        TokenService.Issued issued = tokens.create(scopes, call.text("label"), call.principal(),
                expires);
        Map<String, Object> view = new LinkedHashMap<>(issued.token());
        view.put("token", issued.secret());
        return ApiResponse.created(view);
    }

    private static Object update(ApiCall call, TokenService tokens) {
        JsonNode body = call.jsonObject();
        List<String> scopes = body.has("scopes") ? scopes(body.get("scopes")) : null;
        return tokens.update(call.path("id"), scopes, call.text("label"), call.principal())
                .orElseThrow(() -> ApiException.notFound("token", call.path("id")));
    }

    private static List<String> scopes(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ApiException.invalid("/scopes", "must be a non-empty list of scopes such as "
                    + "[\"email:read\"]");
        }
        List<String> scopes = new ArrayList<>();
        node.forEach(n -> scopes.add(n.asText()));
        return scopes;
    }

    private static Long expiresAt(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Times.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("/expires_at", "must be an RFC 3339 time");
        }
    }
}
