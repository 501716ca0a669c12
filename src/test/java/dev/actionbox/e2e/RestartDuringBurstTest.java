package dev.actionbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionbox.intake.SmtpSender;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts a node while clients keep sending. Every message that got 250 must be stored and
 * become exactly one task; a message refused or cut off during the restart is retried by its
 * sender, as an MTA would, and must not become a second task.
 */
class RestartDuringBurstTest {

    private static final int MESSAGES = 120;

    @TempDir
    Path dataDir;

    @Test
    void restartMidBurst_everyAcceptedMessage_becomesExactlyOneTask() throws Exception {
        try (TestServer node = TestServer.start(dataDir)) {
            Http api = node.http(node.token("admin"));
            api.post("/v1/workflows/", """
                    {"name": "Every mail", "trigger": "email_received",
                     "writes": [{"source": {"from": "event.payload"},
                                 "target": {"type": "task"}}]}""");
            Set<Integer> accepted = ConcurrentHashMap.newKeySet();
            ExecutorService senders = Executors.newFixedThreadPool(4);
            for (int i = 0; i < MESSAGES; i++) {
                int n = i;
                senders.submit(() -> sendUntilAccepted(node, n, accepted));
            }
            TestServer.await(() -> accepted.size() >= MESSAGES / 3, Duration.ofSeconds(30),
                    "a third of the burst");
            node.restart();
            senders.shutdown();
            assertThat(senders.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            node.awaitIdle();

            assertThat(accepted).hasSize(MESSAGES);
            Http fresh = node.http(node.token("admin"));
            assertThat(count(fresh, "/v1/messages/")).isEqualTo(MESSAGES);
            assertThat(count(fresh, "/v1/tasks/")).isEqualTo(MESSAGES);
        }
    }

    private static void sendUntilAccepted(TestServer node, int n, Set<Integer> accepted) {
        String raw = "From: burst@client.example\r\nTo: inbox@actionbox.local\r\n"
                + "Subject: Burst " + n + "\r\nMessage-ID: <burst-" + n + "@client.example>\r\n"
                + "\r\nMessage number " + n + "\r\n";
        for (int attempt = 0; attempt < 200; attempt++) {
            try {
                int port = node.server().smtpPort();
                SmtpSender.Reply reply = new SmtpSender("127.0.0.1", port).send(
                        "burst@client.example", List.of("inbox@actionbox.local"),
                        raw.getBytes(StandardCharsets.UTF_8));
                if (reply.accepted()) {
                    accepted.add(n);
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // The node is restarting: retry, as a sending MTA does.
            }
            sleep();
        }
    }

    private static int count(Http api, String path) {
        int total = 0;
        String cursor = null;
        do {
            Http.Response page = api.get(path + "?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            total += page.json().get("data").size();
            cursor = page.json().get("next_cursor").isNull() ? null
                    : page.json().get("next_cursor").asText();
        } while (cursor != null);
        return total;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
