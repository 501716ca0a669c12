package dev.actionbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.sun.net.httpserver.HttpServer;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/openapi.json}: a valid OpenAPI 3.1 document that lists every route the
 * server answers, and whose schemas hold for what the routes really answer.
 */
class OpenApiDocumentTest {

    private static final JsonSchemaFactory SCHEMAS =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @TempDir
    static Path dataDir;

    private static TestServer node;
    private static JsonNode document;

    @BeforeAll
    static void start() throws Exception {
        node = TestServer.start(dataDir);
        Http.Response response = node.http(null).get("/v1/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        document = response.json();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void openApi_parsedByAnOpenApi31Parser_hasNoProblems() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);

        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document.toString(), null,
                options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).hasSizeGreaterThan(25);
    }

    @Test
    void openApi_everySchema_isValidJsonSchema202012() {
        JsonSchema meta = SCHEMAS.getSchema(SchemaLocation.of(
                "https://json-schema.org/draft/2020-12/schema"));
        List<JsonNode> schemas = new ArrayList<>();
        document.at("/components/schemas").forEach(schemas::add);
        document.findValues("schema").forEach(schemas::add);

        for (JsonNode schema : schemas) {
            assertThat(meta.validate(schema)).as(schema.toString()).isEmpty();
        }
        assertThat(schemas).hasSizeGreaterThan(100);
    }

