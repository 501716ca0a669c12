package dev.actionbox.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.support.Http;
import dev.actionbox.support.Mails;
import dev.actionbox.support.TestServer;
import dev.actionbox.support.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/messages/raw}: the same pipeline and the same outcomes as SMTP, and what
 * the parser found beyond the fixed fields (forwarded mail, invites, bounce reports) shown on
 * the message.
 */
class UploadRoutesTest {

    private static final long LIMIT = 64 * 1024;

    @TempDir
    Path dataDir;

    private TestServer node;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir, TestStores.fresh(dataDir), "127.0.0.1/32", LIMIT, null);
        api = node.http(node.token("email:write", "email:read", "context:read"));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void upload_newThenSameAgain_isCreatedThenReportedAsDuplicate() {
        byte[] mail = bytes(Mails.plain("<up-1@client.example>", "ana@client.example",
                node.inboxAddress(), "Uploaded").body("Via the API.").build());

        Http.Response first = api.postBytes("/v1/messages/raw", mail);
        Http.Response second = api.postBytes("/v1/messages/raw", mail);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("outcome").asText()).isEqualTo("stored");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("outcome").asText()).isEqualTo("duplicate");
        assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    }

    @Test
    void upload_twoDifferentMailsWithAPlaceholderMessageId_areBothStored() {
        byte[] first = bytes("From: a@client.example\r\nSubject: s\r\nMessage-ID: <>\r\n"
                + "\r\nbody 1\r\n");
        byte[] second = bytes("From: a@client.example\r\nSubject: s\r\nMessage-ID: <>\r\n"
                + "\r\nbody 2\r\n");

        Http.Response one = api.postBytes("/v1/messages/raw", first);
        Http.Response two = api.postBytes("/v1/messages/raw", second);
        Http.Response again = api.postBytes("/v1/messages/raw", second);

        assertThat(one.json().get("outcome").asText()).isEqualTo("stored");
        assertThat(two.json().get("outcome").asText()).isEqualTo("stored");
        assertThat(again.json().get("outcome").asText()).isEqualTo("duplicate");
    }

    @Test
    void attachmentAndRaw_areSentAsDownloadsThatABrowserWillNotRender() {
        String mail = "From: a@client.example\r\nSubject: page\r\nMessage-ID: <dl-1@x.example>"
                + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                + "--b\r\nContent-Type: text/html; charset=utf-8\r\n"
                + "Content-Disposition: attachment; "
                + "filename=\"../r\u00e9sum\u00e9 \\\"x\\\".html\"\r\n"
                + "\r\n<script>alert(1)</script>\r\n--b--\r\n";
        String id = api.postBytes("/v1/messages/raw", bytes(mail)).json().get("id").asText();
        JsonNode attachments = api.get("/v1/messages/" + id + "/").json().get("attachments");

        Http.Response html = api.get("/v1/messages/" + id + "/attachments/"
                + attachments.get(0).get("id").asText());
        Http.Response raw = api.get("/v1/messages/" + id + "/raw");

        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.header("Content-Disposition")).startsWith("attachment; filename=\"")
                .doesNotContain("/", "\\\"x").contains("filename*=UTF-8''");
        assertThat(html.header("Content-Security-Policy")).contains("sandbox");
        assertThat(html.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(raw.header("Content-Disposition")).isEqualTo(
                "attachment; filename=\"" + id + ".eml\"; filename*=UTF-8''" + id + ".eml");
    }

    @Test
    void upload_compressedBody_is415AndNothingIsStored() {
        Http.Response response = api.sendBytes("POST", "/v1/messages/raw",
                new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0},
                Map.of("Content-Type", "message/rfc822", "Content-Encoding", "gzip"));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().at("/error/message").asText()).contains("uncompressed");
        assertThat(api.get("/v1/messages/").json().get("data")).isEmpty();
    }

    @Test
    void upload_fieldsLongerThanAnIndexEntryHolds_isStoredAndThreaded() {
        // Random text, so that PostgreSQL cannot compress it into an index entry.
        java.util.Random random = new java.util.Random(7);
        String longSender = random.ints(3_000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append) + "@client.example";
        String subject = "\u8acb\u8acb" + random.ints(1_000, 0x4e00, 0x9fa0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append);
        String messageId = random.ints(5_000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append) + "@x.example";
        String mail = "From: " + longSender + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + messageId + ">\r\n\r\nBody.\r\n";

        Http.Response first = api.postBytes("/v1/messages/raw", bytes(mail));
        Http.Response again = api.postBytes("/v1/messages/raw", bytes(mail));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.json().get("outcome").asText()).isEqualTo("duplicate");
        JsonNode message = api.get("/v1/messages/" + first.json().get("id").asText() + "/")
                .json();
        assertThat(message.get("subject").asText()).startsWith("\u8acb\u8acb");
        assertThat(message.get("warnings").toString()).contains("sender address");
    }

    @Test
    void upload_overTheLimit_is413AndNothingIsStored() {
        byte[] mail = bytes(Mails.plain("<up-2@client.example>", "ana@client.example",
                node.inboxAddress(), "Too big").body("z".repeat((int) LIMIT)).build());

        Http.Response response = api.postBytes("/v1/messages/raw", mail);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("error").get("code").asText()).isEqualTo("too_large");
        assertThat(api.get("/v1/messages/").json().get("data")).isEmpty();
    }

    @Test
    void upload_loopingNotice_isReportedAsIgnored() {
        byte[] mail = bytes(Mails.plain("<up-3@actionbox.local>", "desk@elsewhere.example",
                node.inboxAddress(), "Loop").header("X-Loop", node.inboxAddress())
                .body("Seen before.").build());

        Http.Response response = api.postBytes("/v1/messages/raw", mail);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("outcome").asText()).isEqualTo("ignored");
        assertThat(response.json().get("reason").asText()).contains("X-Loop");
    }

    @Test
    void message_withForwardAndInvite_showsForwardedAndCalendar() {
        String mail = "From: Ana <ana@client.example>\r\nTo: " + node.inboxAddress()
                + "\r\nSubject: FW: Supplier prices\r\nMessage-ID: <fw-1@client.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"o\"\r\n\r\n"
                + "--o\r\nContent-Type: text/plain\r\n\r\nSee the forwarded mail.\r\n"
                + "--o\r\nContent-Type: message/rfc822\r\n\r\n"
                + "From: Sales <sales@supplier.example>\r\nSubject: Supplier prices\r\n"
                + "Message-ID: <prices@supplier.example>\r\n\r\nPrices rise in May.\r\n"
                + "--o\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n"
                + "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
                + "UID:call-42@client.example\r\nSUMMARY:Price call\r\n"
                + "DTSTART:20260402T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
                + "--o--\r\n";

        String id = api.postBytes("/v1/messages/raw", bytes(mail)).json().get("id").asText();
        JsonNode message = api.get("/v1/messages/" + id + "/").json();

        JsonNode forwarded = message.get("forwarded").get(0);
        assertThat(forwarded.get("subject").asText()).isEqualTo("Supplier prices");
        assertThat(forwarded.get("from").get("address").asText())
                .isEqualTo("sales@supplier.example");
        assertThat(forwarded.get("text").asText()).contains("Prices rise in May.");
        assertThat(message.get("calendar").get("uid").asText()).isEqualTo("call-42@client.example");
        assertThat(message.get("calendar").get("dtstart").asText()).isEqualTo("20260402T090000Z");
        assertThat(message.get("bounce").isNull()).isTrue();
    }

    @Test
    void message_bounceReport_showsWhatFailed() {
        String report = "From: MAILER-DAEMON@mx.client.example\r\nTo: " + node.inboxAddress()
                + "\r\nSubject: Undelivered Mail\r\nMessage-ID: <dsn-9@mx.client.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/report;"
                + " report-type=delivery-status; boundary=\"r\"\r\n\r\n"
                + "--r\r\nContent-Type: text/plain\r\n\r\nMailbox unknown.\r\n"
                + "--r\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.client.example\r\n\r\n"
                + "Final-Recipient: rfc822; left@client.example\r\nAction: failed\r\n"
                + "Status: 5.1.1\r\n\r\n--r--\r\n";

        String id = api.postBytes("/v1/messages/raw", bytes(report)).json().get("id").asText();
        JsonNode message = api.get("/v1/messages/" + id + "/").json();

        assertThat(message.get("flags").get("bounce").asBoolean()).isTrue();
        assertThat(message.get("bounce").get("recipient").asText())
                .isEqualTo("left@client.example");
        assertThat(message.get("bounce").get("status").asText()).isEqualTo("5.1.1");
        assertThat(message.get("forwarded")).isEmpty();
    }

    private static byte[] bytes(String mail) {
        return mail.getBytes(StandardCharsets.UTF_8);
    }
}
