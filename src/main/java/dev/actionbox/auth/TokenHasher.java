package dev.actionbox.auth;

import dev.actionbox.store.StoredSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes token secrets with HMAC-SHA256 under a key the server makes once and keeps in the
 * store. Secrets carry 190 bits of randomness, so a fast hash is as strong as a slow one and
 * keeps every request cheap. The key means that the hashes alone (a leaked table, a log of
 * SQL) give nothing to test guesses against, and that the time an index lookup by hash takes
 * says nothing an attacker can use: they cannot choose what a guess hashes to. Thread-safe.
 */
final class TokenHasher {

    private static final String KEY_SETTING = "token_hash_key";

    private final SecretKeySpec key;

    TokenHasher(StoredSettings settings) {
        String encoded = settings.getOrCreate(KEY_SETTING, TokenHasher::newKey);
        this.key = new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256");
    }

    String hash(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /** How tokens issued before keyed hashes were stored; used only to upgrade them. */
    static String legacyHash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Compares two hashes in time that does not depend on where they differ. */
    static boolean same(String stored, String computed) {
        return stored != null && MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                computed.getBytes(StandardCharsets.US_ASCII));
    }

    private static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