    @Test
    void openApi_listsEveryRouteOfTheTableAndNothingElse() {
        Set<String> expected = new HashSet<>();
        for (Route route : node.server().routes().routes()) {
            expected.add(route.method() + " " + route.path());
            expected.add("OPTIONS " + route.path());
            if (route.method().equals("GET")) {
                expected.add("HEAD " + route.path());
            }
        }
        Set<String> listed = new HashSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> listed.add(method.toUpperCase(Locale.ROOT) + " "
                        + path.getKey())));

        assertThat(listed).isEqualTo(expected);
    }

    @Test
    void openApi_everyListedOperation_isAnsweredByTheServer() {
        Http anonymous = node.http(null);
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> {
                    Http.Response response = anonymous.send(method.toUpperCase(Locale.ROOT),
                            RouteScopeTest.concrete(path.getKey()), null, Map.of());

                    assertThat(response.status()).as(method + " " + path.getKey())
                            .isIn(200, 204, 401);
                }));
    }

    @Test
    void openApi_everyOperation_namesItsScopesAndErrors() {
        for (Route route : node.server().routes().routes()) {
            JsonNode op = document.at("/paths/" + route.path().replace("/", "~1") + "/"
                    + route.method().toLowerCase(Locale.ROOT));
            if (route.isPublic()) {
                assertThat(op.get("security").size()).isZero();
                continue;
            }
            assertThat(op.get("security").size()).isEqualTo(route.anyOf().size());
            assertThat(op.get("x-scopes").toString()).contains(route.anyOf().iterator().next()
                    .wireName());
            assertThat(op.get("responses").has("401")).isTrue();
            assertThat(op.get("responses").has("403")).isTrue();
            assertThat(op.get("responses").has("429")).isTrue();
            assertThat(op.get("responses").has("500")).isTrue();
            if (route.readsJson()) {
                assertThat(route.request()).as(route.method() + " " + route.path()).isNotNull();
                assertThat(op.get("responses").has("422")).isTrue();
                assertThat(op.get("responses").has("415")).isTrue();
            }
        }
    }

    @Test
    void openApi_everyRoute_declaresWhatItAnswers() {
        for (Route route : node.server().routes().routes()) {
            boolean noBody = route.status() == 204;
            assertThat(noBody || route.response() != null)
                    .as(route.method() + " " + route.path() + " declares its answer").isTrue();
        }
    }

    @Test
    void everyRoute_answersWhatTheDocumentSays() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            ContractClient client = new ContractClient(node.http(node.token("admin")));
            new ContractScenario(client, node, receiver.getAddress().getPort()).run();

            assertThat(client.problems).isEmpty();
            Set<String> untouched = new HashSet<>();
            for (Route route : node.server().routes().routes()) {
                if (!client.answered.contains(route.method() + " " + route.path())) {
                    untouched.add(route.method() + " " + route.path());
                }
            }
            assertThat(untouched).as("routes the scenario never reached").isEmpty();
        } finally {
            receiver.stop(0);
        }
    }

    /** Sends calls by route template and holds each answer to the document. */
    static final class ContractClient {
        final Http http;
        final List<String> problems = new ArrayList<>();
        final Set<String> answered = new HashSet<>();

        ContractClient(Http http) {
            this.http = http;
        }

        Http.Response call(String method, String template, Map<String, String> params,
                Object body) {
            String path = template;
            for (Map.Entry<String, String> param : params.entrySet()) {
                path = path.replace("{" + param.getKey() + "}", param.getValue());
            }
            Http.Response response = body == null ? http.send(method, path, null, Map.of())
                    : body instanceof String raw && template.endsWith("/raw")
                    ? http.send(method, path, raw, Map.of("Content-Type", "message/rfc822"))
                    : http.send(method, path, body instanceof String s ? s : Json.write(body),
                    Map.of("Content-Type", "application/json"));
            check(method, template, response);
            return response;
        }

        private void check(String method, String template, Http.Response response) {
            String where = method + " " + template + " -> " + response.status();
            answered.add(method + " " + template);
            JsonNode op = document.path("paths").path(template)
                    .path(method.toLowerCase(Locale.ROOT));
            JsonNode documented = op.path("responses").path(String.valueOf(response.status()));
            if (documented.isMissingNode()) {
                problems.add(where + ": status not documented; body " + response.body());
                return;
            }
            if (documented.has("$ref")) {
                documented = document.at(documented.get("$ref").asText().substring(1));
            }
            JsonNode content = documented.path("content").path("application/json");
            if (content.isMissingNode()) {
                if (response.json() != null && documented.path("content").isMissingNode()) {
                    problems.add(where + ": documented without a body, but has one");
                }
                return;
            }
            if (response.json() == null) {
                problems.add(where + ": documented as JSON, but the body is " + response.body());
                return;
            }
            Set<ValidationMessage> errors = schemaOf(content.get("schema"))
                    .validate(response.json());
            errors.forEach(error -> problems.add(where + ": " + error.getMessage()));
        }

        /** The schema with the document's components as $defs, so that $refs resolve. */
        private static JsonSchema schemaOf(JsonNode schema) {
            ObjectNode root = (ObjectNode) Json.tree(schema.toString()
                    .replace("#/components/schemas/", "#/$defs/"));
            root.set("$defs", Json.tree(document.at("/components/schemas").toString()
                    .replace("#/components/schemas/", "#/$defs/")));
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            return SCHEMAS.getSchema(root);
        }
    }

    /** One pass over every route, the way an integrator would use them. */
    record ContractScenario(ContractClient c, TestServer node, int hookPort) {

        void run() throws Exception {
            c.call("GET", "/v1/health", Map.of(), null);
            c.call("GET", "/metrics", Map.of(), null);
            c.call("GET", "/v1/openapi.json", Map.of(), null);
            tokens();
            c.call("GET", "/v1/inboxes", Map.of(), null);
            String inbox = c.call("POST", "/v1/inboxes", Map.of(),
                    Map.of("address", "help@example.com")).json().get("id").asText();
            c.call("GET", "/v1/inboxes/{id}", Map.of("id", inbox), null);
            c.call("GET", "/v1/inboxes/{id}", Map.of("id", "inb_missing"), null);

            String label = c.call("POST", "/v1/labels", Map.of(), Map.of("id", "lbl_vip",
                    "name", "VIP", "color", "#ff0000")).json().get("id").asText();
            c.call("POST", "/v1/labels", Map.of(), Map.of("name", 7, "bogus", true));
            c.call("GET", "/v1/labels", Map.of(), null);
            c.call("GET", "/v1/labels/{id}", Map.of("id", label), null);
            c.call("PATCH", "/v1/labels/{id}", Map.of("id", label), Map.of("color", "#00ff00"));

            c.call("POST", "/v1/contacts", Map.of(), Map.of("id", "ctc_dana",
                    "full_name", "Dana", "emails", List.of(Map.of("label", "work",
                            "address", "dana@client.example")), "phones", List.of("+1 555")));
            c.call("GET", "/v1/contacts", Map.of(), null);
            c.call("GET", "/v1/contacts/{id}", Map.of("id", "ctc_dana"), null);
            c.call("PATCH", "/v1/contacts/{id}", Map.of("id", "ctc_dana"),
                    Map.of("notes", "Prefers mail"));
            String entity = c.call("POST", "/v1/context/{label_id}/entities",
                    Map.of("label_id", label), Map.of("entity_type", "contact",
                            "entity_id", "ctc_dana")).json().get("id").asText();
            c.call("GET", "/v1/context/{label_id}/entities", Map.of("label_id", label), null);

            String workflow = workflows(label);
            String messageId = mail(label);
            messages(messageId, label, workflow);
            tasks();
            reviews();
            deliveries();
            c.call("GET", "/v1/activity", Map.of(), null);

            c.call("DELETE", "/v1/context/{label_id}/entities/{ent_id}",
                    Map.of("label_id", label, "ent_id", entity), null);
            c.call("DELETE", "/v1/workflows/{id}", Map.of("id", workflow), null);
            c.call("DELETE", "/v1/labels/{id}", Map.of("id", label), null);
        }

        private void tokens() {
            JsonNode token = c.call("POST", "/v1/tokens", Map.of(), Map.of("scopes",
                    List.of("task:read"), "label", "reader")).json();
            String id = token.get("id").asText();
            c.call("GET", "/v1/tokens", Map.of(), null);
            c.call("GET", "/v1/tokens/current", Map.of(), null);
            c.call("GET", "/v1/tokens/{id}", Map.of("id", id), null);
            c.call("PATCH", "/v1/tokens/{id}", Map.of("id", id), Map.of("label", "renamed"));
            c.call("POST", "/v1/tokens/{id}/rotate", Map.of("id", id),
                    Map.of("grace_period_seconds", 60));
            c.call("DELETE", "/v1/tokens/{id}", Map.of("id", id), null);
            c.call("DELETE", "/v1/tokens/{id}", Map.of("id", id), null);
            ContractClient anonymous = new ContractClient(node.http(null));
            anonymous.call("GET", "/v1/tokens/current", Map.of(), null);
            c.problems.addAll(anonymous.problems);
        }

        private String workflows(String label) {
            c.call("GET", "/v1/workflows/reference", Map.of(), null);
            String workflow = c.call("POST", "/v1/workflows", Map.of(), """
                    {"name": "Task for VIP mail", "trigger": "label_applied",
                     "conditions": [{"field": "label_id", "op": "eq", "value": "%s"}],
                     "writes": [{"source": {"from": "event.payload"}, "target": {"type": "task"},
                                 "contract": {"required": ["summary"]}}]}"""
                    .formatted(label)).json().get("id").asText();
            c.call("POST", "/v1/workflows", Map.of(), """
                    {"name": "Draft and hand off", "trigger": "email_received",
                     "writes": [{"source": {"from": "event.payload"},
                                 "target": {"type": "email.draft"}},
                                {"source": {"from": "event.payload"},
                                 "target": {"type": "webhook", "url": "http://127.0.0.1:%d/hook",
                                            "event_type": "mail.received"}},
                                {"source": {"from": "event.payload"}, "target": {"type": "task"},
                                 "contract": {"required": ["due_at"]},
                                 "policy": {"on_missing": "hold_for_review"}}]}"""
                    .formatted(hookPort));
            c.call("POST", "/v1/workflows", Map.of(), Map.of("name", "", "trigger", "nope"));
            c.call("GET", "/v1/workflows", Map.of(), null);
            c.call("GET", "/v1/workflows/{id}", Map.of("id", workflow), null);
            c.call("PATCH", "/v1/workflows/{id}", Map.of("id", workflow),
                    Map.of("enabled", true));
            return workflow;
        }

        private String mail(String label) {
            String messageId = null;
            for (int i = 1; i <= 2; i++) {
                String raw = "From: Dana <dana@client.example>\r\nTo: inbox@actionbox.local\r\n"
                        + "Subject: Invoice question " + i + "\r\nMessage-ID: <inv-" + i
                        + "@client.example>\r\nDate: Mon, 5 Jan 2026 10:00:00 +0000\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain\r\n\r\nPlease check the invoice.\r\n"
                        + "--b\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; "
                        + "filename=invoice.csv\r\n\r\na,b\r\n1,2\r\n--b--\r\n";
                JsonNode stored = c.call("POST", "/v1/messages/raw", Map.of(), raw).json();
                messageId = messageId == null ? stored.get("id").asText() : messageId;
            }
            node.awaitIdle();
            TestServer.await(() -> c.http.get("/v1/webhooks/deliveries/").json().get("data")
                    .size() >= 2, Duration.ofSeconds(20), "webhook deliveries");
            return messageId;
        }

        private void messages(String messageId, String label, String workflow) {
            c.call("GET", "/v1/messages", Map.of(), null);
            JsonNode message = c.call("GET", "/v1/messages/{id}", Map.of("id", messageId), null)
                    .json();
            c.call("GET", "/v1/messages/{id}/raw", Map.of("id", messageId), null);
            c.call("GET", "/v1/messages/{id}/attachments/{att_id}", Map.of("id", messageId,
                    "att_id", message.at("/attachments/0/id").asText()), null);
            c.call("GET", "/v1/threads/{id}", Map.of("id", message.get("thread_id").asText()),
                    null);
            c.call("POST", "/v1/messages/{id}/labels", Map.of("id", messageId),
                    Map.of("label_id", label));
            c.call("POST", "/v1/workflows/{id}/test", Map.of("id", workflow),
                    Map.of("message_id", messageId));
            c.call("DELETE", "/v1/messages/{id}/labels/{label_id}", Map.of("id", messageId,
                    "label_id", label), null);
            node.awaitIdle();
        }

        private void tasks() {
            String task = c.call("POST", "/v1/tasks", Map.of(), Map.of("summary", "Call Dana",
                    "priority", "high", "due_at", "2026-02-01T09:00:00Z")).json()
                    .get("id").asText();
            c.call("GET", "/v1/tasks", Map.of(), null);
            c.call("GET", "/v1/tasks/{id}", Map.of("id", task), null);
            c.call("PATCH", "/v1/tasks/{id}", Map.of("id", task), Map.of("status", "done"));
            c.call("DELETE", "/v1/tasks/{id}", Map.of("id", task), null);
            c.call("GET", "/v1/tasks/{id}", Map.of("id", task), null);
        }

        private void reviews() {
            JsonNode reviews = c.call("GET", "/v1/reviews", Map.of(), null).json().get("data");
            assertThat(reviews.size()).as("reviews held").isGreaterThanOrEqualTo(2);
            String first = reviews.get(0).get("id").asText();
            c.call("GET", "/v1/reviews/{id}", Map.of("id", first), null);
            c.call("POST", "/v1/reviews/{id}/approve", Map.of("id", first),
                    Map.of("fields", Map.of("due_at", "2026-03-01T12:00:00Z")));
            c.call("POST", "/v1/reviews/{id}/reject", Map.of("id",
                    reviews.get(1).get("id").asText()), null);

            JsonNode drafts = c.call("GET", "/v1/drafts", Map.of(), null).json().get("data");
            String draft = drafts.get(0).get("id").asText();
            c.call("GET", "/v1/drafts/{id}", Map.of("id", draft), null);
            c.call("PATCH", "/v1/drafts/{id}", Map.of("id", draft), Map.of("subject",
                    "Re: Invoice", "to", List.of(Map.of("address", "dana@client.example"))));
            c.call("POST", "/v1/drafts/{id}/send", Map.of("id", draft), null);
        }

        private void deliveries() {
            JsonNode deliveries = c.call("GET", "/v1/webhooks/deliveries", Map.of(), null)
                    .json().get("data");
            String delivery = deliveries.get(0).get("id").asText();
            c.call("GET", "/v1/webhooks/deliveries/{id}", Map.of("id", delivery), null);
            c.call("POST", "/v1/webhooks/deliveries/{id}/redeliver", Map.of("id", delivery),
                    null);
        }
    }
}
