package dev.actionbox.mail;

import java.io.ByteArrayOutputStream;

/**
 * Base64 decoding that skips characters outside the alphabet and stops at padding or at the
 * end, whatever the length, instead of rejecting the input as the JDK decoder does.
 */
final class Base64Lenient {

    private static final int[] VALUES = new int[128];

    static {
        java.util.Arrays.fill(VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
        // The URL-safe alphabet turns up in some generated mail.
        VALUES['-'] = 62;
        VALUES['_'] = 63;
    }

    private Base64Lenient() {
    }

    static byte[] decode(CharSequence text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3 / 4 + 3);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                break;
            }
            int value = c < 128 ? VALUES[c] : -1;
            if (value < 0) {
                continue;
            }
            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write((buffer >> bits) & 0xff);
            }
        }
        return out.toByteArray();
    }
}
