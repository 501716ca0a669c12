package dev.actionbox.message;

import dev.actionbox.api.Json;
import dev.actionbox.label.LabelService;
import dev.actionbox.label.MessageRef;
import dev.actionbox.mail.SubjectNormalizer;
import dev.actionbox.store.Rows;
import dev.actionbox.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Reads stored messages and threads in the shapes the API and workflows see. */
public final class MessageReader {

    /** Filters of the message list; null means any. */
    public record Filter(String threadId, String labelId, String from, Long since,
            String before, int limit) {
    }

    private static final String SUMMARY_COLUMNS = "m.id, m.inbox_id, m.thread_id, "
            + "m.message_id_header, m.from_name, m.from_address, m.subject, m.sent_at, "
            + "m.received_at, m.auto_submitted, m.bounce, m.is_list, m.parse_error";

    private final Store store;

    public MessageReader(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public Optional<Map<String, Object>> get(String id) {
        return store.read(h -> view(h, id));
    }

    public List<Map<String, Object>> list(Filter filter) {
        // Only the summary's columns: a list must not drag every body and HTML along.
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS
                + " FROM messages m WHERE 1 = 1");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (filter.threadId() != null) {
            sql.append(" AND m.thread_id = :thread");
            binds.put("thread", filter.threadId());
        }
        if (filter.labelId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM message_labels l"
                    + " WHERE l.message_id = m.id AND l.label_id = :label)");
            binds.put("label", filter.labelId());
        }
        if (filter.from() != null) {
            sql.append(" AND m.from_address = :from");
            binds.put("from", filter.from().trim().toLowerCase(Locale.ROOT));
        }
        if (filter.since() != null) {
            sql.append(" AND m.received_at >= :since");
            binds.put("since", filter.since());
        }
        if (filter.before() != null) {
            sql.append(" AND m.id < :before");
            binds.put("before", filter.before());
        }
        sql.append(" ORDER BY m.id DESC LIMIT :limit");
        binds.put("limit", filter.limit() + 1);

