package dev.actionbox.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads message ids from Message-ID, In-Reply-To and References. Ids are returned without angle
 * brackets. Junk between bracketed ids (comments, phrases, quoted text that some clients put
 * into In-Reply-To) is ignored; a value with no brackets at all is split at white space and
 * commas, keeping tokens that look like ids.
 */
final class MessageIds {

    private static final int MAX_IDS = 500;
    /** RFC 5322 lines hold 998 bytes, so no real id is longer. */
    static final int MAX_ID_BYTES = 998;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private MessageIds() {
    }

    static List<String> parse(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return ids;
        }

        int pos = 0;
        while (ids.size() < MAX_IDS) {
            int open = value.indexOf('<', pos);
            int close = open < 0 ? -1 : value.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            addId(ids, value.substring(open + 1, close));
            pos = close + 1;
        }
        if (ids.isEmpty()) {
            for (String token : SEPARATORS.split(value)) {
                if (token.contains("@") && ids.size() < MAX_IDS) {
                    addId(ids, token.replace("<", "").replace(">", ""));
                }
            }
        }
        return ids;
    }

    /** The first id of the value, or null; also reads Content-IDs, which need no {@code @}. */
    static String first(String value) {
        List<String> ids = parse(value);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        String bare = value == null ? "" : value.strip();
        return bare.isEmpty() || bare.contains(" ") ? null : bare;
    }

    /**
     * The first id of a Message-ID value that has the id-left@id-right form, or null. Messages
     * are deduplicated by this id, so a placeholder such as {@code <>}, {@code (none)} or
     * {@code <unknown>} must not count: every message carrying it would be dropped as a copy
     * of the first. Without a real id, the message's content decides instead.
     */
    static String messageId(String value) {
        return parse(value).stream()
                .filter(id -> id.indexOf('@') > 0 && fitsALine(id))
                .findFirst().orElse(null);
    }

    /**
     * RFC 5322 lines hold 998 bytes, so a longer id cannot be real; it would also be longer
     * than a PostgreSQL index entry may be, and the message could never be stored.
     */
    private static boolean fitsALine(String id) {
        return id.length() <= MAX_ID_BYTES
                && id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_ID_BYTES;
    }

    private static void addId(List<String> ids, String raw) {
        String id = WHITE_SPACE.matcher(raw).replaceAll("");
        if (id.startsWith("\"") && id.endsWith("\"") && id.length() > 1) {
            id = id.substring(1, id.length() - 1);
        }
        if (!id.isEmpty() && !ids.contains(id)) {
            ids.add(id);
        }
    }
}
