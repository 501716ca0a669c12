package dev.actionbox.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.support.Http;
import dev.actionbox.support.Mails;
import dev.actionbox.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail that breaks parsers, over SMTP and upload: each is kept raw with a message record and a
 * message.received activity, its event is processed, and the node goes on working.
 */
class BrokenInputTest {

    private static final Map<String, Object> TASK_FOR_EVERY_MAIL = Map.of(
            "name", "Task for every mail",
            "trigger", "email_received",
            "writes", List.of(Map.of("source", Map.of("from", "event.payload"),
                    "target", Map.of("type", "task"),
                    "contract", Map.of("required", List.of("summary")))));

    @TempDir
    Path dataDir;

    private TestServer node;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir);
        api = node.http(node.token("admin"));
        assertThat(api.post("/v1/workflows/", TASK_FOR_EVERY_MAIL).status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    static Stream<Arguments> brokenMail() {
        return Stream.of("smtp", "upload").flatMap(way -> Stream.of(
                Arguments.of(way, "missing closing boundary", missingClosingBoundary()),
                Arguments.of(way, "no header fields", "Just some words, no headers at all.\r\n"
                        .getBytes(StandardCharsets.US_ASCII)),
                Arguments.of(way, "NUL bytes", nulBytes()),
                Arguments.of(way, "2 MB header field", hugeHeader()),
                Arguments.of(way, "binary noise", noise())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("brokenMail")
    void intake_brokenMail_isKeptRawWithRecordAndActivity(String way, String kind, byte[] raw)
            throws Exception {
        String id = deliver(way, raw);

        JsonNode message = api.get("/v1/messages/" + id + "/").json();
        assertThat(message.get("id").asText()).isEqualTo(id);
        if (kind.equals("binary noise")) {
            // Noise that happens to read as a body is only warned about.
            assertThat(!message.get("parse_error").isNull()
                    || !message.get("warnings").isEmpty()).as("defect of %s", kind).isTrue();
        } else {
            assertThat(message.get("parse_error").asText()).as("parse_error of %s", kind)
                    .startsWith("malformed message:");
        }
        byte[] stored = api.bytes("/v1/messages/" + id + "/raw");
        assertThat(Arrays.copyOfRange(stored, stored.length - raw.length, stored.length))
                .as("raw bytes of %s", kind).isEqualTo(raw);
        JsonNode events = api.get("/v1/activity/?message_id=" + id).json().get("events");
        assertThat(events.findValuesAsText("type")).contains("message.received");

        node.awaitIdle();
        assertThat(failedEvents()).isZero();
        String next = deliver(way, Mails.plain("<after-" + kind.hashCode() + "@example.org>",
                "ana@example.org", node.inboxAddress(), "Printer jammed")
                .body("The printer on floor 2 is jammed.").build()
                .getBytes(StandardCharsets.UTF_8));
        node.awaitIdle();
        JsonNode tasks = api.get("/v1/tasks/").json().get("data");
        assertThat(tasks.findValuesAsText("summary")).contains("Printer jammed");
        assertThat(api.get("/v1/messages/" + next + "/").status()).isEqualTo(200);
    }

    private String deliver(String way, byte[] raw) throws Exception {
        if (way.equals("upload")) {
            Http.Response response = api.postBytes("/v1/messages/raw", raw);
            assertThat(response.status()).as(response.body()).isIn(200, 201);
            return response.json().get("id").asText();
        }
        SmtpSender.Reply reply = node.sendMail("sender@example.org", raw);
        assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        JsonNode list = api.get("/v1/messages/?limit=1").json().get("data");
        return list.get(0).get("id").asText();
    }

    private int failedEvents() {
        return node.server().store().read(h -> h.createQuery(
                "SELECT COUNT(*) FROM events WHERE status <> 'done' OR last_error IS NOT NULL")
                .mapTo(Integer.class).one());
    }

    private static byte[] missingClosingBoundary() {
        return ("From: Ana <ana@example.org>\r\nSubject: Report\r\n"
                + "Message-ID: <mcb@example.org>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nThe report is attached.\r\n"
                + "--b1\r\nContent-Type: application/pdf; name=r.pdf\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] nulBytes() {
        byte[] raw = ("From: Nul <nul@example.org>\r\nSubject: Nul\u0000byte\r\n"
                + "Message-ID: <nul@example.org>\r\n\r\nBody with a \u0000 NUL.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return raw;
    }

    private static byte[] hugeHeader() {
        StringBuilder mail = new StringBuilder("From: Big <big@example.org>\r\nSubject: Big\r\n"
                + "Message-ID: <huge-header@example.org>\r\nX-Junk: start");
        for (int i = 0; i < 2 * 1024 * 1024 / 80; i++) {
            mail.append("\r\n ").append("j".repeat(77));
        }
        mail.append("\r\n\r\nShort body.\r\n");
        return mail.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] noise() {
        // Random bytes in CRLF lines: SMTP itself turns bare CR or LF into CRLF on the way,
        // so only line-shaped noise arrives byte for byte.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.Random random = new java.util.Random(7);
        for (int i = 1; i <= 4096; i++) {
            int b = random.nextInt(256);
            out.write(b == '\r' || b == '\n' ? 0 : b);
            if (i % 64 == 0) {
                out.write('\r');
                out.write('\n');
            }
        }
        return out.toByteArray();
    }
}
