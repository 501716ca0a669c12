package dev.actionbox.cases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.intake.SmtpSender;
import dev.actionbox.support.Http;
import dev.actionbox.support.Mails;
import dev.actionbox.support.StoreOutage;
import dev.actionbox.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One case on its own node: an inbox, a helpdesk workflow (task, reply draft and webhook for
 * every mail), the case's preconditions, the deliveries, and then the checks of its
 * server-level keys, each failure described in words.
 */
final class CaseRun {

    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TestServer node;
    private final Http api;
    private final WebhookReceiver receiver;
    private final JsonNode expected;
    private final List<String> problems = new ArrayList<>();
    private final List<Integer> replies = new ArrayList<>();
    private String inbox;
    private String seedThread;
    private String setupTask;
    private int tasksBefore;
    private int draftsBefore;
    private int messagesBefore;
    private int webhooksBefore;
    private Integer outageReply;
    private String caseMessageId;

    CaseRun(TestServer node, Http api, WebhookReceiver receiver, JsonNode expected) {
        this.node = node;
        this.api = api;
        this.receiver = receiver;
        this.expected = expected;
    }

    /** The inbox, the workflow and what the case says existed before its mail came in. */
    void prepare(Path dir, String name) throws Exception {
        inbox = expected.path("config").path("mailbox_address").asText("support@example.com");
        require(api.post("/v1/inboxes/", Map.of("address", inbox)), 201);
        require(api.post("/v1/workflows/", helpdeskWorkflow()), 201);
        byte[] raw = Files.readAllBytes(dir.resolve(name + ".eml"));
        caseMessageId = header(raw, "Message-ID").flatMap(CaseRun::angleId).orElse(null);

        if (expected.has("thread_with")) {
            deliverQuietly(Files.readAllBytes(dir.resolve(expected.get("thread_with").asText())));
            seedThread = newestMessage().get("thread_id").asText();
        }
        for (String ours : ourEarlierMessageIds()) {
            setupTask = earlierConversation(ours, requester(raw));
        }
        if (setupTask != null && expected.path("setup").asText().contains("closed")) {
            require(api.patch("/v1/tasks/" + setupTask + "/", Map.of("status", "done")), 200);
        }
        awaitIdle();
        awaitWebhooks();
        tasksBefore = count("/v1/tasks/");
        draftsBefore = count("/v1/drafts/");
        messagesBefore = count("/v1/messages/");
        webhooksBefore = receiver.distinctDeliveries();
    }

    /**
     * Delivers over SMTP with the envelope sender the case's Return-Path names, retrying after
     * a 4xx the way a sending MTA does.
     */
    void deliver(byte[] raw) throws Exception {
        SmtpSender.Reply reply = CasesServerCheckTest.send(node, inbox, envelope(raw), raw);
        for (int attempt = 1; attempt < 20 && reply.code() / 100 == 4; attempt++) {
            Thread.sleep(500);
            reply = CasesServerCheckTest.send(node, inbox, envelope(raw), raw);
        }
        replies.add(reply.code());
        awaitIdle();
    }

    /** Waits for the queue to drain; a store just back from an outage may fail a read. */
    private void awaitIdle() {
        TestServer.await(() -> {
            try {
                return node.server().idle();
            } catch (RuntimeException e) {
                return false;
            }
        }, WAIT, "the event queue to drain");
    }

    void deliverDuringOutage(byte[] raw, StoreOutage outage) throws Exception {
        try (outage) {
            outageReply = CasesServerCheckTest.send(node, inbox, envelope(raw), raw).code();
        }
    }

    List<String> check() throws Exception {
        awaitWebhooks();
        JsonNode message = caseMessage().orElse(null);
        int tasks = count("/v1/tasks/") - tasksBefore;
        int drafts = count("/v1/drafts/") - draftsBefore;
        int messages = count("/v1/messages/") - messagesBefore;

        expectFlag("creates_ticket", tasks > 0);
        expectCount("tickets_created", tasks);
        expectFlag("creates_article", messages > 0);
        expectFlag("send_auto_ack", drafts > 0);
        expectFlag("send_notification", drafts > 0);
        expectCount("auto_acks_sent", drafts);
        expectCount("webhooks_fired", receiver.distinctDeliveries() - webhooksBefore);
        checkDeliveries();
        checkMessage(message);
        checkScenario(message, tasks);
        return problems;
    }

    private void checkDeliveries() {
        if (!expected.has("scenario") && replies.stream().anyMatch(code -> code != 250)) {
            problems.add("SMTP answered " + replies + ", expected 250 to every delivery");
        }
    }

