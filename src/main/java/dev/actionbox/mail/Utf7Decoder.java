package dev.actionbox.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-7 (RFC 2152), which the JDK does not ship but old mailers still send. Broken
 * shifted sequences are kept as they were written rather than failing the whole text.
 */
final class Utf7Decoder {

    private static final String BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private Utf7Decoder() {
    }

    static String decode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            char c = (char) (bytes[i] & 0xff);
            if (c != '+') {
                out.append(c);
                i++;
                continue;
            }

            int start = i + 1;
            int end = start;
            while (end < bytes.length && BASE64.indexOf((char) (bytes[end] & 0xff)) >= 0) {
                end++;
            }
            if (end == start) {
                // "+-" is the escaped plus sign; a lone '+' is kept as written.
                out.append('+');
            } else {
                out.append(decodeShifted(bytes, start, end));
            }
            i = end < bytes.length && bytes[end] == '-' ? end + 1 : end;
        }
        return out.toString();
    }

    private static String decodeShifted(byte[] bytes, int start, int end) {
        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int i = start; i < end; i++) {
            buffer = (buffer << 6) | BASE64.indexOf((char) (bytes[i] & 0xff));
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                utf16.write((buffer >> bits) & 0xff);
            }
        }
        return utf16.toString(StandardCharsets.UTF_16BE);
    }
}
