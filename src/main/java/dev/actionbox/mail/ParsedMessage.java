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
        String parseError) {

    public ParsedMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        replyTo = List.copyOf(replyTo);
        attachments = List.copyOf(attachments);
        references = List.copyOf(references);
        warnings = List.copyOf(warnings);
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
        textFull = textFull == null ? "" : textFull;
        flags = flags == null ? MailFlags.NONE : flags;
    }

    public boolean hasAttachment() {
        return attachments.stream().anyMatch(a -> !a.inline());
    }
}
