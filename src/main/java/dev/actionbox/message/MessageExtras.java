package dev.actionbox.message;

import dev.actionbox.mail.BounceInfo;
import dev.actionbox.mail.CalendarInvite;
import dev.actionbox.mail.ForwardedMessage;
import dev.actionbox.mail.ParsedMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a message carries beyond the fixed columns, kept as JSON in {@code extra_json}: the
 * forwarded messages, the calendar invite, what a bounce reports, and Outlook's thread
 * headers (a reply must carry them on for Outlook to thread it).
 */
final class MessageExtras {

    static final String FORWARDED = "forwarded";
    static final String CALENDAR = "calendar";
    static final String BOUNCE = "bounce";
    static final String THREAD_TOPIC = "thread_topic";
    static final String THREAD_INDEX = "thread_index";

    private MessageExtras() {
    }

    static Map<String, Object> of(ParsedMessage parsed, TopHeaders headers) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (!parsed.forwarded().isEmpty()) {
            extra.put(FORWARDED, forwarded(parsed.forwarded()));
        }
        if (parsed.calendar() != null) {
            extra.put(CALENDAR, calendar(parsed.calendar()));
        }
        if (parsed.bounceInfo() != null) {
            extra.put(BOUNCE, bounce(parsed.bounceInfo()));
        }
        headers.get("thread-topic").ifPresent(v -> extra.put(THREAD_TOPIC, v));
        headers.get("thread-index").ifPresent(v -> extra.put(THREAD_INDEX, v));
        return extra;
    }

    private static List<Map<String, Object>> forwarded(List<ForwardedMessage> messages) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ForwardedMessage message : messages) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("subject", message.subject());
            view.put("from", message.from() == null ? null : MessageStore.address(message.from()));
            view.put("message_id", message.messageId());
            view.put("text", message.text());
            out.add(view);
        }
        return out;
    }

    private static Map<String, Object> calendar(CalendarInvite invite) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("method", invite.method());
        view.put("uid", invite.uid());
        view.put("summary", invite.summary());
        view.put("dtstart", invite.dtstart());
        return view;
    }

    private static Map<String, Object> bounce(BounceInfo info) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("recipient", info.recipient());
        view.put("status", info.status());
        view.put("action", info.action());
        view.put("original_message_id", info.originalMessageId());
        return view;
    }
}
