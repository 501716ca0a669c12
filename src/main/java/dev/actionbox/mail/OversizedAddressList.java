package dev.actionbox.mail;

import org.apache.james.mime4j.util.ByteSequence;

/**
 * What is kept of an address field (From, To, Cc) longer than maxHeaderFieldBytes: the whole
 * addresses at its start, so that none is kept cut in half and read as a wrong address. When
 * the first address alone is longer than the budget (a giant display name), only its angle
 * address is kept, without the name, so that the sender is still known.
 */
final class OversizedAddressList {

    /** RFC 5321 section 4.5.3.1.3: no forward path, so no real address, is longer. */
    private static final int MAX_ADDRESS_BYTES = 256;

    private OversizedAddressList() {
    }

    /**
     * @param raw the whole field as read
     * @param start the offset of the value in {@code raw}
     * @param end where the budget ends, not inside a character
     */
    static byte[] keptValue(ByteSequence raw, int start, int end) {
        AddressSyntax syntax = new AddressSyntax();
        int lastSeparatorEnd = -1;
        for (int i = start; i < end; i++) {
            if (syntax.read(raw.byteAt(i)) == Token.SEPARATOR) {
                lastSeparatorEnd = i + 1;
            }
        }
        return lastSeparatorEnd > 0
                ? HeaderBlock.bytes(raw, start, lastSeparatorEnd)
                : firstAngleAddress(raw, start);
    }

    /** The {@code <address>} of the first mailbox, or nothing when it has none of sane length. */
    private static byte[] firstAngleAddress(ByteSequence raw, int start) {
        AddressSyntax syntax = new AddressSyntax();
        int open = -1;
        int close = -1;
        for (int i = start; i < raw.length(); i++) {
            Token token = syntax.read(raw.byteAt(i));
            if (token == Token.SEPARATOR) {
                break;
            } else if (token == Token.ANGLE_OPEN) {
                open = i;
            } else if (token == Token.ANGLE_CLOSE && open >= 0) {
                close = i;
            }
        }

        boolean sane = open >= 0 && close > open && close - open <= MAX_ADDRESS_BYTES;
        return sane ? HeaderBlock.bytes(raw, open, close + 1) : new byte[0];
    }

    private enum Token { OTHER, SEPARATOR, ANGLE_OPEN, ANGLE_CLOSE }

    /** Follows quoted strings, comments and angle brackets through an address list. */
    private static final class AddressSyntax {
        private boolean escaped;
        private boolean quoted;
        private boolean angle;
        private int comment;

        Token read(byte b) {
            if (escaped) {
                escaped = false;
                return Token.OTHER;
            }
            if (b == '\\') {
                escaped = true;
            } else if (b == '"' && comment == 0) {
                quoted = !quoted;
            } else if (!quoted && b == '(') {
                comment++;
            } else if (!quoted && b == ')' && comment > 0) {
                comment--;
            } else if (!quoted && comment == 0) {
                return outsideQuotesAndComments(b);
            }
            return Token.OTHER;
        }

        private Token outsideQuotesAndComments(byte b) {
            if (b == '<') {
                angle = true;
                return Token.ANGLE_OPEN;
            }
            if (b == '>') {
                angle = false;
                return Token.ANGLE_CLOSE;
            }
            boolean separator = !angle && (b == ',' || b == ';');
            return separator ? Token.SEPARATOR : Token.OTHER;
        }
    }
}
