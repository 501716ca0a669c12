package dev.actionbox.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.activity.ActivityLog;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.Json;
import dev.actionbox.api.ValidationException;
import dev.actionbox.store.Ids;
import dev.actionbox.store.Rows;
import dev.actionbox.store.StatusPage;
import dev.actionbox.store.Store;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reply drafts: made by workflows, edited and sent by people. */
public final class DraftService {

    private static final Logger log = LoggerFactory.getLogger(DraftService.class);
    private static final Set<String> WRITABLE = Set.of("subject", "body", "to");

    private final Store store;
    private final RelayConfig relay;

    public DraftService(Store store, RelayConfig relay) {
        this.store = Objects.requireNonNull(store, "store");
        this.relay = Objects.requireNonNull(relay, "relay");
    }

    /** Stores a draft inside the caller's transaction and records {@code draft.created}. */
    public static String create(Handle h, NewDraft draft, String inboxId, String threadId,
            String contactId) {
        String id = Ids.next("drf");
        long now = System.currentTimeMillis();
        h.createUpdate("""
                INSERT INTO drafts (id, message_id, workflow_id, to_json, subject, body,
                    in_reply_to, references_json, message_id_header, headers_json, status,
                    created_at, updated_at)
                VALUES (:id, :message, :workflow, :to, :subject, :body, :inReplyTo, :references,
                    :messageIdHeader, :headers, 'draft', :now, :now)""")
                .bind("id", id)
                .bind("messageIdHeader", replyMessageId(h, id, inboxId))
                .bind("headers", Json.write(draft.headers()))
                .bind("message", draft.messageId())
                .bind("workflow", draft.workflowId())
                .bind("to", Json.write(draft.to()))
                .bind("subject", draft.subject())
                .bind("body", draft.body())
                .bind("inReplyTo", draft.inReplyTo())
                .bind("references", Json.write(draft.references()))
                .bind("now", now)
                .execute();
        ActivityLog.record(h, ActivityEntry.of("draft.created", id,
                        "Reply draft held for review: " + draft.subject())
                .actor("workflow:" + draft.workflowId())
                .workflow(draft.workflowId())
                .message(inboxId, draft.messageId(), threadId)
                .contact(contactId, null));
        return id;
    }

    /**
     * The Message-ID the reply will be sent with, fixed now so that answers to it and bounces
     * of it can be threaded: the draft id at the inbox's domain.
     */
    private static String replyMessageId(Handle h, String draftId, String inboxId) {
        String address = inboxId == null ? null : h.createQuery(
                        "SELECT address FROM inboxes WHERE id = :id")
                .bind("id", inboxId).mapTo(String.class).findOne().orElse(null);
        String domain = address == null || !address.contains("@")
                ? "actionbox.local" : address.substring(address.lastIndexOf('@') + 1);
        return draftId + "@" + domain.replace("*", "actionbox.local");
    }

    public List<Map<String, Object>> list(String status, String before, int limit) {
        return store.read(h -> StatusPage.read(h, "drafts", status, before, limit)).stream()
                .map(DraftService::view).toList();
    }

    public Optional<Map<String, Object>> get(String id) {
        return store.read(h -> h.createQuery("SELECT * FROM drafts WHERE id = :id")
                .bind("id", id).mapToMap().findOne().map(DraftService::view));
    }

    public Map<String, Object> update(String id, JsonNode body, String actor) {
        Map<String, Object> draft = get(id).orElseThrow(() -> ApiException.notFound("draft", id));
        if (!"draft".equals(draft.get("status"))) {
            throw ApiException.conflict("Draft " + id + " was already sent");
        }
        ValidationException.Collector problems = new ValidationException.Collector();
        body.fieldNames().forEachRemaining(name -> {
            if (!WRITABLE.contains(name)) {
                problems.add("/" + name, "is not a writable draft field");
            } else if (!name.equals("to") && !body.get(name).isTextual()) {
                problems.add("/" + name, "must be a string");
            }
        });
        problems.throwIfAny();
        store.useTransaction(h -> {
            h.createUpdate("""
                    UPDATE drafts SET subject = COALESCE(:subject, subject),
                        body = COALESCE(:body, body), to_json = COALESCE(:to, to_json),
                        updated_at = :now WHERE id = :id""")
                    .bind("subject", body.has("subject") ? body.get("subject").asText() : null)
                    .bind("body", body.has("body") ? body.get("body").asText() : null)
                    .bind("to", body.has("to") ? Json.write(body.get("to")) : null)
                    .bind("now", System.currentTimeMillis()).bind("id", id).execute();
            ActivityLog.record(h, ActivityEntry.of("draft.updated", id, "Draft " + id + " edited")
                    .actor(actor));
        });
        return get(id).orElseThrow();
    }

