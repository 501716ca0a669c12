package dev.actionbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.support.Http;
import dev.actionbox.support.Mails;
import dev.actionbox.support.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threading of mail as it arrives over SMTP, read back through the thread API. */
class ThreadingTest {

    private static final String KIM = "kim@client.example";
    private static final String ALIAS = "support@company.example";

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
    void inReplyToAndReferences_joinTheThreadOfTheMessageTheyName() throws Exception {
        String first = deliver(mail("<a1@client.example>", KIM, "Laptop battery").build());

        String byInReplyTo = deliver(mail("<a2@client.example>", "lee@client.example",
                "Something else entirely").header("In-Reply-To", "<a1@client.example>").build());
        String byReferences = deliver(mail("<a3@client.example>", "ola@other.example",
                "Re: Laptop battery")
                .header("References", "<unknown@x.example> <a1@client.example>").build());

        assertThat(threadOf(byInReplyTo)).isEqualTo(threadOf(first));
        assertThat(threadOf(byReferences)).isEqualTo(threadOf(first));
    }

    @Test
    void replyWithoutHeaders_joinsBySubjectAndSender_whateverTheClientPrefixes()
            throws Exception {
        String first = deliver(mail("<p1@client.example>", KIM, "Printer in room 4 offline")
                .build());
        List<String> subjects = List.of("Re: Printer in room 4 offline",
                "AW: Printer in room 4 offline", "SV: SV: Printer in room 4 offline",
                "WG: Printer in room 4 offline", "Fwd: Printer in room 4 offline",
                "[helpdesk] Re: Printer in room 4 offline",
                "RE: [Ticket#4711] Printer in room 4 offline");
        List<String> ids = new ArrayList<>(List.of(first));
        for (int i = 0; i < subjects.size(); i++) {
            ids.add(deliver(mail("<p" + (i + 2) + "@client.example>", KIM, subjects.get(i))
                    .build()));
        }

        JsonNode thread = api.get("/v1/threads/" + threadOf(first) + "/").json();
        assertThat(thread.get("messages").findValuesAsText("id")).containsExactlyElementsOf(ids);
        assertThat(thread.get("subject").asText()).isEqualTo("Printer in room 4 offline");
    }

    @Test
    void colleagueReply_copyingTheRequester_joinsBySubject() throws Exception {
        String first = deliver(mail("<c1@client.example>", KIM, "Invoice 2026-114").build());

        String colleague = deliver(mail("<c2@client.example>", "sam@client.example",
                "Re: Invoice 2026-114").header("Cc", KIM).build());

        assertThat(threadOf(colleague)).isEqualTo(threadOf(first));
    }

    @Test
    void sameSubjectFromAnotherCustomer_toTheSameAlias_startsItsOwnThread() throws Exception {
        String first = deliver(Mails.plain("<h1@one.example>", "ann@one.example", ALIAS,
                "Help").body("Cannot log in.").build());

        String second = deliver(Mails.plain("<h2@two.example>", "bob@two.example", ALIAS,
                "Re: Help").body("My printer is broken.").build());

        assertThat(threadOf(second)).isNotEqualTo(threadOf(first));
    }

    @Test
    void subjectMatch_afterTheWindow_startsANewThread() throws Exception {
        String first = deliver(mail("<o1@client.example>", KIM, "Yearly licence renewal")
                .build());
        long fortyDaysAgo = System.currentTimeMillis() - 40L * 24 * 60 * 60 * 1000;
        node.server().store().useTransaction(h -> h.createUpdate(
                "UPDATE threads SET last_message_at = :at").bind("at", fortyDaysAgo).execute());

        String late = deliver(mail("<o2@client.example>", KIM, "Re: Yearly licence renewal")
                .build());

        assertThat(threadOf(late)).isNotEqualTo(threadOf(first));
    }

    private Mails mail(String messageId, String from, String subject) {
        return Mails.plain(messageId, from, node.inboxAddress(), subject).body("Text.");
    }

    /** Delivers over SMTP and returns the new message's id. */
    private String deliver(String raw) throws Exception {
        assertThat(node.sendMail(KIM, raw).code()).isEqualTo(250);
        return api.get("/v1/messages/?limit=1").json().get("data").get(0).get("id").asText();
    }

    private String threadOf(String messageId) {
        return api.get("/v1/messages/" + messageId + "/").json().get("thread_id").asText();
    }
}
