package dev.actionbox.mail;

import java.util.Set;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * What is kept of a message header field longer than maxHeaderFieldBytes when the message
 * cannot do without it: without its subject, sender, recipients or ids a message is filed and
 * threaded wrongly. The start of the value is kept, cut where it stays readable: between
 * characters, between addresses (see {@link OversizedAddressList}), between message ids. Only
 * the kept bytes are copied; the rest of the field is never turned into text.
 */
final class OversizedHeaderField {

    /** More than any list, summary or notification shows of a subject. */
    private static final int SUBJECT_CHARS = 1000;

    /** RFC 5322 section 2.1.1: no line, and so no real message id, is longer than this. */

    /**
     * Threading looks at the nearest ancestors first, which References lists last; this many
     * stay well under the ids that {@link MessageIds} reads from one field.
     */
    private static final int NEWEST_REFERENCES = 100;

    private static final Set<String> ADDRESS_FIELDS = Set.of("from", "to", "cc");
    private static final Set<String> ID_FIELDS = Set.of("message-id", "in-reply-to");

    private OversizedHeaderField() {
    }

    /** True for the fields that are cut to size rather than dropped (lower-case name). */
    static boolean isKept(String lowerName) {
        return lowerName.equals("subject") || lowerName.equals("references")
                || ADDRESS_FIELDS.contains(lowerName) || ID_FIELDS.contains(lowerName);
    }

    /**
     * The value bytes that are kept of an oversized field.
     *
     * @param raw the whole field as read, name and folding included
     * @param valueStart the offset of the value in {@code raw}
     * @param budget the most value bytes to keep
     */
    static byte[] keptValue(String lowerName, ByteSequence raw, int valueStart, int budget) {
        if (lowerName.equals("references")) {
            return firstAndNewestIds(raw, valueStart, budget);
        }

        int wanted = ID_FIELDS.contains(lowerName)
                ? Math.min(budget, MessageIds.MAX_ID_BYTES) : budget;
        if (raw.length() - valueStart <= wanted) {
            return HeaderBlock.bytes(raw, valueStart, raw.length());
        }
        int end = characterBoundary(raw, valueStart, valueStart + wanted);
        return ADDRESS_FIELDS.contains(lowerName)
                ? OversizedAddressList.keptValue(raw, valueStart, end)
                : HeaderBlock.bytes(raw, valueStart, end);
    }

    /** Says what {@link #keptValue} keeps, for the warning. */
    static String whatIsKept(String lowerName, int budget) {
        return switch (lowerName) {
            case "subject" -> "the subject keeps its first " + SUBJECT_CHARS + " characters";
            case "references" -> "its first id and its newest " + NEWEST_REFERENCES
                    + " ids are kept";
            case "message-id", "in-reply-to" -> "its first " + MessageIds.MAX_ID_BYTES
                    + " bytes are kept";
            default -> "the whole addresses in its first " + budget
                    + " bytes are kept, or the first address without a name too long to fit";
        };
    }

    /** The decoded subject of an oversized Subject field, cut between code points. */
    static String cutSubject(String subject) {
        if (subject.length() <= SUBJECT_CHARS
                || subject.codePointCount(0, subject.length()) <= SUBJECT_CHARS) {
            return subject;
        }
        return subject.substring(0, subject.offsetByCodePoints(0, SUBJECT_CHARS)).strip();
    }

    /**
     * Moves a cut back so that it does not split a UTF-8 character; a character has at most
     * three continuation bytes, so text in other charsets moves it at most three bytes.
     */
    private static int characterBoundary(ByteSequence raw, int start, int end) {
        int cut = end;
        while (cut > start && end - cut < 3 && (raw.byteAt(cut) & 0xC0) == 0x80) {
            cut--;
        }
        return cut;
    }

    /** The first id (the thread's root) and the newest ids, within the budget. */
    private static byte[] firstAndNewestIds(ByteSequence raw, int start, int budget) {
        int length = raw.length();
        int headEnd = start;
        for (int i = start; i < Math.min(length, start + MessageIds.MAX_ID_BYTES); i++) {
            if (raw.byteAt(i) == '>') {
                headEnd = i + 1;
                break;
            }
        }

        int tailStart = length;
        int ids = 0;
        int floor = Math.max(headEnd, length - budget);
        for (int i = length - 1; i >= floor && ids < NEWEST_REFERENCES; i--) {
            if (raw.byteAt(i) == '<') {
                tailStart = i;
                ids++;
            }
        }

        byte[] head = HeaderBlock.bytes(raw, start, headEnd);
        byte[] tail = HeaderBlock.bytes(raw, tailStart, length);
        byte[] joined = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, joined, 0, head.length);
        joined[head.length] = ' ';
        System.arraycopy(tail, 0, joined, head.length + 1, tail.length);
        return joined;
    }
}