    /**
     * Sends a draft through the relay.
     *
     * @throws ApiException 409 when no relay is configured or it was sent, 502 when the relay
     *         refused it
     */
    public Map<String, Object> send(String id, String actor) {
        Map<String, Object> draft = get(id).orElseThrow(() -> ApiException.notFound("draft", id));
        if (!"draft".equals(draft.get("status"))) {
            throw ApiException.conflict("Draft " + id + " was already sent");
        }
        if (!relay.configured()) {
            throw ApiException.conflict("No SMTP relay is configured; set ACTIONBOX_SMTP_RELAY "
                    + "(host:port) and restart to send drafts");
        }
        try {
            Transport.send(mime(draft));
        } catch (MessagingException e) {
            log.warn("Draft send failed, id={} relay={} reason={}", id, relay.hostPort(),
                    e.getMessage());
            store.useTransaction(h -> h.createUpdate(
                            "UPDATE drafts SET last_error = :error WHERE id = :id")
                    .bind("error", e.getMessage()).bind("id", id).execute());
            throw new ApiException(502, "relay_failed", "The SMTP relay did not take the draft: "
                    + e.getMessage());
        }
        store.useTransaction(h -> {
            long now = System.currentTimeMillis();
            h.createUpdate("""
                    UPDATE drafts SET status = 'sent', sent_at = :now, updated_at = :now,
                        last_error = NULL WHERE id = :id""")
                    .bind("now", now).bind("id", id).execute();
            ActivityLog.record(h, ActivityEntry.of("draft.sent", id,
                            "Reply sent: " + draft.get("subject"))
                    .actor(actor).message(null, (String) draft.get("message_id"), null));
        });
        return get(id).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private MimeMessage mime(Map<String, Object> draft) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", relay.host());
        props.put("mail.smtp.port", String.valueOf(relay.port()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "30000");
        if (relay.tls()) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        Session session;
        if (relay.user() != null) {
            props.put("mail.smtp.auth", "true");
            session = Session.getInstance(props, new jakarta.mail.Authenticator() {
                @Override
                protected jakarta.mail.PasswordAuthentication getPasswordAuthentication() {
                    return new jakarta.mail.PasswordAuthentication(relay.user(), relay.password());
                }
            });
        } else {
            session = Session.getInstance(props);
        }
        MimeMessage message = new FixedIdMessage(session,
                (String) draft.get("message_id_header"));
        message.setFrom(new InternetAddress(relay.fromAddress()));
        for (Map<String, Object> to : (List<Map<String, Object>>) draft.get("to")) {
            message.addRecipient(Message.RecipientType.TO,
                    new InternetAddress((String) to.get("address")));
        }
        message.setSubject((String) draft.get("subject"), "UTF-8");
        message.setText((String) draft.get("body"), "UTF-8");
        String inReplyTo = (String) draft.get("in_reply_to");
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", "<" + inReplyTo + ">");
        }
        List<String> references = (List<String>) draft.get("references");
        if (!references.isEmpty()) {
            List<String> bracketed = new ArrayList<>();
            references.forEach(r -> bracketed.add("<" + r + ">"));
            message.setHeader("References", String.join(" ", bracketed));
        }
        for (Map.Entry<String, Object> header
                : ((Map<String, Object>) draft.get("headers")).entrySet()) {
            message.setHeader(header.getKey(), String.valueOf(header.getValue()));
        }
        return message;
    }

    /** Keeps the Message-ID chosen when the draft was made; Jakarta Mail makes a new one. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (messageId == null) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        }
    }

    private static Map<String, Object> view(Map<String, Object> row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.get("id"));
        view.put("message_id", row.get("message_id"));
        view.put("workflow_id", row.get("workflow_id"));
        view.put("to", Json.mapList(Rows.str(row, "to_json")));
        view.put("subject", row.get("subject"));
        view.put("body", row.get("body"));
        view.put("in_reply_to", row.get("in_reply_to"));
        view.put("references", Json.stringList(Rows.str(row, "references_json")));
        view.put("message_id_header", row.get("message_id_header"));
        view.put("headers", Json.map(Rows.str(row, "headers_json")));
        view.put("status", row.get("status"));
        view.put("sent_at", Rows.time(row, "sent_at"));
        view.put("last_error", row.get("last_error"));
        view.put("created_at", Rows.time(row, "created_at"));
        view.put("updated_at", Rows.time(row, "updated_at"));
        return view;
    }
}
