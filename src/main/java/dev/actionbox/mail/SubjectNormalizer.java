package dev.actionbox.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what mail clients and list servers add to a subject, so that "RE: AW: [team]
 * Printer [#123]" and "Printer" name the same conversation. Used for task summaries and for
 * matching replies to threads. Thread safe.
 */
public final class SubjectNormalizer {

    /**
     * Reply and forward prefixes in the languages mail clients ship, each optionally counted
     * ("Re[2]:", "Re^3:", "RE(2):") and followed by an ASCII or full-width colon.
     */
    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(?:re|aw|wg|sv|vs|vb|ref|réf|rif|r|tr|fw|fwd|fwdd|antw|antwort|odp|pd|enc"
                    + "|res|rv|ynt|yml|atb|tr|πρθ|σχετ|השב|הועבר|ответ|отв|пересл|переслать"
                    + "|回复|答复|回覆|转发|轉寄|返信|転送|fs|vl|ats|vá|continued)"
                    + "\\s*(?:\\[\\d+\\]|\\(\\d+\\)|\\^\\d+)?\\s*[:：]\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A [list tag] or (ticket tag) at the start, e.g. "[team-x]" or "[Ticket#123]". */
    private static final Pattern LEADING_TAG = Pattern.compile("^\\s*\\[[^\\[\\]]{0,80}\\]\\s*");

    /** Ticket numbers anywhere: "[#123]", "[Ticket#123]", "[Case: 42]", "(Ticket #7)". */
    private static final Pattern TICKET_TAG = Pattern.compile(
            "\\s*[\\[(]\\s*(?:[A-Za-z-]{0,20}\\s*)?(?:#|no\\.?|nr\\.?|:)\\s*[A-Za-z0-9-]{1,20}"
                    + "\\s*[\\])]\\s*",
            Pattern.CASE_INSENSITIVE);

    /** A trailing "(fwd)" as some old clients write forwards. */
    private static final Pattern TRAILING_FWD = Pattern.compile(
            "\\s*\\((?:fwd|fw)\\)\\s*$", Pattern.CASE_INSENSITIVE);

    private static final Pattern WHITE_SPACE = Pattern.compile("[\\s\\u00a0]+");

    private SubjectNormalizer() {
    }

    /**
     * Returns the subject without reply/forward prefixes (repeated and mixed), leading list
     * tags, ticket-number tags and surrounding white space. Never null; null gives "".
     */
    public static String strip(String subject) {
        if (subject == null) {
            return "";
        }

        String text = WHITE_SPACE.matcher(subject).replaceAll(" ").strip();
        text = TICKET_TAG.matcher(text).replaceAll(" ").strip();
        String previous;
        do {
            previous = text;
            text = removeLeading(PREFIX, text);
            text = removeLeading(LEADING_TAG, text);
        } while (!text.equals(previous));
        text = TRAILING_FWD.matcher(text).replaceAll("");
        return WHITE_SPACE.matcher(text).replaceAll(" ").strip();
    }

    private static String removeLeading(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        String rest = text.substring(m.end());
        // A subject that is nothing but a tag ("[urgent]") keeps it rather than becoming empty.
        return rest.isBlank() ? text : rest;
    }
}
