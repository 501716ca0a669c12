package dev.actionbox.mail;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a bounce says about the failed delivery. A message/delivery-status part (RFC 3464)
 * is read field by field; when a mail server sent only prose, the recipient and status are
 * looked for in the text the way common servers (Postfix, Exim, Exchange, Gmail) write them.
 */
final class BounceReportReader {

    private static final Pattern STATUS = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private static final Pattern ADDRESS = Pattern.compile(
            "<?([A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})>?");

    private static final Pattern PROSE_RECIPIENT = Pattern.compile(
            "(?im)^\\s*(?:<([^>\\s]+@[^>\\s]+)>:|"
                    + "([^\\s<>]+@[^\\s<>:]+)\\s*$|"
                    + ".*(?:recipient|address|delivery to)[^\\n]*?<?([^\\s<>\"]+@[^\\s<>\"]+?)>?"
                    + "[\\s.,;:]*$)");

    private BounceReportReader() {
    }

    /**
     * @param deliveryStatus the text of a message/delivery-status part, or null
     * @param originalHeaders the headers of the bounced message (text/rfc822-headers or the
     *     attached message), or null
     * @param text the report's human-readable text, used when no delivery-status exists
     * @param ourAddresses addresses that must not be taken for the failed recipient
     */
    static BounceInfo read(
            String deliveryStatus, String originalHeaders, String text, List<String> ourAddresses) {
        String recipient = null;
        String status = null;
        String action = null;
        if (deliveryStatus != null) {
            for (String line : unfoldLines(deliveryStatus)) {
                String name = fieldName(line);
                String value = fieldValue(line);
                if (recipient == null && (name.equals("final-recipient")
                        || name.equals("original-recipient"))) {
                    recipient = addressIn(value);
                } else if (status == null && name.equals("status")) {
                    Matcher m = STATUS.matcher(value);
                    status = m.find() ? m.group(1) : value.strip();
                } else if (action == null && name.equals("action")) {
                    action = value.strip().toLowerCase(Locale.ROOT);
                }
            }
        }
        if (recipient == null && text != null) {
            recipient = recipientInProse(text, ourAddresses);
        }
        if (status == null && text != null) {
            Matcher m = STATUS.matcher(text);
            status = m.find() ? m.group(1) : null;
        }
        String originalId = originalHeaders == null ? null : originalMessageId(originalHeaders);
        return new BounceInfo(recipient, status, action, originalId);
    }

    private static String recipientInProse(String text, List<String> ourAddresses) {
        Matcher m = PROSE_RECIPIENT.matcher(text);
        while (m.find()) {
            for (int group = 1; group <= 3; group++) {
                String found = m.group(group);
                if (found != null && !isOurs(found, ourAddresses)) {
                    return addressIn(found);
                }
            }
        }
        return null;
    }

    private static boolean isOurs(String address, List<String> ourAddresses) {
        String lower = address.toLowerCase(Locale.ROOT);
        return ourAddresses.stream().anyMatch(o -> lower.contains(o.toLowerCase(Locale.ROOT)))
                || lower.contains("mailer-daemon") || lower.contains("postmaster");
    }

    private static String originalMessageId(String headers) {
        for (String line : unfoldLines(headers)) {
            if (fieldName(line).equals("message-id")) {
                return MessageIds.messageId(fieldValue(line));
            }
        }
        return null;
    }

    /** Header-style lines with RFC 5322 folding undone. */
    private static String[] unfoldLines(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n')
                .replace("\n ", " ").replace("\n\t", " ").split("\n");
    }

    /** "rfc822; pat@example.org" or a bare address. */
    private static String addressIn(String value) {
        Matcher m = ADDRESS.matcher(value);
        return m.find() ? m.group(1) : null;
    }

    private static String fieldName(String line) {
        int colon = line.indexOf(':');
        return colon <= 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    }

    private static String fieldValue(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(colon + 1).strip();
    }
}
