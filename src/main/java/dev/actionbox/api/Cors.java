package dev.actionbox.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * Cross-origin access for browsers, off unless origins are configured
 * ({@code ACTIONBOX_CORS_ORIGINS}). Tokens travel in the Authorization header, never in
 * cookies, so credentials mode is not offered.
 */
final class Cors {

    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key";
    private static final String EXPOSED_HEADERS =
            "Retry-After, X-Request-Id, Idempotent-Replayed, WWW-Authenticate";

    private final List<String> origins;

    Cors(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    /** Adds the headers that let an allowed origin read this response. */
    void apply(Context ctx) {
        String origin = allowedOrigin(ctx);
        if (origin == null) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        ctx.header("Vary", "Origin");
    }

    /** Answers a preflight request; for an origin not allowed, it gets no CORS headers. */
    void preflight(Context ctx, String methods) {
        if (allowedOrigin(ctx) == null || ctx.header("Access-Control-Request-Method") == null) {
            return;
        }
        ctx.header("Access-Control-Allow-Methods", methods);
        ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        ctx.header("Access-Control-Max-Age", "600");
    }

    private String allowedOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || origins.isEmpty()) {
            return null;
        }
        String wanted = origin.trim().toLowerCase(Locale.ROOT);
        return origins.contains("*") || origins.contains(wanted) ? origin.trim() : null;
    }
}
