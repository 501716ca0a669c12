package dev.actionbox.mail;

import java.time.Instant;
import java.util.List;

/**
 * A message as Actionbox reads it. Built by {@link MessageParser}; never null fields except
 * those documented as nullable.
 *
 * @param messageId the Message-ID header without angle brackets, or null when absent
 * @param from the first From mailbox, or null when there is none that can be read
 * @param subject the decoded subject, empty when absent
 * @param date the Date header, or null when absent or unreadable
 * @param text what the sender wrote in this message: quoted history and signature removed
 * @param textFull the whole plain text (from text/plain, or from HTML when there is none)
 * @param html the HTML body, or null
 * @param inReplyTo the first In-Reply-To message id without brackets, or null
 * @param references the References message ids without brackets, oldest first
 * @param listId the List-Id header value, or null
 * @param authResults the Authentication-Results header value, or null
 * @param warnings defects that were tolerated while reading, for the record
 * @param parseError why the message could not be read, or null when it was read
 * @param forwarded messages attached as message/rfc822, in order (each is also an attachment)
 * @param calendar the first calendar event of a text/calendar part, or null
 * @param bounceInfo what a delivery failure report says, or null when this is no bounce
 */
public record ParsedMessage(
        String messageId,
        MailAddress from,
        List<MailAddress> to,
        List<MailAddress> cc,
        List<MailAddress> replyTo,
        String subject,
        Instant date,
        String text,
        String textFull,
        String html,
        List<ParsedAttachment> attachments,
        String inReplyTo,
        List<String> references,
        MailFlags flags,
        String listId,
        String authResults,
        List<String> warnings,
        String parseError,
        List<ForwardedMessage> forwarded,
        CalendarInvite calendar,
        BounceInfo bounceInfo) {

    public ParsedMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        replyTo = List.copyOf(replyTo);
        attachments = List.copyOf(attachments);
        references = List.copyOf(references);
        warnings = List.copyOf(warnings);
        forwarded = forwarded == null ? List.of() : List.copyOf(forwarded);
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
        textFull = textFull == null ? "" : textFull;
        flags = flags == null ? MailFlags.NONE : flags;
    }

    /** The same message without a usable sender, for an address no store can index. */
    public ParsedMessage withoutSender(String warning) {
        List<String> more = new java.util.ArrayList<>(warnings);
        more.add(warning);
        return new ParsedMessage(messageId, null, to, cc, replyTo, subject, date, text, textFull,
                html, attachments, inReplyTo, references, flags, listId, authResults,
                List.copyOf(more), parseError, forwarded, calendar, bounceInfo);
    }

    /** This message with a parse error: what could be read stays, marked as malformed. */
    public ParsedMessage withParseError(String error) {
        return new ParsedMessage(messageId, from, to, cc, replyTo, subject, date, text, textFull,
                html, attachments, inReplyTo, references, flags, listId, authResults, warnings,
                error, forwarded, calendar, bounceInfo);
    }

    public boolean hasAttachment() {
        return attachments.stream().anyMatch(a -> !a.inline());
    }
}
