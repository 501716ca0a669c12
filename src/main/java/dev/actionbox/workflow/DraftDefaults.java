package dev.actionbox.workflow;

import dev.actionbox.mail.SubjectNormalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The reply a draft write proposes: to Reply-To (or From), subject with one {@code Re:},
 * In-Reply-To and References set, and a body from the write's template or a short
 * acknowledgement.
 */
final class DraftDefaults {

    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^(re\\s*:\\s*)+");
    private static final String DEFAULT_BODY = """
            Hello{{contact_greeting}},

            Thank you for your message. We have logged it and will get back to you.

            Regards""";

    private DraftDefaults() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> from(Map<String, Object> payload, WriteSpec write) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> message = (Map<String, Object>) payload.get("message");
        if (message == null) {
            return fields;
        }
        fields.put("to", recipient(message));
        String subject = (String) message.getOrDefault("subject", "");
        String template = write.targetText("subject");
        fields.put("subject", template != null ? Templates.render(template, payload)
                : replySubject(subject));
        fields.put("body", body(payload, write, message));
        String messageId = (String) message.get("message_id");
        fields.put("in_reply_to", messageId);
        Map<String, Object> headers = (Map<String, Object>) message.get("headers");
        List<String> references = new ArrayList<>((List<String>) headers.get("references"));
        if (messageId != null && !references.contains(messageId)) {
            references.add(messageId);
        }
        fields.put("references", references);
        fields.put("headers", outlookThreadHeaders(headers, subject));
        return fields;
    }

    /** "Re: " once, in front of the subject without the sender's own reply prefix. */
    static String replySubject(String subject) {
        String rest = REPLY_PREFIX.matcher(subject.strip()).replaceFirst("").strip();
        return "Re: " + (rest.isEmpty() ? "(no subject)" : rest);
    }

    /** Outlook threads by Thread-Topic and Thread-Index: a reply carries them on. */
    private static Map<String, String> outlookThreadHeaders(Map<String, Object> headers,
            String subject) {
        Map<String, String> out = new LinkedHashMap<>();
        Object index = headers.get("thread_index");
        Object topic = headers.get("thread_topic");
        if (index == null && topic == null) {
            return out;
        }
        out.put("Thread-Topic", topic != null ? topic.toString()
                : SubjectNormalizer.strip(subject));
        if (index != null) {
            ThreadIndex.reply(index.toString(), Instant.now(), ThreadLocalRandom.current())
                    .ifPresent(value -> out.put("Thread-Index", value));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> recipient(Map<String, Object> message) {
        List<Map<String, Object>> replyTo = (List<Map<String, Object>>) message.get("reply_to");
        if (replyTo != null && !replyTo.isEmpty()) {
            return replyTo.get(0);
        }
        Map<String, Object> from = (Map<String, Object>) message.get("from");
        return from == null || from.get("address") == null ? null : from;
    }

    @SuppressWarnings("unchecked")
    private static String body(Map<String, Object> payload, WriteSpec write,
            Map<String, Object> message) {
        String template = write.targetText("template");
        if (template != null) {
            return Templates.render(template, payload);
        }
        Map<String, Object> from = (Map<String, Object>) message.get("from");
        String name = from == null ? null : (String) from.get("name");
        String greeting = name == null || name.isBlank() ? "" : " " + name.strip();
        return DEFAULT_BODY.replace("{{contact_greeting}}", greeting);
    }
}
