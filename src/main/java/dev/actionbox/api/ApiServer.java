package dev.actionbox.api;

import dev.actionbox.auth.Principal;
import dev.actionbox.auth.Scope;
import dev.actionbox.auth.TokenException;
import dev.actionbox.auth.TokenService;
import dev.actionbox.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: turns the route table into Javalin handlers with auth, idempotency, the
 * one error shape and a log line per request.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final Logger requestLog = LoggerFactory.getLogger("actionbox.http");
    private static final String PRINCIPAL = "actionbox.principal";
    private static final String REQUEST_ID = "actionbox.request_id";
    private static final String STORE_RETRY_AFTER_SECONDS = "5";

    private final Javalin app;
    private final TokenService tokens;
    private final IdempotencyStore idempotency;

    public ApiServer(RouteTable routes, TokenService tokens, IdempotencyStore idempotency,
            long maxBodyBytes) {
        this.tokens = tokens;
        this.idempotency = idempotency;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = maxBodyBytes;
            config.router.ignoreTrailingSlashes = true;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.requestLogger.http(ApiServer::logRequest);
        });
        routes.routes().forEach(this::register);
        registerErrors();
    }

    public void start(String host, int port) {
        app.start(host, port);
        log.info("HTTP API listening, address={}:{}", host, app.port());
    }

    public int port() {
        return app.port();
    }

    private void register(Route route) {
        app.addHttpHandler(HandlerType.valueOf(route.method()), route.path(), ctx -> {
            ctx.attribute(REQUEST_ID, "req_" + UUID.randomUUID().toString().replace("-", ""));
            Principal principal = route.isPublic() ? null : authorize(ctx, route);
            ctx.attribute(PRINCIPAL, principal);
            String key = ctx.header("Idempotency-Key");
            if (route.method().equals("POST") && key != null && principal != null) {
                idempotent(ctx, route, principal, key);
            } else {
                respond(ctx, route.handler().handle(new ApiCall(ctx, principal)));
            }
        });
    }

    /** Finds the token and checks that it holds one of the route's scopes. */
    private Principal authorize(Context ctx, Route route) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("Send a token as 'Authorization: Bearer <token>'");
        }
        Optional<Principal> principal = tokens.authenticate(header.substring(7).trim());
        if (principal.isEmpty()) {
            throw unauthorized("The token is unknown, revoked or expired");
        }
        boolean allowed = route.anyOf().stream().anyMatch(principal.get()::has);
        if (!allowed) {
            String needed = route.anyOf().stream().map(Scope::wireName).sorted()
                    .collect(Collectors.joining(" or "));
            throw new ApiException(403, "insufficient_scope", "This call needs the scope "
                    + needed + "; the token does not hold it", List.of(Map.of("required_scope",
                    needed)), Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\", "
                    + "scope=\"" + needed.replace(" or ", " ") + "\""));
        }
        return principal.get();
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, List.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"actionbox\""));
    }

    private void idempotent(Context ctx, Route route, Principal principal, String key) {
        if (key.isBlank() || key.length() > 255) {
            throw ApiException.invalid("/headers/Idempotency-Key", "must be 1 to 255 characters");
        }
        String methodPath = route.method() + " " + ctx.path();
        String hash = IdempotencyStore.hash(methodPath, ctx.bodyAsBytes());
        Optional<IdempotencyStore.Saved> saved = idempotency.find(principal.tokenId(), key);
        if (saved.isPresent()) {
            if (!saved.get().requestHash().equals(hash)) {
                throw new ApiException(422, "idempotency_key_reused", "This Idempotency-Key was "
                        + "used with another request; use a new key for a new request");
            }
            ctx.header("Idempotent-Replayed", "true");
            ctx.status(saved.get().status()).contentType("application/json")
                    .result(saved.get().body());
            return;
        }
        respond(ctx, route.handler().handle(new ApiCall(ctx, principal)));
        if (ctx.status().getCode() < 500) {
            String body = ctx.result() == null ? "" : ctx.result();
            idempotency.save(principal.tokenId(), key, methodPath, hash, ctx.status().getCode(),
                    body);
        }
    }

    private static void respond(Context ctx, Object result) {
        if (result instanceof ApiResponse response) {
            ctx.status(response.status());
            if (response.bytes() != null) {
                ctx.contentType(response.contentType()).result(response.bytes());
            } else if (response.body() != null) {
                ctx.contentType("application/json").result(Json.write(response.body()));
            }
            return;
        }
        ctx.status(200).contentType("application/json").result(Json.write(result));
    }

    private void registerErrors() {
        app.exception(ApiException.class, (e, ctx) -> error(ctx, e));
        app.exception(TokenException.Escalation.class, (e, ctx) -> error(ctx,
                new ApiException(403, "insufficient_scope", e.getMessage(),
                        List.of(Map.of("scopes", e.missing())), Map.of())));
        app.exception(TokenException.class, (e, ctx) -> error(ctx,
                ApiException.invalid("/scopes", e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            if (Store.isUnavailable(e)) {
                error(ctx, storeUnavailable());
                return;
            }
            String requestId = requestId(ctx);
            log.error("Request failed, requestId={} method={} path={}", requestId,
                    ctx.method(), pathTemplate(ctx), e);
            error(ctx, new ApiException(500, "internal_error", "Something went wrong on our "
                    + "side; the log has the details under request id " + requestId));
        });
        app.error(404, ctx -> {
            // Our own 404s are JSON already; Javalin's unmatched-route answer is plain text.
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith("application/json")) {
                error(ctx, new ApiException(404, "not_found", "No route " + ctx.method() + " "
                        + ctx.path()));
            }
        });
        app.error(413, ctx -> error(ctx, new ApiException(413, "too_large",
                "The body is larger than this server accepts")));
    }

    /** The store's outage is logged once by the store, so this answer logs nothing more. */
    private static ApiException storeUnavailable() {
        return new ApiException(503, "store_unavailable", "The database is unavailable "
                + "right now; retry after a few seconds", List.of(),
                Map.of("Retry-After", STORE_RETRY_AFTER_SECONDS));
    }

    private static void error(Context ctx, ApiException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        error.put("details", e.details());
        if (e.status() >= 500) {
            error.put("request_id", requestId(ctx));
        }
        e.headers().forEach(ctx::header);
        ctx.status(e.status()).contentType("application/json")
                .result(Json.write(Map.of("error", error)));
    }

    private static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "unknown" : id;
    }

    /**
     * The route's path template for logs; Javalin 6.7 throws instead of answering when no
     * route matched (a 404), so that case is named here.
     */
    private static String pathTemplate(Context ctx) {
        try {
            String template = ctx.endpointHandlerPath();
            return template == null || template.isEmpty() ? "(unmatched)" : template;
        } catch (IllegalStateException e) {
            return "(unmatched)";
        }
    }

    private static void logRequest(Context ctx, Float millis) {
        Principal principal = ctx.attribute(PRINCIPAL);
        requestLog.info("{} {} status={} ms={} token={}", ctx.method(), pathTemplate(ctx),
                ctx.statusCode(), Math.round(millis),
                principal == null ? "-" : principal.tokenId());
    }

    @Override
    public void close() {
        app.stop();
    }
}