    private void checkMessage(JsonNode message) {
        if (expected.path("ignored").asBoolean(false)) {
            boolean noted = api.get("/v1/activity/?type=message.ignored").json().get("events")
                    .size() > 0;
            if (message != null || !noted) {
                problems.add("ignored: expected no message and a message.ignored activity");
            }
            return;
        }
        if (message == null) {
            if (expected.has("creates_article") || expected.has("scenario")) {
                return;
            }
            problems.add("the case's message was not stored");
            return;
        }
        expectFlag("is_bounce", message.get("flags").get("bounce").asBoolean());
        expectFlag("is_auto_reply", message.get("flags").get("auto_submitted").asBoolean());
        if (expected.has("thread_with")) {
            checkJoined("thread_with", message, seedThread);
        }
        if (expected.has("attach_to_ticket_of_message_id")) {
            JsonNode task = api.get("/v1/tasks/" + setupTask + "/").json();
            checkJoined("attach_to_ticket_of_message_id", message,
                    task.get("source").get("thread_id").asText());
            if (!task.get("message_ids").toString().contains(message.get("id").asText())) {
                problems.add("attach_to_ticket_of_message_id: the message did not join the task");
            }
        }
        if (expected.has("reopen_ticket") && setupTask != null) {
            String status = api.get("/v1/tasks/" + setupTask + "/").json().get("status").asText();
            boolean reopened = status.equals("open");
            expectFlag("reopen_ticket", reopened);
        }
        if (expected.has("draft_reply")) {
            checkDraft(message, expected.get("draft_reply"));
        }
    }

    private void checkJoined(String key, JsonNode message, String thread) {
        if (!message.get("thread_id").asText().equals(thread)) {
            problems.add(key + ": the message started thread " + message.get("thread_id")
                    + " instead of joining " + thread);
        }
    }

    private void checkDraft(JsonNode message, JsonNode want) {
        List<JsonNode> drafts = new ArrayList<>();
        api.get("/v1/drafts/").json().get("data").forEach(d -> {
            if (d.get("message_id").asText().equals(message.get("id").asText())) {
                drafts.add(d);
            }
        });
        if (drafts.size() != 1) {
            problems.add("draft_reply: expected one draft for the message, found "
                    + drafts.size());
            return;
        }
        JsonNode draft = drafts.get(0);
        String inReplyTo = "<" + draft.path("in_reply_to").asText() + ">";
        if (want.has("in_reply_to") && !inReplyTo.equals(want.get("in_reply_to").asText())) {
            problems.add("draft_reply.in_reply_to: " + inReplyTo);
        }
        String references = draft.get("references").toString();
        if (want.has("references_contains") && !references.contains(
                want.get("references_contains").asText().replaceAll("[<>]", ""))) {
            problems.add("draft_reply.references_contains: " + references);
        }
        JsonNode headers = draft.get("headers");
        if (want.has("thread_topic") && !want.get("thread_topic").asText()
                .equals(headers.path("Thread-Topic").asText())) {
            problems.add("draft_reply.thread_topic: " + headers.path("Thread-Topic"));
        }
        checkThreadIndex(want, headers.path("Thread-Index").asText(""));
    }

    private void checkThreadIndex(JsonNode want, String value) {
        if (!want.has("thread_index_prefix_base64")) {
            return;
        }
        byte[] index = value.isEmpty() ? new byte[0] : Base64.getDecoder().decode(value);
        byte[] prefix = Base64.getDecoder().decode(want.get("thread_index_prefix_base64")
                .asText());
        boolean startsWith = index.length >= prefix.length
                && java.util.Arrays.equals(index, 0, prefix.length, prefix, 0, prefix.length);
        int length = want.path("thread_index_decoded_length").asInt(index.length);
        if (!startsWith || index.length != length) {
            problems.add("draft_reply.thread_index: " + value + " (" + index.length
                    + " bytes)");
        }
    }

    private void checkScenario(JsonNode message, int tasks) {
        if (!expected.has("scenario")) {
            return;
        }
        if (outageReply == null || outageReply < 400 || outageReply > 499) {
            problems.add("during_outage: SMTP answered " + outageReply + ", expected 4xx");
        }
        if (!expected.path("message_lost").asBoolean(true) && message == null) {
            problems.add("message_lost: the message is not stored after recovery");
        }
        expectCount("tickets_after_recovery", tasks);
    }

    private void expectFlag(String key, boolean actual) {
        if (expected.has(key) && expected.get(key).asBoolean() != actual) {
            problems.add(key + ": expected " + expected.get(key) + ", was " + actual);
        }
    }

    private void expectCount(String key, int actual) {
        if (expected.has(key) && expected.get(key).asInt() != actual) {
            problems.add(key + ": expected " + expected.get(key) + ", was " + actual);
        }
    }

