package dev.actionbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.intake.SmtpSender;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one store, as behind a load balancer and an MX with two targets: mail sent to
 * either becomes exactly one task, whichever node's worker picks up its event.
 */
class TwoNodeTest {

    static final String EVERY_MAIL_IS_A_TASK = """
            {"name": "Every mail is a task", "trigger": "email_received",
             "writes": [{"source": {"from": "event.payload"}, "target": {"type": "task"},
                         "contract": {"required": ["summary"]}}]}""";

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    private TestServer nodeA;
    private TestServer nodeB;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        nodeA = TestServer.start(dirA);
        nodeB = TestServer.startOn(dirB, nodeA.storeConfig());
        api = nodeA.http(nodeA.token("admin"));
        Http.Response workflow = api.post("/v1/workflows/", EVERY_MAIL_IS_A_TASK);
        assertThat(workflow.status()).as(workflow.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        nodeB.close();
        nodeA.close();
    }

    @Test
    void twoNodes_mailSentHalfToEach_exactlyOneTaskPerMessage() throws Exception {
        int messages = 120;
        ExecutorService senders = Executors.newFixedThreadPool(6);
        List<Future<SmtpSender.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            TestServer node = i % 2 == 0 ? nodeA : nodeB;
            int n = i;
            replies.add(senders.submit(() -> send(node, n)));
        }
        for (Future<SmtpSender.Reply> reply : replies) {
            assertThat(reply.get().code()).as(reply.get().text()).isEqualTo(250);
        }
        senders.shutdown();

        TestServer.await(() -> nodeA.server().idle() && count("tasks") == messages,
                Duration.ofSeconds(60), messages + " tasks");
        assertThat(duplicateTasks()).isZero();
        assertThat(activityCount("task.created")).isEqualTo(messages);
        assertThat(activityCount("message.received")).isEqualTo(messages);
    }

    @Test
    void twoNodes_sameMessageToBothAtOnce_oneMessageAndOneTask() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(2);
        Future<SmtpSender.Reply> toA = senders.submit(() -> send(nodeA, 7));
        Future<SmtpSender.Reply> toB = senders.submit(() -> send(nodeB, 7));

        assertThat(toA.get().code()).isEqualTo(250);
        assertThat(toB.get().code()).isEqualTo(250);
        senders.shutdown();

        nodeA.awaitIdle();
        assertThat(count("tasks")).isEqualTo(1);
        assertThat(count("messages")).isEqualTo(1);
    }

    private static SmtpSender.Reply send(TestServer node, int n) throws Exception {
        String from = "client" + (n % 10) + "@customers.example";
        String raw = "From: Client " + (n % 10) + " <" + from + ">\r\n"
                + "To: " + node.inboxAddress() + "\r\n"
                + "Subject: Request number " + n + "\r\n"
                + "Message-ID: <request-" + n + "@customers.example>\r\n"
                + "Date: Thu, 03 Dec 2026 10:00:00 +0000\r\n"
                + "\r\n"
                + "Please look at request " + n + ".\r\n";
        return new SmtpSender("127.0.0.1", node.server().smtpPort())
                .send(from, List.of(node.inboxAddress()), raw.getBytes(StandardCharsets.UTF_8));
    }

    private int count(String table) {
        return nodeA.server().store().read(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Integer.class).one());
    }

    private int duplicateTasks() {
        return nodeA.server().store().read(h -> h.createQuery("""
                SELECT COUNT(*) FROM (SELECT source_message_id FROM tasks
                    GROUP BY source_message_id HAVING COUNT(*) > 1) d""")
                .mapTo(Integer.class).one());
    }

    /** Counts feed entries of a type through the API, page by page. */
    private int activityCount(String type) {
        int count = 0;
        String cursor = null;
        do {
            JsonNode page = api.get("/v1/activity/?type=" + type + "&limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            count += page.get("events").size();
            cursor = page.get("cursor").isNull() ? null : page.get("cursor").asText();
        } while (cursor != null);
        return count;
    }
}
