package dev.actionbox.mail;

/**
 * Limits that keep parsing of hostile or broken mail bounded in time and memory. A limit that is
 * reached does not make a message malformed: the parser skips what lies past it, keeps what it
 * has and records a warning that names the limit and what was left out.
 *
 * @param maxHeaderBytes total bytes of one header block that are read; fields past it are
 *     dropped, except the first Subject, From, To, Cc, Message-ID, In-Reply-To and References
 *     of the message header
 * @param maxHeaderFieldBytes bytes of one header field that are read; longer fields are dropped,
 *     except those of the message header named above, which are kept cut to size
 * @param maxHeaderCount header fields read per header block, with the same exceptions
 * @param maxParts body parts read per message; later parts are skipped
 * @param maxDepth nesting of multiparts and forwarded messages that is followed; deeper
 *     multiparts and forwarded messages are skipped
 * @param maxTextChars characters kept of the plain text and of the HTML
 */
public record ParsePolicy(
        int maxHeaderBytes,
        int maxHeaderFieldBytes,
        int maxHeaderCount,
        int maxParts,
        int maxDepth,
        int maxTextChars) {

    public ParsePolicy {
        requirePositive(maxHeaderBytes, "maxHeaderBytes");
        requirePositive(maxHeaderFieldBytes, "maxHeaderFieldBytes");
        requirePositive(maxHeaderCount, "maxHeaderCount");
        requirePositive(maxParts, "maxParts");
        requirePositive(maxDepth, "maxDepth");
        requirePositive(maxTextChars, "maxTextChars");
    }

    /** Limits generous enough for any real mail up to the 25 MB intake limit. */
    public static ParsePolicy defaults() {
        return new ParsePolicy(256 * 1024, 64 * 1024, 1000, 500, 20, 4 * 1024 * 1024);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    name + " must be positive but was " + value + "; use ParsePolicy.defaults()");
        }
    }
}
