package dev.actionbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fuzz-style pass over every JSON write route: broken JSON, other JSON values, unknown
 * fields, wrong types at every declared field, huge strings and deep nesting. Each must get
 * a 4xx in the documented error shape (or a 2xx when it happens to be valid), never a 500.
 */
class MalformedBodyTest {

    private static final List<String> BROKEN = List.of("{", "}", "{\"a\":}", "nul", "[1,2",
            "{\"a\":1,}", "{'a':1}", "{\"a\":\"\\u12\"}", "{\"a\":\"tab\there\"}", "{} {}",
            "{\"a\":1,\"a\":2}", "{\"a\":NaN}", "{\"a\":01}", "{\"a\" 1}",
            "{\"a\":1e999999999}", "{\"a\":" + "9".repeat(2_000) + "}");
    private static final List<String> OTHER_VALUES = List.of("[]", "\"text\"", "42", "null",
            "true", "[{}]");
    private static final List<Object> WRONG_VALUES = List.of(123, "text", true, List.of(),
            Map.of(), 1.5, new java.math.BigInteger("9".repeat(40)), Map.of("x", List.of(1)),
            "\u0000", "\ud800");

    @TempDir
    static Path dataDir;

    private static TestServer node;
    private static Http api;
    private static Map<String, String> ids;

    @BeforeAll
    static void start() throws Exception {
        node = TestServer.start(dataDir, "127.0.0.1/32", new ApiConfig(List.of(), 0, 0),
                1024 * 1024);
        api = node.http(node.token("admin"));
        ids = realIds();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void everyJsonWriteRoute_brokenJson_gets400() {
        for (Route route : jsonWrites()) {
            for (String body : BROKEN) {
                Http.Response response = send(route, body);

                assertWellFormedError(route, body, response);
                assertThat(response.status()).as(where(route, body)).isIn(400, 413, 422);
            }
            Http.Response badUtf8 = api.sendBytes(route.method(), path(route),
                    new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                    Map.of("Content-Type", "application/json"));
            assertWellFormedError(route, "invalid UTF-8", badUtf8);
        }
    }

    @Test
    void everyJsonWriteRoute_otherJsonValuesAndUnknownFields_get422() {
        for (Route route : jsonWrites()) {
            for (String body : OTHER_VALUES) {
                assertWellFormedError(route, body, send(route, body));
            }
            Http.Response unknown = send(route, "{\"zz_not_a_field\": 1}");

            assertWellFormedError(route, "unknown field", unknown);
            assertThat(unknown.status()).as(where(route, "unknown field")).isEqualTo(422);
            assertThat(unknown.json().at("/error/details").findValuesAsText("pointer"))
                    .contains("/zz_not_a_field");
        }
    }

    @Test
    void everyJsonWriteRoute_wrongTypeAtEveryDeclaredField_neverFails() {
        int sent = 0;
        for (Route route : jsonWrites()) {
            for (List<String> field : fields(route.request(), List.of(), 0)) {
                for (Object value : WRONG_VALUES) {
                    String body = Json.write(nest(field, value));
                    Http.Response response = send(route, body);

                    assertNoFault(route, body, response);
                    sent++;
                }
            }
        }
        assertThat(sent).isGreaterThan(500);
    }

    @Test
    void everyJsonWriteRoute_hugeStrings_get4xx() {
        String huge = "x".repeat(900_000);
        for (Route route : jsonWrites()) {
            for (List<String> field : fields(route.request(), List.of(), 0)) {
                String body = Json.write(nest(field, huge));
                Http.Response response = send(route, body);

                assertWellFormedError(route, "huge " + field, response);
            }
            String overLimit = "{\"a\":\"" + "y".repeat(ApiCall.MAX_JSON_BYTES) + "\"}";
            assertThat(send(route, overLimit).status()).as(where(route, "over 1 MB"))
                    .isEqualTo(413);
        }
    }

    @Test
    void everyJsonWriteRoute_deepNesting_gets4xx() {
        String deepArray = "[".repeat(5_000) + "]".repeat(5_000);
        String deepObject = "{\"a\":".repeat(500) + "1" + "}".repeat(500);
        for (Route route : jsonWrites()) {
            for (String name : route.request().properties().keySet()) {
                for (String deep : List.of(deepArray, deepObject, "[".repeat(60) + "]"
                        .repeat(60))) {
                    String body = "{\"" + name + "\":" + deep + "}";
                    assertNoFault(route, "deep " + name, send(route, body));
                }
            }
            assertWellFormedError(route, "deep root", send(route, deepArray));
        }
    }

    @Test
    void rawUpload_noiseAndWrongTypes_neverFail() {
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[random.nextInt(4_000) + 1];
            random.nextBytes(noise);
            Http.Response response = api.sendBytes("POST", "/v1/messages/raw", noise,
                    Map.of("Content-Type", "message/rfc822"));

            assertThat(response.status()).as("noise " + i + " " + response.body()).isLessThan(500);
        }
        Http.Response json = api.post("/v1/messages/raw", "{\"raw\": \"x\"}");
        assertThat(json.status()).isEqualTo(415);
    }