    /**
     * The Message-IDs of mail the helpdesk sent before the case (its setup text and the
     * ticket to attach to name them), e.g. the reply that bounced.
     */
    private List<String> ourEarlierMessageIds() {
        List<String> ids = new ArrayList<>();
        String text = expected.path("setup").asText("") + " "
                + expected.path("attach_to_ticket_of_message_id").asText("");
        Matcher matcher = ANGLE_ID.matcher(text);
        while (matcher.find()) {
            if (!ids.contains(matcher.group(1))) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }

    /**
     * A request from the requester that made a task and a reply draft; the draft is given
     * the Message-ID the case says our reply had, as if it had been sent with it.
     */
    private String earlierConversation(String ourMessageId, String requester) throws Exception {
        String request = Mails.plain("<earlier-" + ourMessageId + ">", requester, inbox,
                "Earlier request").body("The request the helpdesk answered.").build();
        deliverQuietly(request.getBytes(StandardCharsets.UTF_8));
        String messageId = newestMessage().get("id").asText();
        node.server().store().useTransaction(h -> h.createUpdate(
                        "UPDATE drafts SET message_id_header = :ours WHERE message_id = :message")
                .bind("ours", ourMessageId).bind("message", messageId).execute());
        JsonNode tasks = api.get("/v1/tasks/").json().get("data");
        for (JsonNode task : tasks) {
            if (task.get("source").get("message_id").asText().equals(messageId)) {
                return task.get("id").asText();
            }
        }
        throw new IllegalStateException("the earlier request made no task");
    }

    private String requester(byte[] raw) {
        if (expected.has("bounced_recipient")) {
            return expected.get("bounced_recipient").asText();
        }
        return header(raw, "From").map(CaseRun::address).orElse("customer@example.org");
    }

    private void deliverQuietly(byte[] raw) throws Exception {
        SmtpSender.Reply reply = CasesServerCheckTest.send(node, inbox, envelope(raw), raw);
        if (reply.code() != 250) {
            throw new IllegalStateException("setup delivery refused: " + reply.text());
        }
        awaitIdle();
    }

    private static String envelope(byte[] raw) {
        Optional<String> returnPath = header(raw, "Return-Path");
        if (returnPath.isPresent()) {
            return returnPath.get().replaceAll("[<>\\s]", "");
        }
        return header(raw, "From").map(CaseRun::address).orElse("");
    }

    private static Optional<String> header(byte[] raw, String name) {
        Matcher matcher = Pattern.compile("(?im)^" + name + ":[ \\t]*(.*)$")
                .matcher(CasesServerCheckTest.text(raw).split("\r?\n\r?\n", 2)[0]);
        return matcher.find() ? Optional.of(matcher.group(1).trim()) : Optional.empty();
    }

    private static Optional<String> angleId(String value) {
        Matcher matcher = ANGLE_ID.matcher(value);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String address(String from) {
        Matcher angle = Pattern.compile("<([^>]+)>").matcher(from);
        return angle.find() ? angle.group(1) : from.trim();
    }

    private Optional<JsonNode> caseMessage() {
        if (caseMessageId == null) {
            return Optional.empty();
        }
        Optional<String> id = node.server().store().read(h -> h.createQuery(
                        "SELECT id FROM messages WHERE message_id_header = :header")
                .bind("header", caseMessageId).mapTo(String.class).findFirst());
        return id.map(i -> api.get("/v1/messages/" + i + "/").json());
    }

    private JsonNode newestMessage() {
        return api.get("/v1/messages/?limit=1").json().get("data").get(0);
    }

    private int count(String path) {
        return api.get(path + "?limit=200").json().get("data").size();
    }

    private void awaitWebhooks() {
        TestServer.await(() -> api.get("/v1/webhooks/deliveries/?status=pending").json()
                .get("data").isEmpty(), WAIT, "webhook deliveries");
    }

    private Map<String, Object> helpdeskWorkflow() {
        Map<String, Object> source = Map.of("from", "event.payload");
        return Map.of("name", "Helpdesk: task, acknowledgement and hand-off",
                "trigger", "email_received",
                "writes", List.of(
                        Map.of("source", source, "target", Map.of("type", "task"),
                                "contract", Map.of("required", List.of("summary"))),
                        Map.of("source", source, "target", Map.of("type", "email.draft")),
                        Map.of("source", source, "target", Map.of("type", "webhook",
                                "url", receiver.url(), "event_type", "helpdesk.mail"))));
    }

    private static void require(Http.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("setup call answered " + response.status() + ": "
                    + response.body());
        }
    }
}
