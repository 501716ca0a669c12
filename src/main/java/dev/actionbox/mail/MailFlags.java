package dev.actionbox.mail;

/**
 * What the headers say about where a message came from, so that rules never answer a machine.
 *
 * @param autoSubmitted an auto-reply or other machine-made mail (RFC 3834 and common markers)
 * @param bounce a delivery status notification (null sender or multipart/report)
 * @param list mail from a mailing list or bulk sender (List-Id, List-Unsubscribe, Precedence)
 */
public record MailFlags(boolean autoSubmitted, boolean bounce, boolean list) {

    public static final MailFlags NONE = new MailFlags(false, false, false);

    /** True when replying could start a mail loop or answer a robot. */
    public boolean machineMade() {
        return autoSubmitted || bounce || list;
    }
}
