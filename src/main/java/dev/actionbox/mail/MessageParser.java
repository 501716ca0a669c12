package dev.actionbox.mail;

import java.util.List;
import java.util.Objects;

/**
 * Reads raw RFC 5322 / MIME bytes into a {@link ParsedMessage}. Never throws: a message that
 * cannot be read fully gives a result with {@code parseError} set and whatever could be read;
 * defects that were worked around are listed in {@code warnings}. Work is linear in the size
 * of the input and bounded by the {@link ParsePolicy}. Thread safe; instances can be shared.
 */
public final class MessageParser {

    private final ParsePolicy policy;

    public MessageParser(ParsePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Parses one message.
     *
     * @param raw the message bytes as received; null is read as an empty message
     * @return the parsed message, never null
     */
    public ParsedMessage parse(byte[] raw) {
        if (raw == null) {
            return failed("no message bytes were given");
        }
        try {
            return withStructuralError(new MessageReader(policy, 0).read(raw));
        } catch (RuntimeException | StackOverflowError e) {
            // A defect in our own reading code must not lose the message: the caller stores
            // the raw bytes, and the error says what went wrong.
            return failed("the message could not be read: " + e);
        }
    }

    /**
     * A message whose structure is broken (no header, a missing closing boundary, a NUL byte in
     * a header) is read as far as it goes, and its first such defect becomes the parse error, so
     * that it shows as malformed. Defects that lose nothing, such as a charset guess, stay
     * warnings, and so do the limits of the {@link ParsePolicy}: a well-formed message that is
     * larger or deeper than we choose to read is not malformed, and its warning says what was
     * left out.
     */
    static ParsedMessage withStructuralError(ParsedMessage message) {
        if (message.parseError() != null) {
            return message;
        }
        return message.warnings().stream()
                .filter(MessageParser::isStructural)
                .findFirst()
                .map(defect -> message.withParseError("malformed message: " + defect))
                .orElse(message);
    }

    /**
     * Matches the wording of the structural warnings as a whole rather than any word in them,
     * because some warnings quote header values from the message. A header past the size
     * limits counts: no sender writes a 2 MB header field, so it marks the message malformed
     * even though the needed fields are kept cut to size. Too many parts or too deep a
     * nesting only leaves parts unread, and stays a warning.
     */
    private static boolean isStructural(String warning) {
        return warning.startsWith("mime: ") && warning.contains("Body part ended prematurely")
                || warning.equals("the message has no header fields")
                || warning.startsWith("header field ")
                        && warning.endsWith(" contains a NUL byte; removed")
                || warning.startsWith("header field ")
                        && warning.contains(" exceeds maxHeaderFieldBytes=")
                || warning.startsWith("header block exceeds maxHeaderBytes=");
    }

    private static ParsedMessage failed(String reason) {
        return new ParsedMessage(null, null, List.of(), List.of(), List.of(), "", null, "", "",
                null, List.of(), null, List.of(), MailFlags.NONE, null, null, List.of(), reason,
                List.of(), null, null);
    }
}
