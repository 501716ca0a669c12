package dev.actionbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Idempotency-Key} on POST over real sockets. */
class IdempotencyTest {

    private static final String TASK = "{\"summary\":\"Call the client back\"}";

    @TempDir
    Path dataDir;

    private TestServer node;
    private String token;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir);
        token = node.token("task:write");
        api = node.http(token);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void post_retriedAfterDroppedConnection_makesOneResource() throws Exception {
        sendAndHangUp("POST", "/v1/tasks/", "retry-after-drop-1", TASK);
        TestServer.await(() -> taskCount() == 1, Duration.ofSeconds(10),
                "the dropped request to take effect");

        Http.Response retry = retryUntilSettled("/v1/tasks/", "retry-after-drop-1", TASK);

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(taskCount()).isEqualTo(1);
        assertThat(api.get("/v1/tasks/").json().at("/data/0/id").asText())
                .isEqualTo(retry.json().get("id").asText());
    }

    @Test
    void post_sameKeySameBody_replaysTheFirstAnswer() {
        Http.Response first = post("/v1/tasks/", "same-key", TASK);
        Http.Response second = post("/v1/tasks", "same-key", TASK);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(taskCount()).isEqualTo(1);
    }

    @Test
    void post_sameKeyOtherBody_gets422() {
        post("/v1/tasks/", "reused-key", TASK);

        Http.Response other = post("/v1/tasks/", "reused-key", "{\"summary\":\"Another\"}");

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().at("/error/code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(taskCount()).isEqualTo(1);
    }

    @Test
    void post_sameKeyFromAnotherToken_isAnotherRequest() {
        Http.Response first = post("/v1/tasks/", "shared-key", TASK);
        Http other = node.http(node.token("task:write"));

        Http.Response second = other.send("POST", "/v1/tasks/", TASK,
                Map.of("Content-Type", "application/json", "Idempotency-Key", "shared-key"));

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());
    }

    @Test
    void post_concurrentRetriesWithOneKey_makeOneResource() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Http.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> post("/v1/tasks/", "burst-key", TASK)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Http.Response> answer : answers) {
                Http.Response response = answer.get();
                assertThat(response.status()).as(response.body()).isIn(201, 409);
                if (response.status() == 201) {
                    ids.add(response.json().get("id").asText());
                }
            }

            assertThat(ids).isNotEmpty();
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(taskCount()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void post_afterValidationError_sameKeyRunsAgain() {
        Http.Response invalid = post("/v1/tasks/", "fix-and-retry", "{\"summary\":\"\"}");
        Http.Response fixedBodyOtherKey = post("/v1/tasks/", "fix-and-retry-2", TASK);

        assertThat(invalid.status()).isEqualTo(422);
        assertThat(post("/v1/tasks/", "fix-and-retry", "{\"summary\":\"\"}").status())
                .isEqualTo(422);
        assertThat(fixedBodyOtherKey.status()).isEqualTo(201);
    }

    private Http.Response post(String path, String key, String json) {
        return api.send("POST", path, json,
                Map.of("Content-Type", "application/json", "Idempotency-Key", key));
    }

    /** Writes a whole request on a raw socket and closes it before reading any answer. */
    private void sendAndHangUp(String method, String path, String key, String json)
            throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Idempotency-Key: " + key + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", node.server().httpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }
    }

    /** Retries as a client would while the first attempt may still run (409). */
    private Http.Response retryUntilSettled(String path, String key, String json)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Http.Response response = post(path, key, json);
        while (response.status() == 409 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            response = post(path, key, json);
        }
        return response;
    }

    private int taskCount() {
        JsonNode page = api.get("/v1/tasks/?limit=200").json();
        return page.get("data").size();
    }
}
