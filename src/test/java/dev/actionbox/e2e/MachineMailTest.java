package dev.actionbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.support.Http;
import dev.actionbox.support.Mails;
import dev.actionbox.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machine mail against an inbox whose workflow makes a task and a reply draft for every mail:
 * auto-replies and bounces make neither, nothing replies to list mail, nothing a machine sends
 * reopens a task, and mail that loops back to the inbox is not stored at all.
 */
class MachineMailTest {

    private static final String CLIENT = "mia@client.example";

    @TempDir
    Path dataDir;

    private TestServer node;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir);
        api = node.http(node.token("admin"));
        Http.Response workflow = api.post("/v1/workflows/", SeedWorkflows.DRAFT_PLUS_TASK);
        assertThat(workflow.status()).as(workflow.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void outOfOfficeReply_toTaskAndDraftWorkflow_makesNoTaskAndNoDraft() throws Exception {
        String ooo = Mails.plain("<ooo-1@client.example>", CLIENT, node.inboxAddress(),
                        "Out of office: back on Monday")
                .header("Auto-Submitted", "auto-replied")
                .body("I am away until Monday and will read your mail then.").build();

        deliver(ooo);

        assertThat(list("/v1/tasks/")).isEmpty();
        assertThat(list("/v1/drafts/")).isEmpty();
        JsonNode message = onlyMessage();
        assertThat(message.get("flags").get("auto_submitted").asBoolean()).isTrue();
        assertThat(skipReasons()).anySatisfy(r -> assertThat(r).contains("automatic reply"))
                .anySatisfy(r -> assertThat(r).contains("no reply is drafted"));
    }

    @Test
    void bounceOfOurReply_joinsItsTaskWithoutNewTaskOrDraft() throws Exception {
        deliver(Mails.plain("<order-7@client.example>", CLIENT, node.inboxAddress(),
                "Order 7 is missing a part").body("The blue cable was not in the box.").build());
        JsonNode task = list("/v1/tasks/").get(0);
        String replyId = list("/v1/drafts/").get(0).get("message_id_header").asText();
        assertThat(replyId).startsWith("drf_");

        deliver(bounceOf(replyId, CLIENT));

        assertThat(list("/v1/tasks/")).hasSize(1);
        assertThat(list("/v1/drafts/")).hasSize(1);
        JsonNode bounce = api.get("/v1/messages/" + newestMessageId() + "/").json();
        assertThat(bounce.get("flags").get("bounce").asBoolean()).isTrue();
        assertThat(bounce.get("thread_id").asText())
                .isEqualTo(task.get("source").get("thread_id").asText());
        assertThat(bounce.get("bounce").get("recipient").asText()).isEqualTo(CLIENT);
        JsonNode joined = api.get("/v1/tasks/" + task.get("id").asText() + "/").json();
        assertThat(joined.get("message_ids").toString()).contains(bounce.get("id").asText());
    }

    @Test
    void autoReply_toWaitingTask_leavesItWaiting_butRequesterReplyReopensIt() throws Exception {
        deliver(Mails.plain("<vpn-1@client.example>", CLIENT, node.inboxAddress(),
                "VPN drops every hour").body("Since Monday the VPN drops.").build());
        String taskId = list("/v1/tasks/").get(0).get("id").asText();
        assertThat(api.patch("/v1/tasks/" + taskId + "/", Map.of("status", "waiting")).status())
                .isEqualTo(200);

        deliver(Mails.plain("<vpn-ooo@client.example>", CLIENT, node.inboxAddress(),
                        "Automatic reply: VPN drops every hour")
                .header("In-Reply-To", "<vpn-1@client.example>")
                .header("Auto-Submitted", "auto-replied")
                .body("I am out of the office.").build());
        assertThat(taskStatus(taskId)).isEqualTo("waiting");

        // The requester's client drops In-Reply-To: the subject and sender still find the thread.
        deliver(Mails.plain("<vpn-2@client.example>", CLIENT, node.inboxAddress(),
                "RE: VPN drops every hour").body("Still dropping today.").build());
        assertThat(taskStatus(taskId)).isEqualTo("open");
        assertThat(list("/v1/tasks/")).hasSize(1);
    }

    @Test
    void listMail_makesTaskButNoReply() throws Exception {
        deliver(Mails.plain("<news-1@lists.example>", "news@lists.example",
                        node.inboxAddress(), "[ops-announce] Maintenance on Friday")
                .header("List-Id", "Ops announcements <ops-announce.lists.example>")
                .body("The database is down for an hour on Friday.").build());

        assertThat(list("/v1/tasks/")).hasSize(1);
        assertThat(list("/v1/tasks/").get(0).get("summary").asText())
                .isEqualTo("Maintenance on Friday");
        assertThat(list("/v1/drafts/")).isEmpty();
    }

    @Test
    void loopMarkers_namingTheInbox_areAcceptedButNotStored() throws Exception {
        String ourNotice = Mails.plain("<notice-9@actionbox.local>", node.inboxAddress(),
                        node.inboxAddress(), "[Task 9] New task assigned to you")
                .header("Auto-Submitted", "auto-generated")
                .body("Task 9 was assigned to you.").build();
        String relayed = Mails.plain("<relayed-9@elsewhere.example>", "desk@elsewhere.example",
                        node.inboxAddress(), "Fwd: status")
                .header("X-Loop", node.inboxAddress())
                .body("Forwarded by a rule that forwards everything.").build();

        deliver(ourNotice);
        deliver(relayed);

        assertThat(list("/v1/messages/")).isEmpty();
        assertThat(list("/v1/tasks/")).isEmpty();
        JsonNode ignored = api.get("/v1/activity/?type=message.ignored").json().get("events");
        assertThat(ignored).hasSize(2);
        assertThat(ignored.findValuesAsText("summary"))
                .allSatisfy(s -> assertThat(s).contains("mail loop"));
    }

    @Test
    void machineFlags_areWorkflowFields_andAConditionOnThemOptsIn() throws Exception {
        assertThat(api.post("/v1/labels/", Map.of("id", "lbl_bounces", "name", "Bounces"))
                .status()).isEqualTo(201);
        Http.Response optIn = api.post("/v1/workflows/", Map.of(
                "name", "Track bounces",
                "trigger", "email_received",
                "conditions", List.of(Map.of("field", "is_bounce", "op", "eq", "value", true)),
                "writes", List.of(
                        Map.of("source", Map.of("from", "event.payload"),
                                "target", Map.of("type", "email.add_label",
                                        "label_id", "lbl_bounces")),
                        Map.of("source", Map.of("from", "event.payload",
                                        "map", Map.of("summary",
                                                "Bounce for {{message.bounce.recipient}}")),
                                "target", Map.of("type", "task")))));
        assertThat(optIn.status()).as(optIn.body()).isEqualTo(201);
        JsonNode reference = api.get("/v1/workflows/reference/").json();
        assertThat(reference.get("short_fields").get("is_bounce").asText())
                .isEqualTo("message.flags.bounce");
        assertThat(reference.get("short_fields").has("is_auto_reply")).isTrue();
        assertThat(reference.get("short_fields").has("is_list")).isTrue();

        deliver(bounceOf("<lost-1@actionbox.local>", "gone@nowhere.example"));

        JsonNode tasks = list("/v1/tasks/");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("summary").asText())
                .isEqualTo("Bounce for gone@nowhere.example");
        assertThat(onlyMessage().get("labels").toString()).contains("lbl_bounces");
        assertThat(list("/v1/drafts/")).isEmpty();
    }

    /** A delivery status notification (RFC 3464) about a message we sent. */
    static String bounceOf(String originalMessageId, String recipient) {
        String id = originalMessageId.replace("<", "").replace(">", "");
        return "From: Mail Delivery System <mailer-daemon@mx.client.example>\r\n"
                + "To: inbox@actionbox.local\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Date: Thu, 05 Mar 2026 10:00:05 +0000\r\n"
                + "Message-ID: <dsn-" + id.hashCode() + "@mx.client.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status;"
                + " boundary=\"rpt\"\r\n\r\n"
                + "--rpt\r\nContent-Type: text/plain\r\n\r\n"
                + "Your message could not be delivered: the mailbox does not exist.\r\n\r\n"
                + "--rpt\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.client.example\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\n"
                + "Action: failed\r\nStatus: 5.1.1\r\n\r\n"
                + "--rpt\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + "From: inbox@actionbox.local\r\nTo: " + recipient + "\r\n"
                + "Subject: Re: something\r\nMessage-ID: <" + id + ">\r\n\r\n"
                + "--rpt--\r\n";
    }

    /** Delivers over SMTP; a bounce comes from the null sender, anything else from CLIENT. */
    private void deliver(String raw) throws Exception {
        String envelope = raw.contains("report-type=delivery-status") ? "" : CLIENT;
        var reply = node.sendMail(envelope, raw);
        assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        node.awaitIdle();
    }

    private JsonNode list(String path) {
        return api.get(path).json().get("data");
    }

    private String newestMessageId() {
        return list("/v1/messages/?limit=1").get(0).get("id").asText();
    }

    private JsonNode onlyMessage() {
        JsonNode messages = list("/v1/messages/");
        assertThat(messages).hasSize(1);
        return api.get("/v1/messages/" + messages.get(0).get("id").asText() + "/").json();
    }

    private String taskStatus(String taskId) {
        return api.get("/v1/tasks/" + taskId + "/").json().get("status").asText();
    }

    private List<String> skipReasons() {
        JsonNode events = api.get("/v1/activity/?type=workflow.write_skipped").json()
                .get("events");
        return events.findValuesAsText("reason");
    }
}
