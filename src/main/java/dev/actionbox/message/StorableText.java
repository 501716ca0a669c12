package dev.actionbox.message;

import dev.actionbox.mail.BounceInfo;
import dev.actionbox.mail.CalendarInvite;
import dev.actionbox.mail.ForwardedMessage;
import dev.actionbox.mail.MailAddress;
import dev.actionbox.mail.ParsedAttachment;
import dev.actionbox.mail.ParsedMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes NUL characters from every text of a parsed message before it is stored. PostgreSQL
 * refuses NUL in text columns, so a message whose body holds one (broken or hostile mail does)
 * would fail to commit, its sender would be told to retry, and it would never arrive. The raw
 * bytes keep the NUL; only the readable copies lose it.
 */
final class StorableText {

    private static final String NUL = "\u0000";

    private StorableText() {
    }

    static ParsedMessage clean(ParsedMessage m) {
        if (!hasNul(m)) {
            return m;
        }
        List<String> warnings = new ArrayList<>(m.warnings().stream().map(StorableText::text)
                .toList());
        warnings.add("NUL characters removed from the stored text; the raw message keeps them");
        return new ParsedMessage(text(m.messageId()), address(m.from()), addresses(m.to()),
                addresses(m.cc()), addresses(m.replyTo()), text(m.subject()), m.date(),
                text(m.text()), text(m.textFull()), text(m.html()), attachments(m.attachments()),
                text(m.inReplyTo()), m.references().stream().map(StorableText::text).toList(),
                m.flags(), text(m.listId()), text(m.authResults()), warnings,
                text(m.parseError()), forwarded(m.forwarded()), calendar(m.calendar()),
                bounce(m.bounceInfo()));
    }

    private static boolean hasNul(ParsedMessage m) {
        return String.join("", nonNull(m.subject(), m.text(), m.textFull(), m.html(),
                        m.messageId(), m.inReplyTo(), m.listId(), m.authResults(),
                        m.parseError(), m.from() == null ? null : m.from().name()))
                .contains(NUL)
                || m.forwarded().stream().anyMatch(f -> (f.subject() + f.text()).contains(NUL))
                || m.attachments().stream().anyMatch(a -> a.filename().contains(NUL))
                || String.join("", m.warnings()).contains(NUL)
                || m.to().stream().anyMatch(StorableText::hasNul)
                || m.cc().stream().anyMatch(StorableText::hasNul)
                || m.replyTo().stream().anyMatch(StorableText::hasNul)
                || m.calendar() != null && String.join("", nonNull(m.calendar().method(),
                        m.calendar().uid(), m.calendar().summary(), m.calendar().dtstart()))
                        .contains(NUL)
                || m.bounceInfo() != null && String.join("", nonNull(m.bounceInfo().recipient(),
                        m.bounceInfo().status(), m.bounceInfo().action(),
                        m.bounceInfo().originalMessageId())).contains(NUL);
    }

    private static boolean hasNul(MailAddress address) {
        return (address.address() + address.name()).contains(NUL);
    }

    private static List<String> nonNull(String... values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    private static String text(String value) {
        return value == null ? null : value.replace(NUL, "");
    }

    private static MailAddress address(MailAddress address) {
        return address == null ? null
                : new MailAddress(text(address.name()), text(address.address()));
    }

    private static List<MailAddress> addresses(List<MailAddress> list) {
        return list.stream().map(StorableText::address).toList();
    }

    private static List<ParsedAttachment> attachments(List<ParsedAttachment> list) {
        return list.stream().map(a -> new ParsedAttachment(text(a.filename()),
                text(a.contentType()), a.inline(), text(a.contentId()), a.content())).toList();
    }

    private static List<ForwardedMessage> forwarded(List<ForwardedMessage> list) {
        return list.stream().map(f -> new ForwardedMessage(text(f.subject()),
                address(f.from()), text(f.messageId()), text(f.text()))).toList();
    }

    private static CalendarInvite calendar(CalendarInvite c) {
        return c == null ? null : new CalendarInvite(text(c.method()), text(c.uid()),
                text(c.summary()), text(c.dtstart()));
    }

    private static BounceInfo bounce(BounceInfo b) {
        return b == null ? null : new BounceInfo(text(b.recipient()), text(b.status()),
                text(b.action()), text(b.originalMessageId()));
    }
}
