package dev.actionbox.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The identity of a message that has no Message-ID: SHA-256 of what its author sent. The
 * trace fields that each hop prepends (our own Received line included) are left out, and
 * CRLF counts as LF, so the same mail delivered twice over SMTP, uploaded, or imported from an
 * mbox file (LF line ends) has one hash.
 */
final class ContentHash {

    /** Fields that transport adds on the way (RFC 5321 section 4.4 and common MTA extras). */
    private static final Set<String> TRACE_FIELDS = Set.of("received", "return-path",
            "delivered-to", "x-original-to", "x-envelope-from", "x-envelope-to",
            "x-received", "x-delivered-to");

    private ContentHash() {
    }

    static String of(byte[] raw) {
        MessageDigest digest = sha256();
        int position = 0;
        boolean skipping = false;
        while (position < raw.length) {
            int next = lineEnd(raw, position);
            if (isBlank(raw, position, next)) {
                break;
            }
            boolean folded = raw[position] == ' ' || raw[position] == '\t';
            if (!folded) {
                skipping = isTraceField(raw, position, next);
            }
            if (!skipping) {
                updateWithoutCr(digest, raw, position, next);
            }
            position = next;
        }
        updateWithoutCr(digest, raw, position, trimTrailingBlankLines(raw, position));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean isTraceField(byte[] raw, int start, int end) {
        int limit = Math.min(end, start + 40);
        for (int i = start; i < limit; i++) {
            if (raw[i] == ':') {
                String name = new String(raw, start, i - start, StandardCharsets.ISO_8859_1);
                return TRACE_FIELDS.contains(name.strip().toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }

    /** Feeds bytes, leaving out every CR that ends a line. */
    private static void updateWithoutCr(MessageDigest digest, byte[] raw, int from, int to) {
        int segment = from;
        for (int i = from; i < to; i++) {
            if (raw[i] == '\r' && i + 1 < to && raw[i + 1] == '\n') {
                digest.update(raw, segment, i - segment);
                segment = i + 1;
            }
        }
        digest.update(raw, segment, Math.max(0, to - segment));
    }

    private static int trimTrailingBlankLines(byte[] raw, int from) {
        int end = raw.length;
        while (end > from && (raw[end - 1] == '\n' || raw[end - 1] == '\r'
                || raw[end - 1] == ' ' || raw[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    private static boolean isBlank(byte[] raw, int start, int next) {
        for (int i = start; i < next; i++) {
            if (raw[i] != '\r' && raw[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    private static int lineEnd(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return raw.length;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
