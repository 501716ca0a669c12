package dev.actionbox.mail;

/**
 * A message attached as message/rfc822 (a forward "as attachment"), read far enough to show it.
 *
 * @param subject the decoded subject, empty when absent
 * @param from the first From mailbox, or null
 * @param messageId the Message-ID without brackets, or null
 * @param text the whole plain text of the attached message (from HTML when it has no plain)
 */
public record ForwardedMessage(String subject, MailAddress from, String messageId, String text) {

    public ForwardedMessage {
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
    }
}
