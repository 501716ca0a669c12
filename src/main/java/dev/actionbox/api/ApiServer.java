package dev.actionbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.actionbox.auth.Principal;
import dev.actionbox.auth.Scope;
import dev.actionbox.auth.TokenException;
import dev.actionbox.auth.TokenService;
import dev.actionbox.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: turns the route table into Javalin handlers. Every route goes through the
 * same steps, in this order: failed-auth throttle, token and scope, per-token rate limit, body
 * (size, content type, JSON, schema), Idempotency-Key, the handler. Errors leave in the one
 * error shape, and every request leaves one log line.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final Logger requestLog = LoggerFactory.getLogger("actionbox.http");
    private static final String PRINCIPAL = "actionbox.principal";
    private static final String REQUEST_ID = "actionbox.request_id";
    private static final int MAX_REPORTED_PARAMS = 100;
    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final String STORE_RETRY_AFTER_SECONDS = "5";

    private final Javalin app;
    private final TokenService tokens;
    private final IdempotencyStore idempotency;
    private final RateLimiter rateLimiter;
    private final AuthFailureThrottle authFailures;
    private final BodyReader bodies;
    private final Cors cors;
    private final MeterRegistry metrics;

    /**
     * @param maxRawBytes the largest raw message upload, the SMTP size limit
     */
    public ApiServer(RouteTable routes, TokenService tokens, IdempotencyStore idempotency,
            ApiConfig config, long maxRawBytes) {
        this(routes, tokens, idempotency, config, maxRawBytes, Metrics.globalRegistry);
    }

    /** @param metrics where each request is timed by method, route template and status */
    public ApiServer(RouteTable routes, TokenService tokens, IdempotencyStore idempotency,
            ApiConfig config, long maxRawBytes, MeterRegistry metrics) {
        this.metrics = metrics;
        this.tokens = tokens;
        this.idempotency = idempotency;
        this.rateLimiter = new RateLimiter(config.rateLimitPerMinute());
        this.authFailures = new AuthFailureThrottle(config.authFailuresPerMinute());
        this.bodies = new BodyReader(maxRawBytes);
        this.cors = new Cors(config.corsOrigins());
        this.app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.http.maxRequestSize = maxRawBytes;
            javalin.http.prefer405over404 = true;
            javalin.router.ignoreTrailingSlashes = true;
            javalin.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            javalin.requestLogger.http(this::logRequest);
            javalin.jetty.modifyServer(server ->
                    server.setErrorHandler(new UnreadableRequestHandler()));
        });
        app.before(this::begin);
        routes.routes().forEach(this::register);
        allowedMethods(routes).forEach(this::registerOptions);
        registerErrors();
    }

    public void start(String host, int port) {
        app.start(host, port);
        log.info("HTTP API listening, address={}:{}", host, app.port());
    }

    public int port() {
        return app.port();
    }

    private void begin(Context ctx) {
        String requestId = newRequestId();
        ctx.attribute(REQUEST_ID, requestId);
        ctx.header("X-Request-Id", requestId);
        ctx.header("X-Content-Type-Options", "nosniff");
        cors.apply(ctx);
        if (BROKEN_ESCAPE.matcher(ctx.req().getRequestURI()).find()) {
            // Jetty lets "%u0041" through, and the path parameter decoder then fails on it.
            throw new ApiException(400, "invalid_request", "The path has a broken "
                    + "percent-encoding; encode '%' as %25");
        }
        String query = ctx.req().getQueryString();
        if (query != null && BROKEN_ESCAPE.matcher(query).find()) {
            // Jetty drops every parameter of such a query, so a filter would silently vanish
            // and the caller would get the unfiltered list.
            throw new ApiException(400, "invalid_request", "The query string has a broken "
                    + "percent-encoding; encode '%' as %25");
        }
    }

    private void register(Route route) {
        app.addHttpHandler(HandlerType.valueOf(route.method()), route.path(),
                ctx -> handle(ctx, route));
        if (route.method().equals("GET")) {
            // Jetty sends a HEAD answer's headers and drops its body; running the GET handler
            // keeps status, auth and Content-Length the same as GET's.
            app.addHttpHandler(HandlerType.HEAD, route.path(), ctx -> handle(ctx, route));
        }
    }

    private void registerOptions(String path, String methods) {
        app.addHttpHandler(HandlerType.OPTIONS, path, ctx -> {
            ctx.header("Allow", methods);
            cors.preflight(ctx, methods);
            ctx.status(204);
        });
    }

    /** Each path with the methods it answers, HEAD and OPTIONS included. */
    static Map<String, String> allowedMethods(RouteTable routes) {
        Map<String, Set<String>> byPath = new LinkedHashMap<>();
        for (Route route : routes.routes()) {
            Set<String> methods = byPath.computeIfAbsent(route.path(), p -> new LinkedHashSet<>());
            methods.add(route.method());
            if (route.method().equals("GET")) {
                methods.add("HEAD");
            }
        }
        Map<String, String> allowed = new LinkedHashMap<>();
        byPath.forEach((path, methods) -> {
            methods.add("OPTIONS");
            allowed.put(path, String.join(", ", methods));
        });
        return allowed;
    }

    private void handle(Context ctx, Route route) {
        Principal principal = route.isPublic() ? null : authorize(ctx, route);
        ctx.attribute(PRINCIPAL, principal);
        if (principal != null) {
            long wait = rateLimiter.acquire(principal.tokenId());
            if (wait > 0) {
                throw rateLimited(wait, "This token made more requests than its limit per "
                        + "minute (ACTIONBOX_RATE_LIMIT)");
            }
        }
        if (principal != null) {
            checkQuery(ctx, route);
        }
        BodyReader.Body body = bodies.read(ctx, route);
        ApiCall call = new ApiCall(ctx, principal, body.bytes(), body.json());
        String key = ctx.header("Idempotency-Key");
        if (route.method().equals("POST") && key != null && principal != null) {
            idempotent(ctx, route, call, key, body.bytes());
        } else {
            respond(ctx, route.handler().handle(call));
        }
    }

    /**
     * A misspelt filter ({@code ?staus=open}) would otherwise be ignored and the caller would
     * act on the unfiltered list; like unknown body fields, unknown parameters are refused.
     * A filter with a value it can never have ({@code ?status=sending}) gets 422 too, not an
     * empty list that reads as "nothing there". Routes without a token (health, metrics, the
     * OpenAPI document) stay lenient for the monitoring tools that add their own parameters.
     */
    private static void checkQuery(Context ctx, Route route) {
        ValidationException.Collector problems = new ValidationException.Collector();
        for (Route.QueryParam param : route.query()) {
            List<String> allowed = param.schema().enumValues();
            String value = ctx.queryParam(param.name());
            if (allowed != null && value != null && !value.isEmpty()
                    && !allowed.contains(value)) {
                problems.add("/" + param.name(), "must be one of " + allowed);
            }
        }
        List<String> unknown = ctx.queryParamMap().keySet().stream()
                .filter(name -> route.query().stream().noneMatch(p -> p.name().equals(name)))
                .limit(MAX_REPORTED_PARAMS)
                .toList();
        if (!unknown.isEmpty()) {
            String takes = route.query().isEmpty() ? "is not a parameter; this route takes none"
                    : "is not a parameter of this route; it takes " + route.query().stream()
                            .map(Route.QueryParam::name).sorted()
                            .collect(Collectors.joining(", "));
            unknown.forEach(name -> problems.add("/" + ValidationException.escape(name), takes));
        }
        problems.throwIfAny();
    }

    /** Finds the token and checks that it holds one of the route's scopes. */
    private Principal authorize(Context ctx, Route route) {
        String header = ctx.header("Authorization");
        if (header != null && java.util.Collections.list(ctx.req().getHeaders("Authorization"))
                .size() > 1) {
            // Proxies and the server could each pick a different one; send exactly one.
            throw unauthorized("Send one Authorization header, not several",
                    "Bearer realm=\"actionbox\", error=\"invalid_request\"");
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("Send a token as 'Authorization: Bearer <token>'",
                    "Bearer realm=\"actionbox\"");
        }
        long blocked = authFailures.blockedFor(ctx.ip());
        if (blocked > 0) {
            throw rateLimited(blocked, "Too many requests with a wrong token came from this "
                    + "address");
        }
        Optional<Principal> principal = tokens.authenticate(header.substring(7).trim());
        if (principal.isEmpty()) {
            authFailures.recordFailure(ctx.ip());
            throw unauthorized("The token is unknown, revoked or expired",
                    "Bearer realm=\"actionbox\", error=\"invalid_token\"");
        }
        boolean allowed = route.anyOf().stream().anyMatch(principal.get()::has);
        if (!allowed) {
            ctx.attribute(PRINCIPAL, principal.get());
            throw insufficientScope(route);
        }
        return principal.get();
    }

    private static ApiException insufficientScope(Route route) {
        String needed = route.anyOf().stream().map(Scope::wireName).sorted()
                .collect(Collectors.joining(" or "));
        return new ApiException(403, "insufficient_scope", "This call needs the scope "
                + needed + "; the token does not hold it", List.of(Map.of("required_scope",
                needed)), Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\", "
                + "scope=\"" + needed.replace(" or ", " ") + "\""));
    }

    private static ApiException unauthorized(String message, String challenge) {
        return new ApiException(401, "unauthorized", message, List.of(),
                Map.of("WWW-Authenticate", challenge));
    }

    private static ApiException rateLimited(long seconds, String why) {
        return new ApiException(429, "rate_limited", why + "; retry in " + seconds
                + " s", List.of(), Map.of("Retry-After", String.valueOf(seconds)));
    }

    private void idempotent(Context ctx, Route route, ApiCall call, String key, byte[] body) {
        if (key.isBlank() || key.length() > 255) {
            throw ApiException.invalid("/headers/Idempotency-Key", "must be 1 to 255 characters");
        }
        String tokenId = call.principal().tokenId();
        String methodPath = route.method() + " " + withoutTrailingSlash(ctx.path());
        String hash = IdempotencyStore.hash(methodPath, body);
        Optional<IdempotencyStore.Saved> saved = idempotency.claim(tokenId, key, methodPath, hash);
        if (saved.isPresent()) {
            replay(ctx, saved.get(), hash);
            return;
        }
        boolean completed = false;
        try {
            respond(ctx, route.handler().handle(call));
            if (ctx.status().getCode() < 500) {
                String result = ctx.result() == null ? "" : ctx.result();
                idempotency.complete(tokenId, key, ctx.status().getCode(),
                        withoutSecret(result));
                completed = true;
            }
        } finally {
            if (!completed) {
                idempotency.release(tokenId, key);
            }
        }
    }

    /**
     * A token's secret is shown once and never stored, so the saved answer of a token create
     * or rotate keeps everything but the secret: a retry learns which token was made (and that
     * no second one was), and the secret stays with the first answer only.
     */
    static String withoutSecret(String body) {
        if (!body.contains(TokenService.SECRET_PREFIX)) {
            return body;
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            if (json instanceof ObjectNode object && object.path("token").asText("")
                    .startsWith(TokenService.SECRET_PREFIX)) {
                object.putNull("token");
                object.put("token_redacted", true);
                return Json.write(object);
            }
            return body;
        } catch (IOException e) {
            return body;
        }
    }

    private static void replay(Context ctx, IdempotencyStore.Saved saved, String hash) {
        if (!saved.requestHash().equals(hash)) {
            throw new ApiException(422, "idempotency_key_reused", "This Idempotency-Key was "
                    + "used with another request; use a new key for a new request",
                    List.of(ValidationException.detail("/headers/Idempotency-Key",
                            "was used with another method, path or body")), Map.of());
        }
        if (saved.inProgress()) {
            throw new ApiException(409, "idempotency_key_in_use", "A request with this "
                    + "Idempotency-Key is still running; retry when it has finished",
                    List.of(), Map.of("Retry-After", "1"));
        }
        ctx.header("Idempotent-Replayed", "true");
        ctx.status(saved.status()).contentType("application/json").result(saved.body());
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/")
                ? path.substring(0, path.length() - 1) : path;
    }

    private static void respond(Context ctx, Object result) {
        if (result instanceof ApiResponse response) {
            ctx.status(response.status());
            if (response.bytes() != null && response.downloadName() != null) {
                ctx.header("Content-Disposition", Downloads.disposition(response.downloadName()));
                ctx.header("Content-Security-Policy", "sandbox; default-src 'none'");
                ctx.contentType(Downloads.contentType(response.contentType()))
                        .result(response.bytes());
            } else if (response.bytes() != null) {
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
                        List.of(Map.of("required_scope", e.missing())), Map.of())));
        app.exception(TokenException.class, (e, ctx) -> error(ctx,
                ApiException.invalid("/scopes", e.getMessage())));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, fromJavalin(ctx, e)));
        app.exception(Exception.class, (e, ctx) -> {
            if (Store.isUnavailable(e)) {
                error(ctx, storeUnavailable());
                return;
            }
            String requestId = requestId(ctx);
            log.error("Request failed, requestId={} method={} path={}", requestId,
                    ctx.method(), template(ctx), e);
            error(ctx, new ApiException(500, "internal_error", "Something went wrong on our "
                    + "side; the log has the details under request id " + requestId));
        });
    }

    /** Javalin's own answers (no route, wrong method, body too large) in the error shape. */
    private static ApiException fromJavalin(Context ctx, HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> new ApiException(404, "not_found", "No route " + ctx.method() + " "
                    + ctx.path() + "; GET /v1/openapi.json lists every route");
            case 405 -> new ApiException(405, "method_not_allowed", "This path does not answer "
                    + ctx.method(), List.of(), Map.of("Allow", String.valueOf(
                            e.getDetails().getOrDefault("availableMethods", ""))));
            case 413 -> new ApiException(413, "too_large",
                    "The body is larger than this server accepts");
            default -> new ApiException(e.getStatus(), "invalid_request", e.getMessage());
        };
    }

    /** The store's outage is logged once by the store, so this answer logs nothing more. */
    private static ApiException storeUnavailable() {
        return new ApiException(503, "store_unavailable", "The database is unavailable "
                + "right now; retry after a few seconds", List.of(),
                Map.of("Retry-After", STORE_RETRY_AFTER_SECONDS));
    }

    private static void error(Context ctx, ApiException e) {
        e.headers().forEach(ctx::header);
        ctx.status(e.status()).contentType("application/json")
                .result(errorBody(e, requestId(ctx)));
    }

    /** The one error shape of the API, also for requests no route saw. */
    static String errorBody(ApiException e, String requestId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        error.put("details", e.details());
        error.put("request_id", requestId);
        return Json.write(Map.of("error", error));
    }

    static String newRequestId() {
        return "req_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "unknown" : id;
    }

    private static String template(Context ctx) {
        if (ctx.handlerType() == HandlerType.BEFORE) {
            // Javalin refuses to name a template when no route matched past the before step.
            return "(unmatched)";
        }
        String template = ctx.endpointHandlerPath();
        return template != null && template.startsWith("/") ? template : "(unmatched)";
    }

    /**
     * One line per request; never a token, a body or a query string, which may hold ids. The
     * timer is tagged by route template, not path, so ids do not make a meter each.
     */
    private void logRequest(Context ctx, Float millis) {
        Principal principal = ctx.attribute(PRINCIPAL);
        String template = template(ctx);
        requestLog.info("Request, method={} path={} status={} ms={} token={} requestId={}",
                ctx.method(), template, ctx.statusCode(), Math.round(millis),
                principal == null ? "-" : principal.tokenId(), requestId(ctx));
        Timer.builder("actionbox.http.requests")
                .description("API requests by method, route template and status")
                .tag("method", ctx.method().name())
                .tag("route", template)
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(metrics)
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    @Override
    public void close() {
        app.stop();
    }
}
