package dev.actionbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.actionbox.auth.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of the API, made from the route table the server runs on, so that
 * it cannot list a route the server lacks or miss one it has. Each operation shows its scopes,
 * parameters, body, answer and the errors the router can give it.
 */
public final class OpenApiDocument {

    /** Every error code the API answers with, as the Error schema lists them. */
    public static final List<String> ERROR_CODES = List.of("invalid_json", "invalid_request",
            "unauthorized", "insufficient_scope", "not_found", "method_not_allowed", "conflict",
            "idempotency_key_in_use", "too_large", "unsupported_media_type",
            "validation_failed", "idempotency_key_reused", "rate_limited", "internal_error",
            "store_unavailable");

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final String JSON = "application/json";

    private final Map<String, ObjectNode> components = new TreeMap<>();
    private final Map<String, Schema> componentSources = new LinkedHashMap<>();

    private OpenApiDocument() {
    }

    public static ObjectNode build(RouteTable routes) {
        return new OpenApiDocument().document(routes.routes());
    }

    private ObjectNode document(List<Route> routes) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.1.0");
        doc.set("info", info());
        doc.set("servers", Json.MAPPER.createArrayNode().add(Json.object().put("url", "/")));
        ObjectNode paths = doc.putObject("paths");
        for (Route route : routes) {
            ObjectNode item = paths.has(route.path()) ? (ObjectNode) paths.get(route.path())
                    : paths.putObject(route.path());
            String method = route.method().toLowerCase(Locale.ROOT);
            item.set(method, operation(route));
            if (method.equals("get")) {
                item.set("head", head(route));
            }
        }
        paths.fields().forEachRemaining(e -> ((ObjectNode) e.getValue()).set("options",
                options(e.getKey())));
        ObjectNode parts = doc.putObject("components");
        ObjectNode responses = errorResponses();
        parts.set("schemas", schemas());
        parts.set("responses", responses);
        parts.putObject("securitySchemes").set("bearer", Json.object()
                .put("type", "http").put("scheme", "bearer")
                .put("description", "A token from POST /v1/tokens/ or `actionbox token "
                        + "create`, sent as 'Authorization: Bearer abx_...'. Each operation "
                        + "lists the scopes that let a token call it; any one suffices."));
        return doc;
    }

    private static ObjectNode info() {
        return Json.object()
                .put("title", "Actionbox API")
                .put("version", "1")
                .put("description", """
                        Turns inbound email into tracked work. Every path also answers with a \
                        trailing slash, HEAD and OPTIONS. Lists take ?limit= (default 50, at \
                        most 200) and ?cursor=. Every POST takes an Idempotency-Key header: the \
                        same key and body replay the first answer for 24 hours. Errors have \
                        one shape, {"error": {"code", "message", "details", "request_id"}}. \
                        Answers list every field they have today; later versions may add \
                        fields, so clients should ignore fields they do not know.""");
    }

    private ObjectNode operation(Route route) {
        ObjectNode op = Json.object();
        op.put("operationId", operationId(route.method(), route.path()));
        op.put("summary", route.summary());
        op.put("description", scopeText(route));
        op.set("tags", Json.MAPPER.createArrayNode().add(tag(route.path())));
        op.set("security", security(route));
        if (!route.isPublic()) {
            ArrayNode scopes = op.putArray("x-scopes");
            route.anyOf().stream().map(Scope::wireName).sorted().forEach(scopes::add);
        }
        ArrayNode parameters = parameters(route);
        if (!parameters.isEmpty()) {
            op.set("parameters", parameters);
        }
        if (route.readsJson() || route.readsRaw()) {
            op.set("requestBody", requestBody(route));
        }
        op.set("responses", responses(route));
        return op;
    }

    private ObjectNode head(Route get) {
        ObjectNode op = operation(get);
        op.put("operationId", operationId("HEAD", get.path()));
        op.put("summary", "Headers of: " + get.summary());
        ObjectNode responses = (ObjectNode) op.get("responses");
        for (Route.Answer answer : get.answers()) {
            responses.set(String.valueOf(answer.status()), Json.object()
                    .put("description", "The headers GET would send, without a body"));
        }
        return op;
    }

    private static ObjectNode options(String path) {
        ObjectNode op = Json.object();
        op.put("operationId", operationId("OPTIONS", path));
        op.put("summary", "The methods this path answers; answers CORS preflight requests");
        op.set("tags", Json.MAPPER.createArrayNode().add(tag(path)));
        op.set("security", Json.MAPPER.createArrayNode());
        ArrayNode parameters = op.putArray("parameters");
        pathParams(path).forEach(parameters::add);
        if (parameters.isEmpty()) {
            op.remove("parameters");
        }
        op.putObject("responses").set("204", Json.object()
                .put("description", "The Allow header lists the methods")
                .set("headers", Json.object().set("Allow", header("Methods this path answers"))));
        return op;
    }

    private static String scopeText(Route route) {
        if (route.isPublic()) {
            return "Needs no token.";
        }
        return "Needs a token with the scope " + String.join(" or ", route.anyOf().stream()
                .map(Scope::wireName).sorted().toList())
                + " (a :write scope includes its :read; admin includes all).";
    }

    private static ArrayNode security(Route route) {
        ArrayNode security = Json.MAPPER.createArrayNode();
        route.anyOf().stream().map(Scope::wireName).sorted().forEach(scope -> security
                .add(Json.object().set("bearer", Json.MAPPER.createArrayNode().add(scope))));
        return security;
    }

    private ArrayNode parameters(Route route) {
        ArrayNode parameters = Json.MAPPER.createArrayNode();
        pathParams(route.path()).forEach(parameters::add);
        for (Route.QueryParam query : route.query()) {
            ObjectNode param = parameters.addObject();
            param.put("name", query.name()).put("in", "query").put("required", false);
            param.put("description", query.description());
            param.set("schema", render(query.schema()));
        }
        if (route.method().equals("POST") && !route.isPublic()) {
            parameters.addObject()
                    .put("name", "Idempotency-Key").put("in", "header").put("required", false)
                    .put("description", "Any unique string up to 255 characters; a retry with "
                            + "the same key and body replays the first answer for 24 hours")
                    .set("schema", Json.object().put("type", "string").put("maxLength", 255));
        }
        return parameters;
    }

    private static List<ObjectNode> pathParams(String path) {
        Matcher matcher = PATH_PARAM.matcher(path);
        List<ObjectNode> params = new java.util.ArrayList<>();
        while (matcher.find()) {
            ObjectNode param = Json.object();
            param.put("name", matcher.group(1)).put("in", "path").put("required", true);
            param.set("schema", Json.object().put("type", "string"));
            params.add(param);
        }
        return params;
    }

    private ObjectNode requestBody(Route route) {
        ObjectNode body = Json.object();
        ObjectNode content = body.putObject("content");
        if (route.readsRaw()) {
            body.put("required", true);
            body.put("description", "The message as RFC 5322 bytes");
            for (String type : BodyReader.RAW_TYPES) {
                content.putObject(type).set("schema", Json.object().put("type", "string")
                        .put("contentMediaType", "message/rfc822"));
            }
            return body;
        }
        boolean required = route.request() != null && !route.request().required().isEmpty();
        body.put("required", required);
        Schema schema = route.request() != null ? route.request() : Schema.openObject();
        content.putObject(JSON).set("schema", render(schema));
        return body;
    }

    private ObjectNode responses(Route route) {
        ObjectNode responses = Json.object();
        for (Route.Answer answer : route.answers()) {
            ObjectNode success = responses.putObject(String.valueOf(answer.status()));
            success.put("description", answer == route.answers().get(0) ? route.summary()
                    : "Also a success: " + route.summary());
            Schema schema = answer.schema();
            if (schema != null && schema.isBinary()) {
                success.putObject("content").putObject(schema.mediaType()).set("schema",
                        Json.object().put("type", "string"));
            } else if (schema != null || answer.status() != 204) {
                success.putObject("content").putObject(JSON).set("schema",
                        render(schema != null ? schema : Schema.any()));
            }
        }
        boolean hasBody = route.readsJson() || route.readsRaw();
        boolean writes = !route.method().equals("GET");
        errorRef(responses, "400", "InvalidJson", hasBody);
        errorRef(responses, "401", "Unauthorized", !route.isPublic());
        errorRef(responses, "403", "Forbidden", !route.isPublic());
        errorRef(responses, "404", "NotFound", route.path().contains("{"));
        errorRef(responses, "409", "Conflict", writes);
        errorRef(responses, "413", "TooLarge", hasBody);
        errorRef(responses, "415", "UnsupportedMediaType", hasBody);
        errorRef(responses, "422", "ValidationFailed", hasBody || !route.query().isEmpty()
                || route.method().equals("POST"));
        errorRef(responses, "429", "RateLimited", !route.isPublic());
        errorRef(responses, "500", "InternalError", true);
        if (route.readsRaw()) {
            errorRef(responses, "503", "Unavailable", true);
        }
        return responses;
    }

    private static void errorRef(ObjectNode responses, String status, String name, boolean when) {
        if (when) {
            responses.set(status, Json.object().put("$ref", "#/components/responses/" + name));
        }
    }

    private ObjectNode errorResponses() {
        ObjectNode responses = Json.object();
        error(responses, "InvalidJson", "The body is not valid JSON (invalid_json)", null);
        error(responses, "Unauthorized", "No token, or one that is unknown, revoked or expired "
                + "(unauthorized)", "WWW-Authenticate");
        error(responses, "Forbidden", "The token lacks the scope this call needs; details name "
                + "it (insufficient_scope)", "WWW-Authenticate");
        error(responses, "NotFound", "No such resource or route (not_found)", null);
        error(responses, "Conflict", "The resource's state forbids this, or a request with the "
                + "same Idempotency-Key is still running (conflict, idempotency_key_in_use)",
                null);
        error(responses, "TooLarge", "The body is over its limit: 1 MB for JSON, the SMTP "
                + "size limit for raw messages (too_large)", null);
        error(responses, "UnsupportedMediaType", "The Content-Type is not one this call takes "
                + "(unsupported_media_type)", null);
        error(responses, "ValidationFailed", "Fields are wrong; details name each by JSON "
                + "pointer (validation_failed), or the Idempotency-Key was used with another "
                + "request (idempotency_key_reused)", null);
        error(responses, "RateLimited", "Too many requests for this token, or too many wrong "
                + "tokens from this address (rate_limited)", "Retry-After");
        error(responses, "InternalError", "A fault on the server; the log has it under the "
                + "request_id (internal_error)", null);
        error(responses, "Unavailable", "The store cannot take the message now "
                + "(store_unavailable)", "Retry-After");
        return responses;
    }

    private void error(ObjectNode responses, String name, String description, String header) {
        ObjectNode response = responses.putObject(name);
        response.put("description", description);
        if (header != null) {
            response.set("headers", Json.object().set(header, header(header)));
        }
        response.putObject("content").putObject(JSON).set("schema", render(errorSchema()));
    }

    private static ObjectNode header(String description) {
        ObjectNode header = Json.object();
        header.put("description", description);
        header.set("schema", Json.object().put("type", "string"));
        return header;
    }

    private static Schema errorSchema() {
        Schema error = Schema.object()
                .with("code", Schema.oneOf(ERROR_CODES))
                .with("message", Schema.string())
                .with("details", Schema.array(Schema.openObject()).describedAs(
                        "For validation_failed, {pointer, message} per bad field; for "
                                + "insufficient_scope, {required_scope}"))
                .with("request_id", Schema.string())
                .require("code", "message", "details", "request_id");
        return Schema.object().with("error", error).require("error").named("Error");
    }

    private ObjectNode schemas() {
        ObjectNode schemas = Json.object();
        components.forEach(schemas::set);
        return schemas;
    }

    /** JSON Schema 2020-12 for a schema; named ones go to components and are referenced. */
    ObjectNode render(Schema schema) {
        if (schema.name() == null) {
            return inline(schema);
        }
        Schema plain = schema.nullableAs(false);
        Schema known = componentSources.get(schema.name());
        if (known == null) {
            componentSources.put(schema.name(), plain);
            components.put(schema.name(), inline(plain.named(null)));
        } else if (!known.equals(plain)) {
            throw new IllegalStateException("Two different schemas are named " + schema.name()
                    + "; give one of them another name");
        }
        ObjectNode ref = Json.object().put("$ref", "#/components/schemas/" + schema.name());
        if (!schema.nullable()) {
            return ref;
        }
        ObjectNode either = Json.object();
        either.putArray("anyOf").add(ref).add(Json.object().put("type", "null"));
        return either;
    }

    private ObjectNode inline(Schema schema) {
        ObjectNode node = Json.object();
        if (schema.type() != null) {
            if (schema.nullable()) {
                node.putArray("type").add(schema.type()).add("null");
            } else {
                node.put("type", schema.type());
            }
        }
        if (schema.description() != null) {
            node.put("description", schema.description());
        }
        if (schema.enumValues() != null) {
            ArrayNode values = node.putArray("enum");
            schema.enumValues().forEach(values::add);
            if (schema.nullable()) {
                values.addNull();
            }
        }
        putIfSet(node, "format", schema.format());
        putIfSet(node, "minLength", schema.minLength());
        putIfSet(node, "maxLength", schema.maxLength());
        putIfSet(node, "minItems", schema.minItems());
        putIfSet(node, "maxItems", schema.maxItems());
        putIfSet(node, "minimum", schema.minimum());
        putIfSet(node, "maximum", schema.maximum());
        if (schema.items() != null) {
            node.set("items", render(schema.items()));
        }
        if (!schema.properties().isEmpty()) {
            ObjectNode properties = node.putObject("properties");
            schema.properties().forEach((name, value) -> properties.set(name, render(value)));
        }
        if (!schema.required().isEmpty()) {
            ArrayNode required = node.putArray("required");
            schema.required().forEach(required::add);
        }
        if (schema.values() != null) {
            node.set("additionalProperties", render(schema.values()));
        } else if (schema.closed()) {
            node.put("additionalProperties", false);
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String keyword, Object value) {
        if (value instanceof String text) {
            node.put(keyword, text);
        } else if (value instanceof Integer number) {
            node.put(keyword, number);
        } else if (value instanceof Long number) {
            node.put(keyword, number);
        }
    }

    static String operationId(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String part : path.replaceFirst("^/v1/", "/").split("/")) {
            String word = part.replaceAll("[{}]", "");
            if (word.isEmpty()) {
                continue;
            }
            id.append(part.startsWith("{") ? "By" : "");
            for (String piece : word.split("[_.\\-]")) {
                if (!piece.isEmpty()) {
                    id.append(Character.toUpperCase(piece.charAt(0))).append(piece.substring(1));
                }
            }
        }
        return id.toString();
    }

    private static String tag(String path) {
        String[] parts = path.replaceFirst("^/v1/", "").split("/");
        return parts[0].isEmpty() ? "api" : parts[0].replace(".json", "");
    }

    /** True when the document has an operation for the method and path. */
    public static boolean lists(JsonNode document, String method, String path) {
        JsonNode item = document.path("paths").path(path);
        return item.has(method.toLowerCase(Locale.ROOT));
    }
}
