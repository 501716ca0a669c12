package dev.actionbox.message;

import dev.actionbox.api.Json;
import dev.actionbox.mail.ParsedMessage;
import dev.actionbox.mail.SubjectNormalizer;
import dev.actionbox.store.Ids;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Finds the thread a new message belongs to: by In-Reply-To and References first; then, for
 * mail whose client dropped those headers, by the normalised subject among threads of the same
 * inbox that share a participant and were active within {@link #SUBJECT_WINDOW_MILLIS}.
 */
final class ThreadResolver {

    static final long SUBJECT_WINDOW_MILLIS = 30L * 24 * 60 * 60 * 1000;

    private ThreadResolver() {
    }

    static String resolve(Handle h, String inboxId, String inboxAddress, ParsedMessage parsed,
            long now) {
        Set<String> participants = participants(parsed);
        // Every message to an inbox names the inbox itself; only the other people count.
        participants.remove(inboxAddress);
        String subjectKey = subjectKey(parsed.subject());
        String thread = byReferences(h, inboxId, parsed)
                .or(() -> bySubject(h, inboxId, subjectKey, participants, now))
                .orElse(null);
        if (thread == null) {
            return create(h, inboxId, subjectKey, participants, now);
        }
        touch(h, thread, participants, now);
        return thread;
    }

    static String subjectKey(String subject) {
        return SubjectNormalizer.strip(subject).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static Optional<String> byReferences(Handle h, String inboxId, ParsedMessage parsed) {
        List<String> ids = new ArrayList<>();
        if (parsed.inReplyTo() != null) {
            ids.add(parsed.inReplyTo());
        }
        ids.addAll(parsed.references());
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return h.createQuery("""
                SELECT thread_id FROM messages
                WHERE inbox_id = :inbox AND message_id_header IN (<ids>)
                ORDER BY received_at DESC LIMIT 1""")
                .bind("inbox", inboxId)
                .bindList("ids", ids)
                .mapTo(String.class)
                .findOne();
    }

    private static Optional<String> bySubject(Handle h, String inboxId, String subjectKey,
            Set<String> participants, long now) {
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
        return candidates.stream()
                .filter(c -> shares(Json.stringList((String) c.get("participants")), participants))
                .map(c -> (String) c.get("id"))
                .findFirst();
    }

    private static boolean shares(List<String> threadParticipants, Set<String> participants) {
        return threadParticipants.stream().anyMatch(participants::contains);
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
