package dev.actionbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.api.ApiCall;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.api.Schema;
import dev.actionbox.store.Times;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v1/tokens}: issue, inspect, change, rotate and revoke tokens. */
public final class TokenRoutes {

    private static final Schema SCOPES = Schema.array(Schema.oneOf(Arrays.stream(Scope.values())
            .map(Scope::wireName).toList())).withItemCount(1, Scope.values().length);
    private static final Schema TOKEN = Schema.object()
            .with("id", Schema.string())
            .with("label", Schema.string().orNull())
            .with("scopes", SCOPES)
            .with("created_at", Schema.dateTime())
            .with("created_by", Schema.string().orNull()
                    .describedAs("The token that created this one; null when made by the CLI"))
            .with("last_used_at", Schema.dateTime().orNull()
                    .describedAs("Updated at most once a minute, not on every request"))
            .with("expires_at", Schema.dateTime().orNull())
            .with("rotated_at", Schema.dateTime().orNull())
            .with("previous_secret_expires_at", Schema.dateTime().orNull()
                    .describedAs("Until when the secret before the last rotation still works"))
            .with("revoked", Schema.bool())
            .require("id", "label", "scopes", "created_at", "created_by", "last_used_at",
                    "expires_at", "rotated_at", "previous_secret_expires_at", "revoked")
            .named("Token");
    private static final Schema ISSUED_TOKEN = TOKEN
            .with("token", Schema.string().orNull().describedAs("The secret, shown this once "
                    + "only; null in an Idempotency-Key replay, which never holds the secret"))
            .with("token_redacted", Schema.bool().describedAs("True in such a replay"))
            .require("token")
            .named("IssuedToken");
    private static final Schema NEW_TOKEN = Schema.object()
            .with("scopes", SCOPES)
            .with("label", Schema.string(200).orNull())
            .with("expires_at", Schema.dateTime().orNull()
                    .describedAs("When the token stops working; it never does when absent"))
            .require("scopes")
            .named("NewToken");
    private static final Schema TOKEN_CHANGES = NEW_TOKEN.without("expires_at").optional()
            .named("TokenChanges");
    private static final Schema ROTATION = Schema.object()
            .with("grace_period_seconds", Schema.integer(0, TokenService.MAX_GRACE_SECONDS)
                    .describedAs("How long the old secret keeps working; default 0"))
            .named("TokenRotation");

    private TokenRoutes() {
    }

    public static void register(RouteTable routes, TokenService tokens) {
        routes.post("/v1/tokens", Scope.TOKENS_WRITE, "Create a token",
                        call -> create(call, tokens))
                .accepts(NEW_TOKEN).answers(201, ISSUED_TOKEN)
                .get("/v1/tokens", Scope.TOKENS_WRITE, "List tokens",
                        call -> call.page(tokens.list(call.cursorId(), call.limit())))
                .paged().answers(200, Schema.page(TOKEN))
                .add("GET", "/v1/tokens/current", java.util.EnumSet.allOf(Scope.class), "none",
                        "The calling token", call -> tokens.get(call.principal().tokenId())
                                .orElseThrow())
                .answers(200, TOKEN)
                .get("/v1/tokens/{id}", Scope.TOKENS_WRITE, "Get a token",
                        call -> tokens.get(call.path("id"))
                                .orElseThrow(() -> ApiException.notFound("token", call.path("id"))))
                .answers(200, TOKEN)
                .patch("/v1/tokens/{id}", Scope.TOKENS_WRITE, "Change a token's scopes or label",
                        call -> update(call, tokens))
                .accepts(TOKEN_CHANGES).answers(200, TOKEN)
                .post("/v1/tokens/{id}/rotate", Scope.TOKENS_WRITE,
                        "Give a token a new secret; the old one works for a grace period",
                        call -> rotate(call, tokens))
                .accepts(ROTATION).answers(200, ISSUED_TOKEN)
                .delete("/v1/tokens/{id}", Scope.TOKENS_WRITE, "Revoke a token", call -> {
                    if (!tokens.revoke(call.path("id"), call.principal())) {
                        throw ApiException.notFound("token", call.path("id"));
                    }
                    return ApiResponse.noContent();
                })
                .answers(204, null);
    }

    private static Object create(ApiCall call, TokenService tokens) {
        JsonNode body = call.jsonObject();
        List<String> scopes = scopes(body.get("scopes"));
        Long expires = expiresAt(body.get("expires_at"));
        TokenService.Issued issued = tokens.create(scopes, call.text("label"), call.principal(),
                expires);
        return ApiResponse.created(withSecret(issued));
    }

    private static Object update(ApiCall call, TokenService tokens) {
        JsonNode body = call.jsonObject();
        List<String> scopes = body.has("scopes") ? scopes(body.get("scopes")) : null;
        return tokens.update(call.path("id"), scopes, call.text("label"), call.principal())
                .orElseThrow(() -> ApiException.notFound("token", call.path("id")));
    }

    private static Object rotate(ApiCall call, TokenService tokens) {
        JsonNode grace = call.jsonObject().get("grace_period_seconds");
        long seconds = grace == null || grace.isNull() ? 0 : grace.longValue();
        return withSecret(tokens.rotate(call.path("id"), seconds, call.principal()));
    }

    private static Map<String, Object> withSecret(TokenService.Issued issued) {
        Map<String, Object> view = new LinkedHashMap<>(issued.token());
        view.put("token", issued.secret());
        return view;
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
        long expires = Times.parse(node.asText());
        if (expires <= System.currentTimeMillis()) {
            throw ApiException.invalid("/expires_at", "must be in the future");
        }
        return expires;
    }
}
