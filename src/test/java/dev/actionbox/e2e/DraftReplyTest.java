package dev.actionbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.actionbox.server.ServerConfig;
import dev.actionbox.support.Http;
import dev.actionbox.support.Mails;
import dev.actionbox.support.TestServer;
import dev.actionbox.support.TestStores;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reply draft a workflow makes, and what goes out when it is sent through a real SMTP
 * relay (GreenMail): the right recipient, one Re:, In-Reply-To, References, Outlook's thread
 * headers, and a Message-ID that threads the customer's answer back.
 */
class DraftReplyTest {

    private static final String OUTLOOK_INDEX = "AdyfezQAMDEyMzQ1Njc4OWFiY2RlZg==";

    @TempDir
    Path dataDir;

    private GreenMail relay;
    private TestServer node;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        node = TestServer.start(dataDir, TestStores.fresh(dataDir), "127.0.0.1/32",
                ServerConfig.DEFAULT_MAX_MESSAGE_BYTES, relay.getSmtp().getPort());
        api = node.http(node.token("admin"));
        assertThat(api.post("/v1/workflows/", SeedWorkflows.DRAFT_PLUS_TASK).status())
                .isEqualTo(201);
    }

    @AfterEach
    void stop() {
        node.close();
        relay.stop();
    }

    @Test
    void draft_fromOutlookMailWithReplyTo_carriesAllReplyHeaders() throws Exception {
        deliver(Mails.plain("<kb-2@client.example>", "Outlook User <o.user@client.example>",
                        node.inboxAddress(), "RE: Keyboard replacement")
                .header("Reply-To", "Service Desk <desk@client.example>")
                .header("References", "<kb-1@client.example>")
                .header("Thread-Topic", "Keyboard replacement")
                .header("Thread-Index", OUTLOOK_INDEX)
                .body("The space bar is broken.").build());

        JsonNode draft = api.get("/v1/drafts/").json().get("data").get(0);

        assertThat(draft.get("to").get(0).get("address").asText()).isEqualTo("desk@client.example");
        assertThat(draft.get("subject").asText()).isEqualTo("Re: Keyboard replacement");
        assertThat(draft.get("in_reply_to").asText()).isEqualTo("kb-2@client.example");
        assertThat(draft.get("references").toString())
                .isEqualTo("[\"kb-1@client.example\",\"kb-2@client.example\"]");
        assertThat(draft.get("headers").get("Thread-Topic").asText())
                .isEqualTo("Keyboard replacement");
        byte[] index = Base64.getDecoder().decode(draft.get("headers").get("Thread-Index")
                .asText());
        byte[] parent = Base64.getDecoder().decode(OUTLOOK_INDEX);
        assertThat(index).hasSize(parent.length + 5).startsWith(parent);
    }

    @Test
    void draft_withoutReplyTo_goesToFromWithOneRePrefix() throws Exception {
        deliver(Mails.plain("<mon-1@client.example>", "Rui <rui@client.example>",
                node.inboxAddress(), "Monitor flickers").body("It flickers.").build());

        JsonNode draft = api.get("/v1/drafts/").json().get("data").get(0);

        assertThat(draft.get("to").get(0).get("address").asText()).isEqualTo("rui@client.example");
        assertThat(draft.get("subject").asText()).isEqualTo("Re: Monitor flickers");
        assertThat(draft.get("headers").size()).isZero();
    }

    @Test
    void sentDraft_keepsItsMessageId_andTheAnswerToItJoinsTheThread() throws Exception {
        deliver(Mails.plain("<desk-1@client.example>", "Rui <rui@client.example>",
                        node.inboxAddress(), "Desk lamp")
                .header("Thread-Index", OUTLOOK_INDEX)
                .body("The lamp is out.").build());
        JsonNode draft = api.get("/v1/drafts/").json().get("data").get(0);
        String taskThread = api.get("/v1/tasks/").json().get("data").get(0).get("source")
                .get("thread_id").asText();

        Http.Response sent = api.post("/v1/drafts/" + draft.get("id").asText() + "/send", "{}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        MimeMessage out = relay.getReceivedMessages()[0];
        String messageId = draft.get("message_id_header").asText();
        assertThat(out.getMessageID()).isEqualTo("<" + messageId + ">");
        assertThat(out.getHeader("In-Reply-To")[0]).isEqualTo("<desk-1@client.example>");
        assertThat(out.getHeader("Thread-Index")[0])
                .isEqualTo(draft.get("headers").get("Thread-Index").asText());

        deliver(Mails.plain("<desk-2@client.example>", "Rui <rui@client.example>",
                        node.inboxAddress(), "A new lamp please")
                .header("In-Reply-To", "<" + messageId + ">").body("Thanks.").build());
        String answer = api.get("/v1/messages/?limit=1").json().get("data").get(0)
                .get("thread_id").asText();
        assertThat(answer).isEqualTo(taskThread);
        assertThat(api.get("/v1/tasks/").json().get("data")).hasSize(1);
    }

    private void deliver(String raw) throws Exception {
        assertThat(node.sendMail("rui@client.example", raw).code()).isEqualTo(250);
        node.awaitIdle();
    }
}