        return store.read(h -> {
            Query query = h.createQuery(sql.toString());
            binds.forEach(query::bind);
            List<Map<String, Object>> messages = new ArrayList<>();
            for (Map<String, Object> row : query.mapToMap().list()) {
                messages.add(summary(h, row));
            }
            return messages;
        });
    }

    public Optional<byte[]> raw(String id) {
        return store.read(h -> h.createQuery("SELECT raw FROM message_raw WHERE message_id = :id")
                .bind("id", id).mapTo(byte[].class).findOne());
    }

    /** Attachment metadata and content. */
    public Optional<Map<String, Object>> attachment(String messageId, String attachmentId) {
        return store.read(h -> h.createQuery("""
                SELECT filename, content_type, content FROM attachments
                WHERE id = :id AND message_id = :message""")
                .bind("id", attachmentId).bind("message", messageId)
                .mapToMap().findOne());
    }

    public Optional<Map<String, Object>> thread(String threadId) {
        return store.read(h -> h.createQuery("SELECT * FROM threads WHERE id = :id")
                .bind("id", threadId).mapToMap().findOne().map(row -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", row.get("id"));
                    view.put("inbox_id", row.get("inbox_id"));
                    List<Map<String, Object>> messages = threadMessages(h, threadId);
                    view.put("subject", threadSubject(messages, Rows.str(row, "subject_key")));
                    view.put("participants", Json.stringList(Rows.str(row, "participants")));
                    view.put("created_at", Rows.time(row, "created_at"));
                    view.put("last_message_at", Rows.time(row, "last_message_at"));
                    view.put("messages", messages);
                    return view;
                }));
    }

    public static Optional<MessageRef> ref(Handle h, String id) {
        return h.createQuery("""
                SELECT id, inbox_id, thread_id, contact_id, from_address FROM messages
                WHERE id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new MessageRef(rs.getString("id"), rs.getString("inbox_id"),
                        rs.getString("thread_id"), rs.getString("contact_id"),
                        rs.getString("from_address")))
                .findOne();
    }

    /** The full message view: the API's {@code GET /v1/messages/{id}/} and workflow payloads. */
    public static Optional<Map<String, Object>> view(Handle h, String id) {
        Optional<Map<String, Object>> found = h.createQuery("SELECT * FROM messages WHERE id = :id")
                .bind("id", id).mapToMap().findOne();
        return found.map(row -> fullView(h, row));
    }

    private static Map<String, Object> fullView(Handle h, Map<String, Object> row) {
        String id = Rows.str(row, "id");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("inbox_id", row.get("inbox_id"));
        view.put("thread_id", row.get("thread_id"));
        view.put("message_id", row.get("message_id_header"));
        view.put("from", from(row));
        view.put("contact_id", row.get("contact_id"));
        view.put("to", Json.mapList(Rows.str(row, "to_json")));
        view.put("cc", Json.mapList(Rows.str(row, "cc_json")));
        view.put("reply_to", Json.mapList(Rows.str(row, "reply_to_json")));
        view.put("subject", row.get("subject"));
        view.put("date", Rows.time(row, "sent_at"));
        view.put("received_at", Rows.time(row, "received_at"));
        view.put("text", row.get("text_visible"));
        view.put("text_full", row.get("text_full"));
        view.put("html", row.get("html"));
        view.put("attachments", attachments(h, id));
        view.put("labels", LabelService.labelsOf(h, id));
        Map<String, Object> extra = Json.map(Rows.str(row, "extra_json"));
        view.put("headers", headers(row, extra));
        view.put("flags", flags(row));
        view.put("auth_results", row.get("auth_results"));
        view.put("forwarded", extra.getOrDefault(MessageExtras.FORWARDED, List.of()));
        view.put("calendar", extra.get(MessageExtras.CALENDAR));
        view.put("bounce", extra.get(MessageExtras.BOUNCE));
        view.put("parse_error", row.get("parse_error"));
        view.put("warnings", Json.stringList(Rows.str(row, "warnings_json")));
        view.put("size", Rows.lng(row, "raw_size"));
        view.put("thread", threadMessages(h, Rows.str(row, "thread_id")));
        return view;
    }

    private static Map<String, Object> summary(Handle h, Map<String, Object> row) {
        String id = Rows.str(row, "id");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("inbox_id", row.get("inbox_id"));
        view.put("thread_id", row.get("thread_id"));
        view.put("message_id", row.get("message_id_header"));
        view.put("from", from(row));
        view.put("subject", row.get("subject"));
        view.put("date", Rows.time(row, "sent_at"));
        view.put("received_at", Rows.time(row, "received_at"));
        view.put("labels", LabelService.labelsOf(h, id));
        view.put("flags", flags(row));
        view.put("parse_error", row.get("parse_error"));
        return view;
    }

    private static Map<String, Object> from(Map<String, Object> row) {
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("name", row.get("from_name"));
        from.put("address", row.get("from_address"));
        return from;
    }

    private static Map<String, Object> headers(Map<String, Object> row,
            Map<String, Object> extra) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("auto_submitted", Rows.bool(row, "auto_submitted"));
        headers.put("list_id", row.get("list_id"));
        headers.put("in_reply_to", row.get("in_reply_to"));
        headers.put("references", Json.stringList(Rows.str(row, "references_json")));
        headers.put("thread_topic", extra.get(MessageExtras.THREAD_TOPIC));
        headers.put("thread_index", extra.get(MessageExtras.THREAD_INDEX));
        return headers;
    }

    private static Map<String, Object> flags(Map<String, Object> row) {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("auto_submitted", Rows.bool(row, "auto_submitted"));
        flags.put("bounce", Rows.bool(row, "bounce"));
        flags.put("list", Rows.bool(row, "is_list"));
        return flags;
    }

    private static List<Map<String, Object>> attachments(Handle h, String messageId) {
        return h.createQuery("""
                SELECT id, filename, content_type, size, inline_part, content_id
                FROM attachments WHERE message_id = :id ORDER BY id""")
                .bind("id", messageId).mapToMap().map(row -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", row.get("id"));
                    view.put("filename", row.get("filename"));
                    view.put("content_type", row.get("content_type"));
                    view.put("size", Rows.lng(row, "size"));
                    view.put("inline", Rows.bool(row, "inline_part"));
                    view.put("content_id", row.get("content_id"));
                    return view;
                }).list();
    }

    /**
     * The thread's subject as its first message wrote it, without reply prefixes; the stored
     * key is lowercased for matching and reads badly. The key stands in when no message of
     * the thread has a subject.
     */
    private static String threadSubject(List<Map<String, Object>> messages, String key) {
        return messages.stream().map(m -> (String) m.get("subject"))
                .filter(subject -> subject != null && !subject.isBlank())
                .map(subject -> SubjectNormalizer.strip(subject).strip())
                .filter(subject -> !subject.isEmpty())
                .findFirst().orElse(key);
    }

    private static List<Map<String, Object>> threadMessages(Handle h, String threadId) {
        return h.createQuery("""
                SELECT id, from_name, from_address, subject, sent_at, received_at FROM messages
                WHERE thread_id = :thread ORDER BY received_at, id""")
                .bind("thread", threadId).mapToMap().map(row -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", row.get("id"));
                    view.put("from", from(row));
                    view.put("subject", row.get("subject"));
                    view.put("date", Rows.time(row, "sent_at"));
                    view.put("received_at", Rows.time(row, "received_at"));
                    return view;
                }).list();
    }
}
