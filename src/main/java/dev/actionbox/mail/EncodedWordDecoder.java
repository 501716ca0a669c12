package dev.actionbox.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes RFC 2047 encoded-words ({@code =?charset?B|Q?text?=}) in header text. Beyond the RFC
 * it tolerates what real mailers send: adjacent words of one charset are joined as bytes before
 * decoding, so a multi-byte character split across two words survives; whitespace inside a
 * word (a fold in the middle of it) is dropped; broken base64 is read as far as it goes; a
 * charset that does not fit the bytes is guessed (see {@link LenientTextDecoder}).
 */
final class EncodedWordDecoder {

    /** Bounds the search for the end of a word so that junk "=?" cannot make decoding slow. */
    private static final int MAX_WORD_CHARS = 2000;

    private EncodedWordDecoder() {
    }

    static String decode(String text, ParseWarnings warnings, String where) {
        if (text == null || !text.contains("=?")) {
            return text;
        }

        StringBuilder out = new StringBuilder(text.length());
        Pending pending = new Pending();
        int pos = 0;
        int literalStart = 0;
        while (pos < text.length()) {
            int start = text.indexOf("=?", pos);
            if (start < 0) {
                break;
            }
            Word word = Word.at(text, start);
            if (word == null) {
                pos = start + 2;
                continue;
            }

            // RFC 2047 section 6.2: whitespace between two encoded-words is not displayed.
            String between = text.substring(literalStart, start);
            boolean joins = pending.charset != null && between.isBlank();
            if (!joins) {
                pending.flush(out, warnings, where);
                out.append(between);
            }
            if (pending.charset != null && !pending.charset.equals(word.charset)) {
                pending.flush(out, warnings, where);
            }
            pending.charset = word.charset;
            pending.bytes.writeBytes(word.bytes());
            pos = word.end;
            literalStart = word.end;
        }
        pending.flush(out, warnings, where);
        out.append(text, literalStart, text.length());
        return out.toString();
    }

    /** Bytes of adjacent words of one charset, decoded together when the run ends. */
    private static final class Pending {
        private String charset;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void flush(StringBuilder out, ParseWarnings warnings, String where) {
            if (charset == null) {
                return;
            }
            out.append(LenientTextDecoder.decode(bytes.toByteArray(), charset, warnings, where));
            bytes.reset();
            charset = null;
        }
    }

    private record Word(String charset, char encoding, String payload, int end) {

        static Word at(String text, int start) {
            int charsetEnd = indexWithin(text, "?", start + 2, start + 80);
            if (charsetEnd < 0 || charsetEnd + 2 >= text.length()) {
                return null;
            }
            String charset = text.substring(start + 2, charsetEnd);
            char encoding = Character.toUpperCase(text.charAt(charsetEnd + 1));
            boolean validHead = !charset.isEmpty()
                    && charset.chars().noneMatch(Character::isWhitespace)
                    && (encoding == 'B' || encoding == 'Q')
                    && text.charAt(charsetEnd + 2) == '?';
            if (!validHead) {
                return null;
            }

            int payloadStart = charsetEnd + 3;
            int close = indexWithin(text, "?=", payloadStart, payloadStart + MAX_WORD_CHARS);
            if (close < 0) {
                return null;
            }
            // RFC 2231 section 5 allows a language after '*': =?utf-8*en?Q?...?=
            int star = charset.indexOf('*');
            String name = (star > 0 ? charset.substring(0, star) : charset)
                    .toLowerCase(Locale.ROOT);
            return new Word(name, encoding, text.substring(payloadStart, close), close + 2);
        }

        /** Like {@link String#indexOf(String, int)} but gives up at {@code limit}. */
        private static int indexWithin(String text, String wanted, int from, int limit) {
            int end = Math.min(text.length(), limit + wanted.length());
            int found = text.substring(Math.min(from, end), end).indexOf(wanted);
            return found < 0 ? -1 : from + found;
        }

        byte[] bytes() {
            return encoding == 'B' ? Base64Lenient.decode(payload) : decodeQ(payload);
        }

        private static byte[] decodeQ(String payload) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length());
            for (int i = 0; i < payload.length(); i++) {
                char c = payload.charAt(i);
                int hi = i + 2 < payload.length() ? Character.digit(payload.charAt(i + 1), 16) : -1;
                int lo = i + 2 < payload.length() ? Character.digit(payload.charAt(i + 2), 16) : -1;
                if (c == '=' && hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                } else if (c == '_') {
                    out.write(' ');
                } else if (c < 0x80) {
                    out.write(c);
                } else {
                    out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
            }
            return out.toByteArray();
        }
    }
}