    private static List<Route> jsonWrites() {
        List<Route> routes = node.server().routes().routes().stream()
                .filter(Route::readsJson).toList();
        assertThat(routes).hasSizeGreaterThan(15);
        routes.forEach(route -> assertThat(route.request())
                .as(route.method() + " " + route.path() + " declares its body").isNotNull());
        return routes;
    }

    /** Paths to every field the schema declares, a few levels deep. */
    private static List<List<String>> fields(Schema schema, List<String> prefix, int depth) {
        List<List<String>> paths = new ArrayList<>();
        if (schema == null || depth > 3) {
            return paths;
        }
        Schema object = schema.items() != null ? schema.items() : schema;
        for (Map.Entry<String, Schema> field : object.properties().entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            if (schema.items() != null) {
                path.add("0");
            }
            path.add(field.getKey());
            paths.add(path);
            paths.addAll(fields(field.getValue(), path, depth + 1));
        }
        return paths;
    }

    /** A body that holds {@code value} at {@code path}, where "0" means a list's first item. */
    private static Object nest(List<String> path, Object value) {
        Object inner = value;
        for (int i = path.size() - 1; i >= 0; i--) {
            inner = path.get(i).equals("0") ? List.of(inner) : Map.of(path.get(i), inner);
        }
        return inner;
    }

    private static Http.Response send(Route route, String body) {
        return api.send(route.method(), path(route), body,
                Map.of("Content-Type", "application/json"));
    }

    private static String path(Route route) {
        String path = resolveById(route.path().replace("{label_id}", ids.get("labels"))
                .split("/"));
        return RouteScopeTest.concrete(path);
    }

    /** Fills {id} by the resource the path names, e.g. /v1/tasks/{id} with a real task id. */
    private static String resolveById(String[] parts) {
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("{id}") && ids.containsKey(parts[i - 1])) {
                part = ids.get(parts[i - 1]);
            }
            path.append('/').append(part);
        }
        return path.toString();
    }

    private static Map<String, String> realIds() {
        String label = api.post("/v1/labels/", Map.of("name", "Fuzz")).json().get("id").asText();
        String task = api.post("/v1/tasks/", Map.of("summary", "Fuzz")).json().get("id").asText();
        String contact = api.post("/v1/contacts/", Map.of("full_name", "Fuzz")).json()
                .get("id").asText();
        String workflow = api.post("/v1/workflows/", """
                {"name": "Fuzz", "trigger": "email_received",
                 "writes": [{"target": {"type": "task"}}]}""").json().get("id").asText();
        String token = api.post("/v1/tokens/", Map.of("scopes", List.of("task:read"))).json()
                .get("id").asText();
        JsonNode message = api.send("POST", "/v1/messages/raw",
                "From: a@example.com\r\nSubject: Fuzz\r\n\r\nHi\r\n",
                Map.of("Content-Type", "message/rfc822")).json();
        return Map.of("labels", label, "tasks", task, "contacts", contact,
                "workflows", workflow, "tokens", token, "messages", message.get("id").asText());
    }

    private static void assertNoFault(Route route, String body, Http.Response response) {
        assertThat(response.status()).as(where(route, body) + " -> " + response.body())
                .isBetween(200, 499);
        if (response.status() >= 400) {
            assertWellFormedError(route, body, response);
        }
    }

    private static void assertWellFormedError(Route route, String body, Http.Response response) {
        String where = where(route, body) + " -> " + response.status() + " " + response.body();
        assertThat(response.status()).as(where).isBetween(400, 499);
        JsonNode error = response.json() == null ? null : response.json().get("error");
        assertThat(error).as(where).isNotNull();
        assertThat(OpenApiDocument.ERROR_CODES).as(where).contains(error.get("code").asText());
        assertThat(error.get("message").asText()).as(where).isNotBlank();
        assertThat(error.get("details").isArray()).as(where).isTrue();
        assertThat(error.get("request_id").asText()).as(where).startsWith("req_");
    }

    private static String where(Route route, String body) {
        String shown = body.length() > 80 ? body.substring(0, 80) + "..." : body;
        return route.method() + " " + route.path() + " with "
                + new String(shown.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
