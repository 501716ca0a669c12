package dev.actionbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.intake.SmtpSender;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inboxes, contacts, tasks and messages through the API, as an integrator uses them. */
class ApiResourcesTest {

    @TempDir
    Path dataDir;

    private TestServer node;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir);
        api = node.http(node.token("admin"));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void smtp_unknownRecipient_gets550AndKnownNewInboxIsAccepted() throws Exception {
        SmtpSender smtp = new SmtpSender("127.0.0.1", node.server().smtpPort());
        byte[] raw = "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

        SmtpSender.Reply refused = smtp.send("a@b.example", List.of("sales@actionbox.local"), raw);
        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.text()).contains("5.1.1");

        Http.Response inbox = api.post("/v1/inboxes/", Map.of("address", "Sales@Actionbox.local"));
        assertThat(inbox.status()).as(inbox.body()).isEqualTo(201);
        assertThat(smtp.send("a@b.example", List.of("sales@actionbox.local"), raw).code())
                .isEqualTo(250);
        assertThat(api.post("/v1/inboxes/", Map.of("address", "sales@actionbox.local")).status())
                .isEqualTo(409);
    }

    @Test
    void contacts_createdFromSenders_andExplicitIdsWork() throws Exception {
        node.sendMail("new.person@client.example", SeedSequenceTest.mail(
                "<c-1@client.example>", "new.person@client.example", "Hi", "Hello."));
        node.awaitIdle();

        JsonNode made = api.get("/v1/contacts/?address=new.person@client.example").json()
                .get("data");
        assertThat(made).hasSize(1);
        assertThat(made.get(0).get("full_name").asText()).isEqualTo("Dana Whitfield");

        Http.Response explicit = api.post("/v1/contacts/", Map.of("id", "ctc_acme",
                "full_name", "Acme Buyer",
                "emails", List.of(Map.of("address", "buyer@acme.example"))));
        assertThat(explicit.status()).isEqualTo(201);
        assertThat(api.get("/v1/contacts/ctc_acme/").json().get("emails").get(0)
                .get("address").asText()).isEqualTo("buyer@acme.example");
        assertThat(api.post("/v1/contacts/", Map.of("id", "ctc_other",
                "emails", List.of(Map.of("address", "BUYER@acme.example")))).status())
                .isEqualTo(409);
    }

    @Test
    void tasks_filtersByStatusOwnerLabelAndDueDate() {
        api.post("/v1/tasks/", Map.of("summary", "A", "owner", "alex",
                "due_at", "2026-12-10T12:00:00Z", "labels", List.of("lbl_x")));
        api.post("/v1/tasks/", Map.of("summary", "B", "owner", "sam", "status", "waiting"));
        api.post("/v1/tasks/", Map.of("summary", "C", "due_at", "2027-01-10T12:00:00Z"));

        assertThat(summaries("/v1/tasks/?owner=alex")).containsExactly("A");
        assertThat(summaries("/v1/tasks/?status=waiting")).containsExactly("B");
        assertThat(summaries("/v1/tasks/?label_id=lbl_x")).containsExactly("A");
        assertThat(summaries("/v1/tasks/?due_before=2027-01-01T00:00:00Z")).containsExactly("A");
        assertThat(summaries("/v1/tasks/")).containsExactly("C", "B", "A");
        assertThat(api.get("/v1/tasks/?status=someday").status()).isEqualTo(422);
    }

    @Test
    void tasks_patchWithBadValues_reportsEveryBadFieldAndChangesNothing() {
        String id = api.post("/v1/tasks/", Map.of("summary", "Keep me")).json().get("id").asText();

        Http.Response bad = api.patch("/v1/tasks/" + id + "/", Map.of("status", "finished",
                "priority", "extreme", "due_at", "tomorrow", "colour", "red"));

        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("/status", "/priority", "/due_at", "/colour");
        JsonNode task = api.get("/v1/tasks/" + id + "/").json();
        assertThat(task.get("status").asText()).isEqualTo("open");
        assertThat(task.get("priority").asText()).isEqualTo("normal");
    }

    @Test
    void messages_rawUpload_runsThePipelineAndRawComesBackByteForByte() {
        String raw = "From: Up Loader <up@client.example>\r\nTo: inbox@actionbox.local\r\n"
                + "Subject: Uploaded\r\nMessage-ID: <u-1@client.example>\r\n\r\nBody\r\n";
        Http.Response created = api.send("POST", "/v1/messages/raw", raw,
                Map.of("Content-Type", "message/rfc822"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        Http.Response again = api.send("POST", "/v1/messages/raw", raw,
                Map.of("Content-Type", "message/rfc822"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(api.get("/v1/messages/" + id + "/raw").body()).isEqualTo(raw);
        assertThat(api.get("/v1/messages/" + id + "/").json().get("from").get("name").asText())
                .isEqualTo("Up Loader");
    }

    @Test
    void health_needsNoTokenAndReportsTheStore() {
        Http.Response health = api.withToken(null).get("/v1/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("store").get("status").asText()).isEqualTo("up");
    }

    private List<String> summaries(String path) {
        Http.Response response = api.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("data").findValuesAsText("summary");
    }
}
