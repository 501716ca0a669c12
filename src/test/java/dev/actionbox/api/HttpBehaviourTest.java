package dev.actionbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * What every route shares, over real HTTP: the error shape, content types, size limits,
 * trailing slashes, HEAD, OPTIONS, CORS, rate limits and the request log.
 */
class HttpBehaviourTest {

    private static final long MAX_MESSAGE_BYTES = 64 * 1024;

    @TempDir
    Path dataDir;

    private TestServer node;
    private String secret;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir, "127.0.0.1/32",
                new ApiConfig(List.of("https://app.example"), 40, 5), MAX_MESSAGE_BYTES);
        secret = node.token("admin");
        api = node.http(secret);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void brokenJson_gets400InvalidJsonInTheErrorShape() {
        Http.Response response = api.post("/v1/labels/", "{\"name\": ");

        assertErrorShape(response, 400, "invalid_json");
    }

    @Test
    void jsonWithDuplicateOrTrailingContent_gets400() {
        assertErrorShape(api.post("/v1/labels/", "{\"name\":\"a\",\"name\":\"b\"}"), 400,
                "invalid_json");
        assertErrorShape(api.post("/v1/labels/", "{\"name\":\"a\"} {}"), 400, "invalid_json");
    }

    @Test
    void unknownAndWrongFields_get422ListingEveryPointerInOneAnswer() {
        Http.Response response = api.post("/v1/tasks/", Map.of("summary", 5,
                "priority", "whenever", "colour", "red", "due_at", "tomorrow"));

        assertErrorShape(response, 422, "validation_failed");
        assertThat(response.json().at("/error/details").findValuesAsText("pointer"))
                .containsExactlyInAnyOrder("/summary", "/priority", "/colour", "/due_at");
    }

    @Test
    void unknownField_onEveryKindOfWrite_gets422() {
        assertErrorShape(api.post("/v1/labels/", Map.of("name", "x", "shade", "red")), 422,
                "validation_failed");
        assertErrorShape(api.post("/v1/inboxes/", Map.of("address", "a@b.example", "x", 1)),
                422, "validation_failed");
        assertErrorShape(api.post("/v1/tokens/", Map.of("scopes", List.of("task:read"),
                "admin", true)), 422, "validation_failed");
    }

    @Test
    void jsonWriteWithWrongContentType_gets415() {
        Http.Response form = api.send("POST", "/v1/labels/", "name=x",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        Http.Response none = api.send("POST", "/v1/labels/", "{\"name\":\"x\"}", Map.of());

        assertErrorShape(form, 415, "unsupported_media_type");
        assertErrorShape(none, 415, "unsupported_media_type");
    }

    @Test
    void rawUpload_takesMessageTypesAndRefusesJson() {
        String mail = "From: a@example.com\r\nSubject: Hello\r\nMessage-ID: <u1@example.com>\r\n"
                + "\r\nBody\r\n";

        Http.Response asJson = api.send("POST", "/v1/messages/raw", mail,
                Map.of("Content-Type", "application/json"));
        Http.Response asMessage = api.send("POST", "/v1/messages/raw", mail,
                Map.of("Content-Type", "message/rfc822"));
        Http.Response again = api.send("POST", "/v1/messages/raw", mail,
                Map.of("Content-Type", "text/plain; charset=utf-8"));

        assertErrorShape(asJson, 415, "unsupported_media_type");
        assertThat(asMessage.status()).as(asMessage.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
    }

    @Test
    void jsonOver1MB_gets413() {
        String big = "{\"name\":\"" + "x".repeat(ApiCall.MAX_JSON_BYTES) + "\"}";

        assertErrorShape(api.post("/v1/labels/", big), 413, "too_large");
    }

    @Test
    void rawUploadOverMessageLimit_gets413() {
        byte[] mail = ("Subject: big\r\n\r\n" + "y".repeat((int) MAX_MESSAGE_BYTES))
                .getBytes(StandardCharsets.US_ASCII);

        Http.Response response = api.sendBytes("POST", "/v1/messages/raw", mail,
                Map.of("Content-Type", "message/rfc822"));

        assertErrorShape(response, 413, "too_large");
        assertThat(response.json().at("/error/message").asText())
                .contains("ACTIONBOX_MAX_MESSAGE_BYTES");
    }

    @ParameterizedTest
    @CsvSource({
        "/v1/messages/%u0041, 400, invalid_request",
        "/v1/messages/%00, 400, invalid_request",
        "/v1/messages/%zz, 400, invalid_request",
        "/v1/messages/%, 400, invalid_request",
        "/v1/tasks/?status=%zz, 400, invalid_request",
        "/v1/tasks/?status=open&limit=%u0032, 400, invalid_request"})
    void unreadablePathOrQuery_getsAJsonErrorNotAPage(String target, int status, String code)
            throws Exception {
        String answer = rawGet(target, "");

        assertThat(answer).startsWith("HTTP/1.1 " + status)
                .containsIgnoringCase("Content-Type: application/json")
                .contains("\"code\":\"" + code + "\"", "\"request_id\":\"req_");
    }

    @Test
    void urlOrHeadersOverTheirLimit_getTooLargeInTheErrorShape() throws Exception {
        String longUrl = rawGet("/v1/messages/" + "a".repeat(9_000), "");
        String bigHeader = rawGet("/v1/health", "X-Big: " + "b".repeat(10_000) + "\r\n");

        assertThat(longUrl).startsWith("HTTP/1.1 414").contains("\"too_large\"");
        assertThat(bigHeader).startsWith("HTTP/1.1 431").contains("\"too_large\"");
    }

    @Test
    void twoAuthorizationHeaders_get401EvenWhenTheFirstIsValid() throws Exception {
        String answer = rawGet("/v1/tasks/", "Authorization: Bearer abx_wrong\r\n");

        assertThat(answer).startsWith("HTTP/1.1 401").contains("one Authorization header");
    }

    /** Java's HTTP client refuses such requests, so they go out over a plain socket. */
    private String rawGet(String target, String extraHeaders) throws IOException {
        java.net.URI base = java.net.URI.create(node.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + secret + "\r\n" + extraHeaders
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void misspeltQueryParameter_gets422NamingItAndTheOnesTheRouteTakes() {
        Http.Response response = api.get("/v1/tasks/?staus=open&limit=5");

        assertErrorShape(response, 422, "validation_failed");
        assertThat(response.json().at("/error/details/0/pointer").asText()).isEqualTo("/staus");
        assertThat(response.json().at("/error/details/0/message").asText())
                .contains("status", "label_id", "limit", "cursor");
    }

    @ParameterizedTest
    @CsvSource({"/v1/tasks/?status=sending", "/v1/drafts/?status=queued",
        "/v1/webhooks/deliveries/?status=bogus", "/v1/reviews/?status=maybe"})
    void filterValueItCanNeverHave_gets422NamingTheValuesItCan(String target) {
        Http.Response response = api.get(target);

        assertErrorShape(response, 422, "validation_failed");
        assertThat(response.json().at("/error/details/0/pointer").asText()).isEqualTo("/status");
        assertThat(response.json().at("/error/details/0/message").asText())
                .startsWith("must be one of [");
    }

    @Test
    void declaredQueryParameters_andTokenlessRoutesWithExtraOnes_areAnswered() {
        assertThat(api.get("/v1/tasks/?status=open&limit=5&cursor=").status()).isEqualTo(200);
        assertThat(api.withToken(null).get("/v1/health?probe=lb").status()).isEqualTo(200);
        assertThat(api.withToken(null).get("/metrics?name[]=x").status()).isEqualTo(200);
    }

    @Test
    void timeBeyondRfc3339_gets422NotA500() {
        String far = "+999999999-12-31T23:59:59Z";
        String taskId = api.post("/v1/tasks/", Map.of("summary", "Far away")).json().get("id")
                .asText();

        assertErrorShape(api.patch("/v1/tasks/" + taskId + "/", Map.of("due_at", far)), 422,
                "validation_failed");
        assertErrorShape(api.post("/v1/tokens/", Map.of("scopes", List.of("tasks:read"),
                "expires_at", far)), 422, "validation_failed");
        assertErrorShape(api.get("/v1/activity/?since=%2B999999999-12-31T23:59:59Z"), 422,
                "validation_failed");
    }

    @Test
    void unknownRouteAndUnknownId_get404InTheErrorShape() {
        assertErrorShape(api.get("/v1/nothing-here"), 404, "not_found");
        assertErrorShape(api.get("/v1/tasks/tsk_missing"), 404, "not_found");
    }

    @Test
    void wrongMethod_gets405WithAllow() {
        Http.Response response = api.send("PUT", "/v1/tasks", "{}",
                Map.of("Content-Type", "application/json"));

        assertErrorShape(response, 405, "method_not_allowed");
        assertThat(response.headers().firstValue("Allow")).get().asString().contains("GET")
                .contains("POST");
    }

    @Test
    void paths_withAndWithoutTrailingSlash_answerTheSame() {
        assertThat(api.get("/v1/labels").status()).isEqualTo(200);
        assertThat(api.get("/v1/labels/").status()).isEqualTo(200);
        assertThat(api.post("/v1/labels", Map.of("name", "One")).status()).isEqualTo(201);
        assertThat(api.post("/v1/labels/", Map.of("name", "Two")).status()).isEqualTo(201);
    }

    @Test
    void head_answersLikeGetWithoutABody() {
        Http.Response get = api.get("/v1/labels/");
        Http.Response head = api.send("HEAD", "/v1/labels/", null, Map.of());
        Http.Response missing = api.send("HEAD", "/v1/labels/lbl_missing", null, Map.of());

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type"))
                .isEqualTo(get.headers().firstValue("Content-Type"));
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void options_answersAllowWithoutAToken() {
        Http.Response response = node.http(null).send("OPTIONS", "/v1/labels/{id}"
                .replace("{id}", "lbl_x"), null, Map.of());

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers().firstValue("Allow")).get().asString()
                .contains("GET", "PATCH", "DELETE", "HEAD", "OPTIONS");
    }

    @Test
    void cors_allowedOrigin_getsPreflightAndResponseHeaders() {
        Http anonymous = node.http(null);
        Map<String, String> preflight = Map.of("Origin", "https://app.example",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type");

        Http.Response allowed = anonymous.send("OPTIONS", "/v1/tasks/", null, preflight);
        Http.Response get = api.send("GET", "/v1/tasks/", null,
                Map.of("Origin", "https://app.example"));

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("https://app.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).get()
                .asString().contains("Authorization").contains("Idempotency-Key");
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("https://app.example");
    }

    @Test
    void cors_otherOrigin_getsNoCorsHeaders() {
        Http.Response response = node.http(null).send("OPTIONS", "/v1/tasks/", null,
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "GET"));

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void rateLimit_tokenOverItsLimit_gets429WithRetryAfter() {
        Http limited = node.http(node.token("labels:read"));
        Http.Response last = null;
        for (int i = 0; i < 41; i++) {
            last = limited.get("/v1/labels/");
        }

        assertErrorShape(last, 429, "rate_limited");
        assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow()))
                .isPositive();
        assertThat(api.get("/v1/labels/").status()).as("other tokens keep their own budget")
                .isEqualTo(200);
    }

    @Test
    void failedAuth_tooManyWrongTokensFromOneAddress_gets429EvenForARightToken() {
        Http guesser = node.http("abx_wrongwrongwrongwrongwrongwrong00");
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.get("/v1/labels/").status()).isEqualTo(401);
        }

        Http.Response blocked = guesser.get("/v1/labels/");
        Http.Response rightToken = api.get("/v1/labels/");

        assertErrorShape(blocked, 429, "rate_limited");
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        assertThat(rightToken.status()).isEqualTo(429);
    }

    @Test
    void requestLog_oneLinePerRequest_withTemplateAndTokenIdButNoSecretOrBody() {
        Logger logger = (Logger) LoggerFactory.getLogger("actionbox.http");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        ch.qos.logback.classic.Level before = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            JsonNode task = api.post("/v1/tasks/", Map.of("summary", "Confidential plan"))
                    .json();
            api.get("/v1/tasks/" + task.get("id").asText());
            api.get("/v1/tasks/?owner=someone");

            TestServer.await(() -> appender.list.size() >= 3, java.time.Duration.ofSeconds(5),
                    "three request log lines");
            List<String> lines = appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage).toList();
            String tokenId = api.get("/v1/tokens/current/").json().get("id").asText();

            assertThat(lines.get(0)).contains("method=POST", "path=/v1/tasks", "status=201",
                    "ms=", "token=" + tokenId);
            assertThat(lines.get(1)).contains("path=/v1/tasks/{id}", "status=200");
            assertThat(lines.get(2)).contains("path=/v1/tasks ", "status=200");
            assertThat(String.join("\n", lines)).doesNotContain(secret, "Confidential",
                    task.get("id").asText(), "someone");
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
    }

    static void assertErrorShape(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode error = response.json().get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("details").isArray()).isTrue();
        assertThat(error.get("request_id").asText()).startsWith("req_")
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(response.body()).doesNotContain("at dev.actionbox", "Exception");
    }
}
