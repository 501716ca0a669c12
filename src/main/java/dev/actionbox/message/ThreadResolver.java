package dev.actionbox.message;

import dev.actionbox.api.Json;
import dev.actionbox.mail.ParsedMessage;
import dev.actionbox.mail.SubjectNormalizer;
import dev.actionbox.store.Ids;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Finds the thread a new message belongs to: by In-Reply-To and References first (matched
 * against received messages and against the Message-IDs of our own replies), then for a
 * bounce by the Message-ID of the mail that bounced; then, for mail whose client dropped those
 * headers, by the normalised subject among threads of the same inbox that were active within
 * {@link #SUBJECT_WINDOW_MILLIS} and that the sender already took part in.
 */
final class ThreadResolver {

    private static final int MAX_KEY_CHARS = 200;

    static final long SUBJECT_WINDOW_MILLIS = 30L * 24 * 60 * 60 * 1000;

    private ThreadResolver() {
    }

    static String resolve(Handle h, Arrival arrival, ParsedMessage parsed, long now) {
        String inboxId = arrival.inboxId();
        Set<String> participants = participants(parsed);
        // Every message to an inbox names the inbox itself; only the other people count.
        participants.remove(arrival.inboxAddress());
        participants.remove(inboxAddress(h, inboxId));
        String sender = parsed.from() == null ? null : parsed.from().normalized();
        String subjectKey = subjectKey(parsed.subject());
        String thread = byReferences(h, inboxId, referencedIds(parsed))
                .or(() -> bySubject(h, inboxId, subjectKey, sender, participants, now))
                .orElse(null);
        if (thread == null) {
            return create(h, inboxId, subjectKey, participants, now);
        }
        touch(h, thread, participants, now);
        return thread;
    }

    /**
     * The normalised subject threads are matched by, at most {@value #MAX_KEY_CHARS}
     * characters: it is indexed, and a PostgreSQL index entry holds about 2.7 KB, so a long
     * subject in a multi-byte script would otherwise keep its message from being stored.
     */
    static String subjectKey(String subject) {
        String key = SubjectNormalizer.strip(subject).toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ");
        if (key.codePointCount(0, key.length()) <= MAX_KEY_CHARS) {
            return key;
        }
        return key.substring(0, key.offsetByCodePoints(0, MAX_KEY_CHARS));
    }

    /** The ids a message points back to, nearest first. */
    private static List<String> referencedIds(ParsedMessage parsed) {
        List<String> ids = new ArrayList<>();
        if (parsed.inReplyTo() != null) {
            ids.add(parsed.inReplyTo());
        }
        List<String> references = new ArrayList<>(parsed.references());
        Collections.reverse(references);
        ids.addAll(references);
        // A bounce names the mail that failed only inside its report.
        if (parsed.bounceInfo() != null && parsed.bounceInfo().originalMessageId() != null) {
            ids.add(parsed.bounceInfo().originalMessageId());
        }
        return ids;
    }

    private static Optional<String> byReferences(Handle h, String inboxId, List<String> ids) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> received = h.createQuery("""
                SELECT thread_id FROM messages
                WHERE inbox_id = :inbox AND message_id_header IN (<ids>)
                ORDER BY received_at DESC LIMIT 1""")
                .bind("inbox", inboxId)
                .bindList("ids", ids)
                .mapTo(String.class)
                .findOne();
        if (received.isPresent()) {
            return received;
        }
        return h.createQuery("""
                SELECT m.thread_id FROM drafts d JOIN messages m ON m.id = d.message_id
                WHERE m.inbox_id = :inbox AND d.message_id_header IN (<ids>)
                ORDER BY d.created_at DESC LIMIT 1""")
                .bind("inbox", inboxId)
                .bindList("ids", ids)
                .mapTo(String.class)
                .findOne();
    }

    /**
     * A thread with the same subject key matches when the sender already took part in it, or
     * when someone who wrote in it is among this message's people. A recipient alone does not
     * count: every mail to a support alias names the alias, yet two customers asking "Help" are
     * two conversations.
     */
    private static Optional<String> bySubject(Handle h, String inboxId, String subjectKey,
            String sender, Set<String> participants, long now) {
        if (subjectKey.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> candidates = h.createQuery("""
                SELECT id, participants FROM threads
                WHERE inbox_id = :inbox AND subject_key = :key AND last_message_at >= :since
                ORDER BY last_message_at DESC LIMIT 20""")
                .bind("inbox", inboxId)
                .bind("key", subjectKey)
                .bind("since", now - SUBJECT_WINDOW_MILLIS)
                .mapToMap()
                .list();
        for (Map<String, Object> candidate : candidates) {
            String threadId = (String) candidate.get("id");
            List<String> threadPeople = Json.stringList((String) candidate.get("participants"));
            if (sender != null && threadPeople.contains(sender)
                    || senders(h, threadId).stream().anyMatch(participants::contains)) {
                return Optional.of(threadId);
            }
        }
        return Optional.empty();
    }

    private static List<String> senders(Handle h, String threadId) {
        return h.createQuery("""
                SELECT DISTINCT from_address FROM messages
                WHERE thread_id = :thread AND from_address IS NOT NULL""")
                .bind("thread", threadId)
                .mapTo(String.class)
                .list();
    }

    private static String inboxAddress(Handle h, String inboxId) {
        return h.createQuery("SELECT address FROM inboxes WHERE id = :id")
                .bind("id", inboxId).mapTo(String.class).findOne().orElse("");
    }

    private static String create(Handle h, String inboxId, String subjectKey,
            Set<String> participants, long now) {
        String id = Ids.next("thr");
        h.createUpdate("""
                INSERT INTO threads (id, inbox_id, subject_key, participants, created_at,
                    last_message_at)
                VALUES (:id, :inbox, :key, :participants, :now, :now)""")
                .bind("id", id)
                .bind("inbox", inboxId)
                .bind("key", subjectKey)
                .bind("participants", Json.write(participants))
                .bind("now", now)
                .execute();
        return id;
    }

    private static void touch(Handle h, String threadId, Set<String> participants, long now) {
        String stored = h.createQuery("SELECT participants FROM threads WHERE id = :id")
                .bind("id", threadId).mapTo(String.class).one();
        Set<String> merged = new LinkedHashSet<>(Json.stringList(stored));
        merged.addAll(participants);
        h.createUpdate("""
                UPDATE threads SET participants = :participants, last_message_at = :now
                WHERE id = :id""")
                .bind("participants", Json.write(merged))
                .bind("now", now)
                .bind("id", threadId)
                .execute();
    }

    /** Senders and direct recipients, lower case. */
    private static Set<String> participants(ParsedMessage parsed) {
        Set<String> all = new LinkedHashSet<>();
        if (parsed.from() != null) {
            all.add(parsed.from().normalized());
        }
        parsed.to().forEach(a -> all.add(a.normalized()));
        parsed.cc().forEach(a -> all.add(a.normalized()));
        return all;
    }
}
