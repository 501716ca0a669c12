package dev.actionbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product brief's API sequence over real sockets: a token with only the five seed scopes,
 * mail over SMTP, the task, the message view and the activity feed.
 */
class SeedSequenceTest {

    private static final String CLIENT = "dana@northwind.example";

    @TempDir
    Path dataDir;

    private TestServer node;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir);
        api = node.http(node.token(SeedWorkflows.SEED_SCOPES));
        setUpSeed(api);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    static void setUpSeed(Http api) {
        Http.Response label = api.post("/v1/labels/",
                Map.of("id", "lbl_priority_client", "name", "Priority client"));
        assertThat(label.status()).as(label.body()).isEqualTo(201);
        Http.Response contact = api.post("/v1/contacts/", Map.of("id", "ctc_123",
                "full_name", "Dana Whitfield",
                "emails", List.of(Map.of("label", "work", "address", CLIENT))));
        assertThat(contact.status()).as(contact.body()).isEqualTo(201);
        Http.Response entity = api.post("/v1/context/lbl_priority_client/entities/",
                SeedWorkflows.CONTEXT_ENTITY);
        assertThat(entity.status()).as(entity.body()).isEqualTo(201);
        Http.Response workflow = api.post("/v1/workflows/", SeedWorkflows.DEFAULT_TASK);
        assertThat(workflow.status()).as(workflow.body()).isEqualTo(201);
    }

    @Test
    void seedSequence_mailFromContextContact_becomesOneOpenTaskWithContext() throws Exception {
        var reply = node.sendMail(CLIENT, mail("<req-1@northwind.example>", CLIENT,
                "Re: Quarterly report needs a review", "Could you review the numbers by Friday?"));
        assertThat(reply.code()).as(reply.text()).isEqualTo(250);

        JsonNode task = awaitSingleTask();
        assertThat(task.get("status").asText()).isEqualTo("open");
        assertThat(task.get("summary").asText()).isEqualTo("Quarterly report needs a review");
        assertThat(task.get("labels").toString()).contains("lbl_priority_client");
        assertThat(task.get("context").toString()).contains("ctc_123");
        String messageId = task.get("source").get("message_id").asText();
        assertThat(messageId).startsWith("msg_");

        JsonNode message = api.get("/v1/messages/" + messageId + "/").json();
        assertThat(message.get("from").get("address").asText()).isEqualTo(CLIENT);
        assertThat(message.get("subject").asText())
                .isEqualTo("Re: Quarterly report needs a review");
        assertThat(message.get("labels").toString()).contains("lbl_priority_client");
        assertThat(message.get("thread").size()).isEqualTo(1);

        node.awaitIdle();
        assertThat(activityTypes("/v1/activity/?message_id=" + messageId)).contains(
                "message.received", "label.applied", "workflow.matched", "task.created");

        String taskId = task.get("id").asText();
        Http.Response done = api.patch("/v1/tasks/" + taskId + "/", Map.of("status", "done"));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(activityTypes("/v1/activity/?task_id=" + taskId))
                .contains("task.status_changed");
    }

    @Test
    void seedSequence_senderOutsideContext_makesNoTask() throws Exception {
        node.sendMail("stranger@elsewhere.example", mail("<x-1@elsewhere.example>",
                "stranger@elsewhere.example", "Hello", "Just saying hi."));
        node.awaitIdle();

        assertThat(api.get("/v1/tasks/").json().get("data")).isEmpty();
        assertThat(api.get("/v1/messages/").json().get("data")).hasSize(1);
    }

    @Test
    void seedSequence_sameMessageIdTwice_makesOneTask() throws Exception {
        String raw = mail("<dup-1@northwind.example>", CLIENT, "Invoice 42", "Please check.");
        assertThat(node.sendMail(CLIENT, raw).code()).isEqualTo(250);
        assertThat(node.sendMail(CLIENT, raw).code()).isEqualTo(250);
        node.awaitIdle();

        assertThat(api.get("/v1/tasks/").json().get("data")).hasSize(1);
        assertThat(api.get("/v1/messages/").json().get("data")).hasSize(1);
    }

    @Test
    void seedWorkflows_allThreeExamples_areAcceptedVerbatim() {
        assertThat(api.post("/v1/workflows/", SeedWorkflows.WEBHOOK_HANDOFF).status())
                .isEqualTo(201);
        Http.Response draft = api.post("/v1/workflows/", SeedWorkflows.DRAFT_PLUS_TASK);
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        assertThat(api.get("/v1/workflows/").json().get("data")).hasSize(3);
    }

    @Test
    void workflows_malformed_get422WithPointer() {
        Http.Response response = api.post("/v1/workflows/", """
                {"name": "x", "trigger": "label_applied",
                 "conditions": [{"field": "label_id", "op": "equals", "value": "a"}],
                 "writes": [{"target": {"type": "fax"}}]}""");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("error").get("code").asText())
                .isEqualTo("validation_failed");
        assertThat(response.body()).contains("/conditions/0/op", "/writes/0/target/type");
    }

    @Test
    void seedWorkflows_defaultAndDraftPlusTaskBothMatch_makeOneTaskForTheMessage()
            throws Exception {
        api.post("/v1/workflows/", SeedWorkflows.DRAFT_PLUS_TASK);

        node.sendMail(CLIENT, mail("<both-1@northwind.example>", CLIENT, "Renewal", "Hi."));
        node.awaitIdle();

        assertThat(api.get("/v1/tasks/").json().get("data")).hasSize(1);
        assertThat(activityTypes("/v1/activity/?type=workflow.matched")).hasSize(2);
        assertThat(activityTypes("/v1/activity/?type=workflow.write_skipped")).hasSize(1);
    }

    @Test
    void api_unknownPath_gets404InTheErrorShape() {
        Http.Response response = api.get("/v1/nope/");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").get("code").asText()).isEqualTo("not_found");
        assertThat(api.withToken(null).get("/v1/task/").status()).isEqualTo(404);
    }

    private JsonNode awaitSingleTask() {
        TestServer.await(() -> api.get("/v1/tasks/").json().get("data").size() > 0,
                Duration.ofSeconds(5), "a task");
        JsonNode tasks = api.get("/v1/tasks/").json().get("data");
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private List<String> activityTypes(String path) {
        List<String> types = new ArrayList<>();
        api.get(path).json().get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    static String mail(String messageId, String from, String subject, String body) {
        return "From: Dana Whitfield <" + from + ">\r\n"
                + "To: inbox@actionbox.local\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "Date: Thu, 03 Dec 2026 10:00:00 +0000\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + body + "\r\n";
    }
}
