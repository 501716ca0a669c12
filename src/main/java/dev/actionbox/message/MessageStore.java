package dev.actionbox.message;

import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.activity.ActivityLog;
import dev.actionbox.api.Json;
import dev.actionbox.contact.ContactService;
import dev.actionbox.mail.MailAddress;
import dev.actionbox.mail.ParsedAttachment;
import dev.actionbox.mail.ParsedMessage;
import dev.actionbox.store.EventQueue;
import dev.actionbox.store.Ids;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Writes an accepted message: the parsed fields, the raw bytes, the attachments, the sender's
 * contact, the {@code message.received} activity and the queued {@code email_received} event,
 * all in the caller's transaction.
 */
public final class MessageStore {

    private static final int MAX_ADDRESS_BYTES = 320;

    private MessageStore() {
    }

    /**
     * Stores a message unless the inbox already has it (same Message-ID, or for mail without
     * one the same content), in which case the existing message is returned as a duplicate;
     * mail that loops back to the inbox it came from is not stored at all, only recorded.
     */
    public static StoredMessage insert(Handle h, Arrival arrival, byte[] raw,
            ParsedMessage readable) {
        ParsedMessage parsed = indexableSender(StorableText.clean(readable));
        Optional<StoredMessage> existing = findByDedupeKey(h, arrival.inboxId(),
                arrival.dedupeKey());
        if (existing.isPresent()) {
            return existing.get();
        }
        Optional<String> loop = LoopGuard.loopReason(arrival, parsed);
        if (loop.isPresent()) {
            recordIgnored(h, arrival, parsed, loop.get());
            return StoredMessage.ignored(arrival.inboxId(), loop.get());
        }
        long now = System.currentTimeMillis();
        String id = Ids.next("msg");
        String threadId = ThreadResolver.resolve(h, arrival, parsed, now);
        MailAddress from = parsed.from();
        String contactId = from == null ? null
                : ContactService.matchOrCreate(h, from.address(), from.name());

        insertRow(h, id, arrival, threadId, contactId, raw, parsed, now);
        h.createUpdate("INSERT INTO message_raw (message_id, raw) VALUES (:id, :raw)")
                .bind("id", id).bind("raw", raw).execute();
        insertAttachments(h, id, parsed.attachments());
        recordReceived(h, id, arrival, threadId, contactId, parsed, raw.length);
        EventQueue.enqueue(h, "email_received", Map.of("message_id", id), 0);

        String fromAddress = from == null ? null : from.normalized();
        return new StoredMessage(id, arrival.inboxId(), threadId, contactId, fromAddress,
                StoredMessage.Outcome.STORED, parsed.parseError());
    }

    /**
     * Holds the thread's row until the caller's transaction ends. Work that reads the thread
     * and then writes for it (one open task per thread) runs one after the other this way, even
     * when two nodes process two messages of the thread at the same moment. A no-op update
     * takes the row lock on PostgreSQL; SQLite already runs one writer at a time.
     */
    public static void lockThread(Handle h, String threadId) {
        h.createUpdate("UPDATE threads SET last_message_at = last_message_at WHERE id = :id")
                .bind("id", threadId)
                .execute();
    }

    private static Optional<StoredMessage> findByDedupeKey(Handle h, String inboxId, String key) {
        return h.createQuery("""
                SELECT id, inbox_id, thread_id, contact_id, from_address FROM messages
                WHERE inbox_id = :inbox AND dedupe_key = :key""")
                .bind("inbox", inboxId).bind("key", key)
                .map((rs, ctx) -> new StoredMessage(rs.getString("id"), rs.getString("inbox_id"),
                        rs.getString("thread_id"), rs.getString("contact_id"),
                        rs.getString("from_address"), StoredMessage.Outcome.DUPLICATE, null))
                .findOne();
    }

    private static void insertRow(Handle h, String id, Arrival arrival, String threadId,
            String contactId, byte[] raw, ParsedMessage parsed, long now) {
        MailAddress from = parsed.from();
        h.createUpdate("""
                INSERT INTO messages (id, inbox_id, thread_id, dedupe_key, message_id_header,
                    envelope_from, from_name, from_address, contact_id, to_json, cc_json,
                    reply_to_json, subject, sent_at, received_at, text_visible, text_full, html,
                    in_reply_to, references_json, list_id, auth_results, auto_submitted, bounce,
                    is_list, warnings_json, extra_json, parse_error, raw_size)
                VALUES (:id, :inbox, :thread, :dedupe, :header, :envelope, :fromName, :fromAddress,
                    :contact, :to, :cc, :replyTo, :subject, :sentAt, :now, :text, :textFull,
                    :html, :inReplyTo, :references, :listId, :auth, :auto, :bounce, :list,
                    :warnings, :extra, :parseError, :size)""")
                .bind("id", id)
                .bind("inbox", arrival.inboxId())
                .bind("thread", threadId)
                .bind("dedupe", arrival.dedupeKey())
                .bind("header", parsed.messageId())
                .bind("envelope", arrival.envelopeFrom())
                .bind("fromName", from == null ? null : from.name())
                .bind("fromAddress", from == null ? null : from.normalized())
                .bind("contact", contactId)
                .bind("to", Json.write(addresses(parsed.to())))
                .bind("cc", Json.write(addresses(parsed.cc())))
                .bind("replyTo", Json.write(addresses(parsed.replyTo())))
                .bind("subject", parsed.subject())
                .bind("sentAt", parsed.date() == null ? null : parsed.date().toEpochMilli())
                .bind("now", now)
                .bind("text", parsed.text())
                .bind("textFull", parsed.textFull())
                .bind("html", parsed.html())
                .bind("inReplyTo", parsed.inReplyTo())
                .bind("references", Json.write(parsed.references()))
                .bind("listId", parsed.listId())
                .bind("auth", parsed.authResults())
                .bind("auto", parsed.flags().autoSubmitted() ? 1 : 0)
                .bind("bounce", isBounce(arrival, parsed) ? 1 : 0)
                .bind("list", parsed.flags().list() ? 1 : 0)
                .bind("warnings", Json.write(parsed.warnings()))
                .bind("extra", Json.write(MessageExtras.of(parsed, arrival.headers())))
                .bind("parseError", parsed.parseError())
                .bind("size", raw.length)
                .execute();
    }

