package dev.actionbox.mail;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Turns raw header bytes into text. Header fields should be ASCII with RFC 2047 words, but
 * many mailers send raw 8-bit text; RFC 6532 makes that UTF-8, and older mail is read in the
 * charset the message declares elsewhere, or as windows-1252.
 */
final class HeaderText {

    private HeaderText() {
    }

    /** The unfolded value with 8-bit bytes decoded; encoded-words are left as they are. */
    static String unfoldedRaw(
            byte[] raw, String charsetHint, ParseWarnings warnings, String where) {
        return unfold(bytesToText(raw, charsetHint, warnings, where));
    }

    /** The unfolded value with 8-bit bytes and RFC 2047 encoded-words decoded. */
    static String decoded(byte[] raw, String charsetHint, ParseWarnings warnings, String where) {
        String text = unfoldedRaw(raw, charsetHint, warnings, where);
        return clean(EncodedWordDecoder.decode(text, warnings, where));
    }

    /** RFC 5322 section 2.2.3: a line break followed by white space is removed. */
    static String unfold(String text) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text.strip();
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    /** Drops control characters that would break display or logs (NUL, ESC left-overs). */
    static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\t' || c == 0x7f;
            if (control && out == null) {
                out = new StringBuilder(text.length());
                out.append(text, 0, i);
            }
            if (out != null && !control) {
                out.append(c);
            } else if (out != null && c == '\t') {
                out.append(' ');
            }
        }
        return out == null ? text : out.toString();
    }

    private static String bytesToText(
            byte[] raw, String charsetHint, ParseWarnings warnings, String where) {
        boolean encodedWords = new String(raw, StandardCharsets.ISO_8859_1).contains("=?");
        if (LenientTextDecoder.isUtf7(charsetHint) && LenientTextDecoder.isAscii(raw)
                && !encodedWords) {
            // A message that declares UTF-7 was often written with UTF-7 headers as well.
            return Utf7Decoder.decode(raw);
        }
        if (LenientTextDecoder.hasIso2022Escape(raw)) {
            return LenientTextDecoder.decodeUnlabelled(raw);
        }
        if (LenientTextDecoder.isAscii(raw)) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
        if (LenientTextDecoder.isValidUtf8(raw)) {
            return new String(raw, StandardCharsets.UTF_8);
        }

        // Limitation: one hint serves all headers of a message; mixed charsets across fields
        // cannot be told apart without per-field statistics of the bytes.
        Charset hint = LenientTextDecoder.lookup(charsetHint)
                .filter(c -> !c.equals(StandardCharsets.UTF_8))
                .orElse(LenientTextDecoder.WINDOWS_1252);
        warnings.add("raw 8-bit bytes in " + where + " are not UTF-8, read as " + hint.name());
        return new String(raw, hint);
    }
}
