package dev.actionbox.api;

import dev.actionbox.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The first response to each {@code Idempotency-Key} of a token, kept for 24 hours, so that a
 * client retrying a POST after a dropped connection gets the same answer and no second
 * resource.
 */
public final class IdempotencyStore {

    static final long TTL_MILLIS = 24L * 60 * 60 * 1000;

    /** A stored response. */
    public record Saved(String requestHash, int status, String body) {
    }

    private final Store store;

    public IdempotencyStore(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public Optional<Saved> find(String tokenId, String key) {
        return store.read(h -> h.createQuery("""
                SELECT request_hash, status, response FROM idempotency_keys
                WHERE token_id = :token AND idem_key = :key AND created_at >= :since""")
                .bind("token", tokenId).bind("key", key)
                .bind("since", System.currentTimeMillis() - TTL_MILLIS)
                .map((rs, ctx) -> new Saved(rs.getString("request_hash"), rs.getInt("status"),
                        rs.getString("response")))
                .findOne());
    }

    /** Keeps a response; an expired entry for the same key is replaced. */
    public void save(String tokenId, String key, String methodPath, String requestHash,
            int status, String body) {
        store.useTransaction(h -> {
            h.createUpdate("""
                    DELETE FROM idempotency_keys
                    WHERE token_id = :token AND idem_key = :key AND created_at < :since""")
                    .bind("token", tokenId).bind("key", key)
                    .bind("since", System.currentTimeMillis() - TTL_MILLIS).execute();
            h.createUpdate("""
                    INSERT INTO idempotency_keys (token_id, idem_key, method_path, request_hash,
                        status, response, created_at)
                    VALUES (:token, :key, :path, :hash, :status, :body, :now)
                    ON CONFLICT DO NOTHING""")
                    .bind("token", tokenId).bind("key", key).bind("path", methodPath)
                    .bind("hash", requestHash).bind("status", status).bind("body", body)
                    .bind("now", System.currentTimeMillis()).execute();
        });
    }

    static String hash(String methodPath, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(methodPath.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
