package dev.actionbox.mail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns bytes into text for a declared charset label and never fails: an unknown label, a label
 * that does not fit the bytes, or no label at all leads to a guess (ISO-2022-JP when its escape
 * sequences are present, UTF-8 when the bytes are valid UTF-8, windows-1252 otherwise). Each
 * guess that overrides what the sender declared is recorded as a warning.
 */
final class LenientTextDecoder {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final String UTF7 = "utf-7";

    /** Labels seen in real mail that the JDK does not know, or knows as a narrower charset. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("ks_c_5601", "x-windows-949"),
            Map.entry("ksc5601", "x-windows-949"),
            Map.entry("euc-kr", "x-windows-949"),
            Map.entry("gb2312", "GB18030"),
            Map.entry("gb_2312-80", "GB18030"),
            Map.entry("gbk", "GB18030"),
            Map.entry("x-gbk", "GB18030"),
            Map.entry("chinese", "GB18030"),
            Map.entry("big5", "Big5-HKSCS"),
            Map.entry("shift_jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"),
            Map.entry("x-sjis", "windows-31j"),
            Map.entry("iso-2022-jp", "x-windows-iso2022jp"),
            Map.entry("x-mac-cyrillic", "x-MacCyrillic"),
            Map.entry("maccyrillic", "x-MacCyrillic"),
            Map.entry("x-mac-roman", "x-MacRoman"),
            Map.entry("macintosh", "x-MacRoman"),
            Map.entry("iso-8859-8-i", "ISO-8859-8"),
            Map.entry("iso-8859-6-i", "ISO-8859-6"),
            Map.entry("tis-620", "x-windows-874"),
            Map.entry("iso-8859-11", "x-windows-874"),
            Map.entry("windows-874", "x-windows-874"),
            Map.entry("utf8", "UTF-8"),
            Map.entry("unicode-1-1-utf-8", "UTF-8"),
            Map.entry("unicode-1-1-utf-7", UTF7),
            Map.entry("x-utf-7", UTF7),
            Map.entry("utf-7", UTF7),
            // Browsers and mail clients read these labels as windows-1252 (WHATWG Encoding),
            // which gives curly quotes and the euro sign their intended meaning.
            Map.entry("iso-8859-1", "windows-1252"),
            Map.entry("iso8859-1", "windows-1252"),
            Map.entry("iso_8859-1", "windows-1252"),
            Map.entry("latin1", "windows-1252"),
            Map.entry("latin-1", "windows-1252"),
            Map.entry("l1", "windows-1252"),
            Map.entry("cp819", "windows-1252"),
            Map.entry("ibm819", "windows-1252"),
            Map.entry("iso-ir-100", "windows-1252"));

    private LenientTextDecoder() {
    }

    /**
     * Decodes {@code bytes} read as {@code label}.
     *
     * @param label the declared charset, may be null or junk
     * @param where names the text in warnings, e.g. "body part 2" or "header Subject"
     */
    static String decode(byte[] bytes, String label, ParseWarnings warnings, String where) {
        String key = normalizeLabel(label);
        if (UTF7.equals(key)) {
            return Utf7Decoder.decode(bytes);
        }
        boolean wide = key != null && (key.startsWith("utf-16") || key.startsWith("utf-32")
                || key.startsWith("ucs") || key.equals("unicode"));
        if (key != null && lookup(key).isEmpty()) {
            warnings.add("unknown charset '" + label + "' in " + where + ", guessed");
        }
        if (!wide && isAscii(bytes) && !hasIso2022Escape(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (key == null) {
            return guess(bytes, warnings, where, null);
        }

        Optional<Charset> charset = lookup(key);
        if (charset.isEmpty()) {
            return guess(bytes, warnings, where, label);
        }
        return decodeDeclared(bytes, charset.get(), warnings, where, label);
    }

    /** Resolves a charset label through the aliases above; empty when the JDK cannot read it. */
    static Optional<Charset> lookup(String label) {
        String key = normalizeLabel(label);
        if (key == null || UTF7.equals(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(ALIASES.getOrDefault(key, key)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean isUtf7(String label) {
        return UTF7.equals(normalizeLabel(label));
    }

    static boolean isValidUtf8(byte[] bytes) {
        try {
            strictDecode(bytes, StandardCharsets.UTF_8);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads bytes that carry no label: ISO-2022-JP, then UTF-8, then windows-1252. */
    static String decodeUnlabelled(byte[] bytes) {
        if (isAscii(bytes) && !hasIso2022Escape(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (hasIso2022Escape(bytes)) {
            return new String(bytes, Charset.forName("x-windows-iso2022jp"));
        }
        if (isValidUtf8(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return new String(bytes, WINDOWS_1252);
    }

    private static String decodeDeclared(
            byte[] bytes, Charset charset, ParseWarnings warnings, String where, String label) {
        boolean singleByteLatin = charset.equals(WINDOWS_1252)
                || charset.equals(StandardCharsets.US_ASCII)
                || charset.equals(StandardCharsets.ISO_8859_1);
        if (singleByteLatin) {
            // Latin labels never fail to decode, so a mislabelled UTF-8 text would silently
            // become mojibake; valid multi-byte UTF-8 is a far stronger sign than the label.
            if (hasIso2022Escape(bytes) || isValidUtf8(bytes)) {
                return guess(bytes, warnings, where, label);
            }
            if (charset.equals(StandardCharsets.US_ASCII)) {
                return guess(bytes, warnings, where, label);
            }
            return new String(bytes, WINDOWS_1252);
        }
        try {
            return strictDecode(bytes, charset);
        } catch (CharacterCodingException e) {
            warnings.add("charset '" + label + "' does not fit " + where + ", guessed");
            return guess(bytes, warnings, where, label);
        }
    }

    private static String guess(byte[] bytes, ParseWarnings warnings, String where, String label) {
        String declared = label == null ? "no charset" : "charset '" + label + "'";
        if (hasIso2022Escape(bytes)) {
            warnings.add(where + ": " + declared + ", read as ISO-2022-JP");
            return new String(bytes, Charset.forName("x-windows-iso2022jp"));
        }
        if (isValidUtf8(bytes)) {
            warnings.add(where + ": " + declared + ", read as UTF-8");
            return new String(bytes, StandardCharsets.UTF_8);
        }
        warnings.add(where + ": " + declared + ", read as windows-1252");
        return new String(bytes, WINDOWS_1252);
    }

    private static String strictDecode(byte[] bytes, Charset charset)
            throws CharacterCodingException {
        CharBuffer chars = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes));
        return chars.toString();
    }

    /** ESC '$' or ESC '(' starts a designation in ISO-2022-JP (RFC 1468). */
    static boolean hasIso2022Escape(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == 0x1b && (bytes[i + 1] == '$' || bytes[i + 1] == '(')) {
                return true;
            }
        }
        return false;
    }

    /** Lower-cases a label and removes quoting and the "3D" left over from a QP-encoded '='. */
    static String normalizeLabel(String label) {
        if (label == null) {
            return null;
        }
        String key = label.trim().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        if (key.startsWith("3d") && key.length() > 2) {
            key = key.substring(2);
        }
        if (key.startsWith("=")) {
            key = key.substring(1);
        }
        return key.isEmpty() || key.equals("x-unknown") || key.equals("unknown") ? null : key;
    }
}
