package dev.actionbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.api.Json;
import dev.actionbox.delivery.WebhookSigner;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import dev.actionbox.support.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook, draft, review and label targets, end to end with a real webhook receiver. */
class WorkflowTargetsTest {

    private static final String CLIENT = "dana@northwind.example";

    @TempDir
    Path dataDir;

    private TestServer node;
    private WebhookReceiver receiver;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir);
        receiver = WebhookReceiver.start();
        api = node.http(node.token("admin"));
        SeedSequenceTest.setUpSeed(api);
    }

    @AfterEach
    void stop() {
        receiver.close();
        node.close();
    }

    @Test
    void webhookTarget_priorityMail_isDeliveredSignedWithAStableId() throws Exception {
        String workflow = SeedWorkflows.WEBHOOK_HANDOFF
                .replace("https://example.com/webhooks/tasks", receiver.url("/webhooks/tasks"))
                .replace("\"event_type\": \"workflow.task_candidate\"",
                        "\"event_type\": \"workflow.task_candidate\", \"secret\": \"s3cret\"");
        assertThat(api.post("/v1/workflows/", workflow).status()).isEqualTo(201);

        node.sendMail(CLIENT, SeedSequenceTest.mail("<w-1@northwind.example>", CLIENT,
                "Contract renewal", "Please renew."));
        TestServer.await(() -> receiver.received().size() == 1, Duration.ofSeconds(10),
                "one webhook");

        WebhookReceiver.Received hook = receiver.received().get(0);
        String id = hook.header("webhook-id");
        String timestamp = hook.header("webhook-timestamp");
        assertThat(id).startsWith("whd_");
        assertThat(hook.header("webhook-signature")).isEqualTo(
                WebhookSigner.sign("s3cret", id, Long.parseLong(timestamp), hook.body()));
        assertThat(hook.body()).contains("\"type\":\"workflow.task_candidate\"",
                "lbl_priority_client", "Contract renewal");
        TestServer.await(() -> api.get("/v1/webhooks/deliveries/?status=delivered").json()
                .get("data").size() == 1, Duration.ofSeconds(5), "delivery marked delivered");
    }

    @Test
    void webhookTarget_secretAndHeaderValues_areHiddenFromReadsAndKeptByAnEditOfWhatWasRead()
            throws Exception {
        String created = api.post("/v1/workflows/", """
                {"name": "hand-off", "trigger": "email_received", "writes": [{"target":
                 {"type": "webhook", "url": "%s", "event_type": "x", "secret": "whsec_real",
                  "headers": {"Authorization": "Bearer tok_real"}}}]}"""
                .formatted(receiver.url("/hook"))).body();
        String id = Json.tree(created).get("id").asText();
        Http reader = node.http(node.token("workflows:read"));

        JsonNode read = reader.get("/v1/workflows/" + id + "/").json();
        JsonNode target = read.at("/writes/0/target");
        assertThat(created + reader.get("/v1/workflows/").body())
                .doesNotContain("whsec_real", "tok_real");
        assertThat(target.get("secret").asText()).isEqualTo("********");
        assertThat(target.at("/headers/Authorization").asText()).isEqualTo("********");

        assertThat(api.patch("/v1/workflows/" + id + "/", Map.of("name", "renamed",
                "writes", read.get("writes"))).status()).isEqualTo(200);
        node.sendMail(CLIENT, SeedSequenceTest.mail("<w-9@northwind.example>", CLIENT,
                "Keep secrets", "Body."));
        TestServer.await(() -> receiver.received().size() == 1, Duration.ofSeconds(10),
                "one webhook");

        WebhookReceiver.Received hook = receiver.received().get(0);
        assertThat(hook.header("Authorization")).isEqualTo("Bearer tok_real");
        assertThat(hook.header("webhook-signature")).isEqualTo(WebhookSigner.sign("whsec_real",
                hook.header("webhook-id"), Long.parseLong(hook.header("webhook-timestamp")),
                hook.body()));
        Http.Response copy = api.post("/v1/workflows/", Map.of("name", "copy",
                "trigger", "email_received", "writes", read.get("writes")));
        assertThat(copy.status()).isEqualTo(422);
        assertThat(copy.body()).contains("/writes/0/target/secret",
                "/writes/0/target/headers/Authorization");
    }

    @Test
    void webhookTarget_receiverFailsOnce_isRetriedAndRecordedAsFailedThenDelivered()
            throws Exception {
        receiver.failNext(1);
        api.post("/v1/workflows/", SeedWorkflows.WEBHOOK_HANDOFF
                .replace("https://example.com/webhooks/tasks", receiver.url("/hook")));
        node.sendMail(CLIENT, SeedSequenceTest.mail("<w-2@northwind.example>", CLIENT,
                "Retry me", "Body."));

        TestServer.await(() -> api.get("/v1/activity/?type=webhook.failed").json()
                .get("events").size() == 1, Duration.ofSeconds(10), "a failed attempt");
        JsonNode delivery = api.get("/v1/webhooks/deliveries/").json().get("data").get(0);
        assertThat(delivery.get("status").asText()).isEqualTo("pending");
        assertThat(delivery.get("last_status_code").asInt()).isEqualTo(503);

        api.post("/v1/webhooks/deliveries/" + delivery.get("id").asText() + "/redeliver", "{}");
        TestServer.await(() -> receiver.received().size() == 1, Duration.ofSeconds(10),
                "the redelivery");
        assertThat(receiver.received().get(0).header("webhook-id"))
                .isEqualTo(delivery.get("id").asText());
    }

    @Test
    void webhookTarget_privateAddressNotAllowed_isRefusedAtOnceWithoutSending() throws Exception {
        try (TestServer strict = TestServer.start(dataDir.resolve("strict"), "")) {
            Http strictApi = strict.http(strict.token("admin"));
            strictApi.post("/v1/workflows/", """
                    {"name": "all", "trigger": "email_received", "writes": [{"target":
                     {"type": "webhook", "url": "%s", "event_type": "x"}}]}"""
                    .formatted(receiver.url("/private")));
            strict.sendMail(CLIENT, SeedSequenceTest.mail("<p-1@northwind.example>", CLIENT,
                    "Hi", "Body."));

            TestServer.await(() -> strictApi.get("/v1/activity/?type=webhook.dead").json()
                    .get("events").size() == 1, Duration.ofSeconds(10), "a refused attempt");
            assertThat(strictApi.get("/v1/activity/?type=webhook.dead").body())
                    .contains("ACTIONBOX_WEBHOOK_ALLOW");
            assertThat(strictApi.get("/v1/webhooks/deliveries/?status=dead").json().get("data"))
                    .hasSize(1);

            // Gauges must survive a collection: weakly held ones turned NaN on a busy CI host.
            System.gc();
            String metrics = strictApi.withToken(null).get("/metrics").body();
            assertThat(metrics).contains("actionbox_webhooks_dead 1.0", "actionbox_store_up 1.0",
                    "actionbox_messages_received_total{outcome=\"stored\",via=\"smtp\"} 1.0",
                    "actionbox_webhooks_attempts_total{outcome=\"dead\"} 1.0",
                    "actionbox_http_requests_seconds_count{method=\"POST\","
                            + "route=\"/v1/workflows\",status=\"201\"} 1");
            assertThat(metrics).containsPattern(
                    "actionbox_events_processed_total\\{outcome=\"done\"} [1-9]");
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void draftPlusTask_clientMail_makesTaskAndReplyDraftWithThreadingHeaders() throws Exception {
        api.post("/v1/workflows/", SeedWorkflows.DRAFT_PLUS_TASK);
        node.sendMail("lee@customer.example", """
                From: Lee Chen <lee@customer.example>\r
                Reply-To: support-replies@customer.example\r
                To: inbox@actionbox.local\r
                Subject: Re: Printer offline\r
                Message-ID: <p-9@customer.example>\r
                References: <p-1@customer.example>\r
                \r
                The printer is offline again.\r
                """);
        node.awaitIdle();

        JsonNode drafts = api.get("/v1/drafts/").json().get("data");
        assertThat(drafts).hasSize(1);
        JsonNode draft = drafts.get(0);
        assertThat(draft.get("to").get(0).get("address").asText())
                .isEqualTo("support-replies@customer.example");
        assertThat(draft.get("subject").asText()).isEqualTo("Re: Printer offline");
        assertThat(draft.get("in_reply_to").asText()).isEqualTo("p-9@customer.example");
        assertThat(draft.get("references").toString())
                .contains("p-1@customer.example", "p-9@customer.example");
        assertThat(api.get("/v1/tasks/").json().get("data")).hasSize(1);
    }

    @Test
    void draftTarget_autoReply_makesNoDraft() throws Exception {
        api.post("/v1/workflows/", SeedWorkflows.DRAFT_PLUS_TASK);
        node.sendMail("away@customer.example", """
                From: away@customer.example\r
                To: inbox@actionbox.local\r
                Subject: Out of office\r
                Auto-Submitted: auto-replied\r
                Message-ID: <ooo-1@customer.example>\r
                \r
                I am away.\r
                """);
        node.awaitIdle();

        assertThat(api.get("/v1/drafts/").json().get("data")).isEmpty();
        assertThat(api.get("/v1/activity/?type=workflow.write_skipped").body())
                .contains("no reply is drafted");
    }

    @Test
    void contract_missingRequiredField_holdsForReviewAndApprovalMakesTheTask() throws Exception {
        api.post("/v1/workflows/", """
                {"name": "needs owner", "trigger": "email_received",
                 "writes": [{"source": {"from": "event.payload"}, "target": {"type": "task"},
                   "contract": {"required": ["summary", "owner"]}}]}""");
        node.sendMail("x@customer.example", SeedSequenceTest.mail("<r-1@customer.example>",
                "x@customer.example", "Need an owner", "Body."));
        node.awaitIdle();

        JsonNode review = api.get("/v1/reviews/").json().get("data").get(0);
        assertThat(review.get("missing").toString()).contains("owner");
        assertThat(api.get("/v1/tasks/").json().get("data")).isEmpty();

        String id = review.get("id").asText();
        Http.Response incomplete = api.post("/v1/reviews/" + id + "/approve", "{}");
        assertThat(incomplete.status()).isEqualTo(422);
        Http.Response approved = api.post("/v1/reviews/" + id + "/approve",
                Map.of("fields", Map.of("owner", "alex")));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        JsonNode task = api.get("/v1/tasks/").json().get("data").get(0);
        assertThat(task.get("owner").asText()).isEqualTo("alex");
        assertThat(task.get("summary").asText()).isEqualTo("Need an owner");
    }

    @Test
    void addLabelTarget_cascadingWorkflows_stopAtTheDepthLimit() throws Exception {
        api.post("/v1/labels/", Map.of("id", "lbl_loop", "name", "Loop"));
        api.post("/v1/labels/", Map.of("id", "lbl_pool", "name", "Pool"));
        api.post("/v1/workflows/", """
                {"name": "start", "trigger": "email_received",
                 "writes": [{"target": {"type": "email.add_label", "label_id": "lbl_loop"}}]}""");
        api.post("/v1/workflows/", """
                {"name": "ping", "trigger": "label_applied",
                 "conditions": [{"field": "label_id", "op": "eq", "value": "lbl_loop"}],
                 "writes": [{"target": {"type": "email.add_label", "label_id": "lbl_pool"}}]}""");
        api.post("/v1/workflows/", """
                {"name": "pong", "trigger": "label_applied",
                 "conditions": [{"field": "label_id", "op": "eq", "value": "lbl_pool"}],
                 "writes": [{"target": {"type": "email.add_label", "label_id": "lbl_loop"}}]}""");

        node.sendMail("y@customer.example", SeedSequenceTest.mail("<l-1@customer.example>",
                "y@customer.example", "Loop", "Body."));
        node.awaitIdle();

        JsonNode message = api.get("/v1/messages/").json().get("data").get(0);
        assertThat(message.get("labels").toString()).contains("lbl_loop", "lbl_pool");
        assertThat(api.get("/v1/activity/?type=label.applied").json().get("events")).hasSize(2);
    }

    @Test
    void threadReply_toOpenTask_isAttachedAndReopensWaitingTask() throws Exception {
        node.sendMail(CLIENT, SeedSequenceTest.mail("<t-1@northwind.example>", CLIENT,
                "Backup failed", "The backup failed."));
        node.awaitIdle();
        JsonNode task = api.get("/v1/tasks/").json().get("data").get(0);
        String taskId = task.get("id").asText();
        api.patch("/v1/tasks/" + taskId + "/", Map.of("status", "waiting"));

        node.sendMail(CLIENT, """
                From: Dana <dana@northwind.example>\r
                To: inbox@actionbox.local\r
                Subject: Re: Backup failed\r
                Message-ID: <t-2@northwind.example>\r
                In-Reply-To: <t-1@northwind.example>\r
                \r
                Here are the logs.\r
                """);
        node.awaitIdle();

        assertThat(api.get("/v1/tasks/").json().get("data")).hasSize(1);
        JsonNode updated = api.get("/v1/tasks/" + taskId + "/").json();
        assertThat(updated.get("message_ids")).hasSize(2);
        assertThat(updated.get("status").asText()).isEqualTo("open");
        assertThat(api.get("/v1/activity/?task_id=" + taskId).body())
                .contains("task.message_added", "task.status_changed");
    }

    @Test
    void followUpDue_taskFollowUpPasses_firesTheTriggerOnce() throws Exception {
        api.post("/v1/labels/", Map.of("id", "lbl_chase", "name", "Chase"));
        api.post("/v1/workflows/", """
                {"name": "chase", "trigger": "follow_up_due",
                 "writes": [{"target": {"type": "webhook", "url": "%s", "event_type": "chase"}}]}"""
                .formatted(receiver.url("/chase")));
        String id = api.post("/v1/tasks/", Map.of("summary", "Call back",
                "follow_up_at", "2020-01-01T00:00:00Z")).json().get("id").asText();

        TestServer.await(() -> receiver.received().size() == 1, Duration.ofSeconds(10),
                "the follow-up webhook");
        Thread.sleep(1_500);
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().get(0).body()).contains(id, "Call back");
        assertThat(api.get("/v1/activity/?task_id=" + id).body()).contains("task.follow_up_due");
    }

    @Test
    void matchesCondition_hostilePatternOnHugeBody_neitherBlocksIntakeNorMatches()
            throws Exception {
        api.post("/v1/workflows/", """
                {"name": "hostile", "trigger": "email_received",
                 "conditions": [{"field": "body", "op": "matches", "value": "(A{1000}){1000}B"}],
                 "writes": [{"target": {"type": "task"}}]}""");
        api.post("/v1/workflows/", """
                {"name": "plain", "trigger": "email_received",
                 "conditions": [{"field": "subject", "op": "eq", "value": "Probe"}],
                 "writes": [{"target": {"type": "task"}}]}""");

        node.sendMail("big@customer.example", SeedSequenceTest.mail("<big-1@customer.example>",
                "big@customer.example", "Poison", "A".repeat(1_000_000)));
        var probe = node.sendMail("p@customer.example", SeedSequenceTest.mail(
                "<probe-1@customer.example>", "p@customer.example", "Probe", "Hello."));
        node.awaitIdle();

        assertThat(probe.code()).isEqualTo(250);
        JsonNode tasks = api.get("/v1/tasks/").json().get("data");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("summary").asText()).isEqualTo("Probe");
    }
}
