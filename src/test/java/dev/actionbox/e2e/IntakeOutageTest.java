package dev.actionbox.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.actionbox.intake.SmtpSender;
import dev.actionbox.support.Http;
import dev.actionbox.support.Mails;
import dev.actionbox.support.StoreOutage;
import dev.actionbox.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store fails while mail arrives: the sender is told to retry (4xx), never 250-and-drop,
 * and its retry after the store is back makes exactly one task.
 */
class IntakeOutageTest {

    @TempDir
    Path dataDir;

    private TestServer node;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir);
        api = node.http(node.token("admin"));
        assertThat(api.post("/v1/workflows/", Map.of("name", "Task for every mail",
                "trigger", "email_received",
                "writes", List.of(Map.of("source", Map.of("from", "event.payload"),
                        "target", Map.of("type", "task"))))).status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void smtp_storeDownDuringDelivery_answers4xx_andTheRetryMakesOneTask() throws Exception {
        String mail = Mails.plain("<outage-1@client.example>", "lee@client.example",
                node.inboxAddress(), "Reset my token").body("Please reset it.").build();

        SmtpSender smtp = new SmtpSender("127.0.0.1", node.server().smtpPort());
        List<String> inbox = List.of(node.inboxAddress());

        SmtpSender.Reply duringOutage;
        try (StoreOutage outage = StoreOutage.begin(node.storeConfig())) {
            duringOutage = smtp.send("lee@client.example", inbox, mail.getBytes(UTF_8));
        }
        SmtpSender.Reply afterRecovery = retryUntilAccepted(smtp, inbox, mail);
        node.awaitIdle();

        assertThat(duringOutage.code()).as(duringOutage.text()).isBetween(400, 499);
        assertThat(afterRecovery.code()).isEqualTo(250);
        assertThat(api.get("/v1/messages/").json().get("data")).hasSize(1);
        assertThat(api.get("/v1/tasks/").json().get("data")).hasSize(1);
    }

    /** What a sending MTA does after a 4xx: try again a little later. */
    private static SmtpSender.Reply retryUntilAccepted(SmtpSender smtp, List<String> inbox,
            String mail) throws Exception {
        SmtpSender.Reply reply = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            reply = smtp.send("lee@client.example", inbox, mail.getBytes(UTF_8));
            if (reply.code() == 250) {
                return reply;
            }
            Thread.sleep(500);
        }
        return reply;
    }
}
