package dev.actionbox.store;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Prefixed ids that sort by creation time: the prefix, an underscore, ten characters of
 * milliseconds and twelve random characters, all in Crockford base32.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern EXPLICIT = Pattern.compile("[a-z]+_[A-Za-z0-9_\\-]{1,64}");

    private Ids() {
    }

    public static String next(String prefix) {
        return next(prefix, System.currentTimeMillis());
    }

    public static String next(String prefix, long millis) {
        char[] out = new char[22];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 22; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(32)];
        }
        return prefix + "_" + new String(out);
    }

    /** True when an id a caller chose has the given prefix and only safe characters. */
    public static boolean isValidExplicit(String prefix, String id) {
        return id != null && id.startsWith(prefix + "_") && EXPLICIT.matcher(id).matches();
    }
}