    private static void insertAttachments(Handle h, String messageId,
            List<ParsedAttachment> attachments) {
        for (ParsedAttachment attachment : attachments) {
            h.createUpdate("""
                    INSERT INTO attachments (id, message_id, filename, content_type, size,
                        inline_part, content_id, content)
                    VALUES (:id, :message, :filename, :type, :size, :inline, :cid, :content)""")
                    .bind("id", Ids.next("att"))
                    .bind("message", messageId)
                    .bind("filename", attachment.filename())
                    .bind("type", attachment.contentType())
                    .bind("size", attachment.size())
                    .bind("inline", attachment.inline() ? 1 : 0)
                    .bind("cid", attachment.contentId())
                    .bind("content", attachment.content())
                    .execute();
        }
    }

    private static void recordReceived(Handle h, String id, Arrival arrival, String threadId,
            String contactId, ParsedMessage parsed, int size) {
        String fromAddress = parsed.from() == null ? null : parsed.from().normalized();
        List<String> participants = new ArrayList<>();
        if (fromAddress != null) {
            participants.add(fromAddress);
        }
        parsed.to().forEach(a -> participants.add(a.normalized()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("subject", parsed.subject());
        metadata.put("via", arrival.via());
        metadata.put("size", size);
        if (parsed.parseError() != null) {
            metadata.put("parse_error", parsed.parseError());
        }
        String summary = "Message from " + (fromAddress == null ? "unknown sender" : fromAddress)
                + ": " + parsed.subject() + (parsed.parseError() == null ? ""
                        : " (kept raw; " + parsed.parseError() + ")");
        ActivityLog.record(h, ActivityEntry.of("message.received", id, summary)
                .message(arrival.inboxId(), id, threadId)
                .contact(contactId, fromAddress)
                .participants(participants)
                .metadata(metadata));
    }

    static List<Map<String, Object>> addresses(List<MailAddress> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MailAddress address : list) {
            out.add(address(address));
        }
        return out;
    }

    static Map<String, Object> address(MailAddress address) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", address.name());
        entry.put("address", address.address());
        return entry;
    }

    /**
     * A null reverse-path marks machine mail; unless the headers say it is an auto-reply
     * (RFC 3834 asks auto-responders to use it too), it is a delivery status notification.
     */
    private static boolean isBounce(Arrival arrival, ParsedMessage parsed) {
        return parsed.flags().bounce()
                || arrival.nullSender() && !parsed.flags().autoSubmitted();
    }

    /** Mail that looped back is noted in the feed, so that an operator can see it was dropped. */
    private static void recordIgnored(Handle h, Arrival arrival, ParsedMessage parsed,
            String reason) {
        String fromAddress = parsed.from() == null ? null : parsed.from().normalized();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("reason", reason);
        metadata.put("via", arrival.via());
        metadata.put("subject", parsed.subject());
        if (parsed.messageId() != null) {
            metadata.put("message_id_header", parsed.messageId());
        }
        ActivityLog.record(h, ActivityEntry.of("message.ignored", parsed.messageId(),
                        "Message not stored: " + reason)
                .message(arrival.inboxId(), null, null)
                .contact(null, fromAddress)
                .metadata(metadata));
    }

    /**
     * A sender address longer than any real one (RFC 5321 allows 254 octets) is not used: it
     * is indexed and a contact's key, and one past a PostgreSQL index entry would keep the
     * message from ever being stored. The message keeps its raw From header.
     */
    private static ParsedMessage indexableSender(ParsedMessage parsed) {
        if (parsed.from() == null) {
            return parsed;
        }
        int bytes = parsed.from().address().getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= MAX_ADDRESS_BYTES) {
            return parsed;
        }
        return parsed.withoutSender("sender address of " + bytes + " bytes is longer than a "
                + "real address can be; not used for the sender or its contact");
    }

    /**
     * The key that makes a second delivery a duplicate: the Message-ID, or for mail without
     * one a hash of its content (see {@link ContentHash}).
     */
    public static String dedupeKey(ParsedMessage parsed, byte[] raw) {
        if (parsed.messageId() != null && !parsed.messageId().isBlank()) {
            return "mid:" + parsed.messageId().trim();
        }
        return "sha256:" + ContentHash.of(raw);
    }
}
