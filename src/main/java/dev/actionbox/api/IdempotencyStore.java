package dev.actionbox.api;

import dev.actionbox.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first response to each {@code Idempotency-Key} of a token, kept for 24 hours, so that a
 * client retrying a POST after a dropped connection gets the same answer and no second
 * resource. A key is claimed in the store before the request runs, so that a retry arriving
 * while the first attempt still runs, on this node or another, is told to wait instead of
 * running twice. Thread-safe.
 */
public final class IdempotencyStore {

    static final long TTL_MILLIS = 24L * 60 * 60 * 1000;
    /** A claim this old whose request never finished (its node died) may be taken over. */
    static final long ABANDONED_MILLIS = 5L * 60 * 1000;
    /** Marks a claimed key whose request is still running. */
    private static final int IN_PROGRESS = 0;

    /** A stored response; {@code status} 0 means the first request is still running. */
    public record Saved(String requestHash, int status, String body) {

        public boolean inProgress() {
            return status == IN_PROGRESS;
        }
    }

    /** How often expired responses of all tokens are swept away. */
    private static final long PURGE_EVERY_MILLIS = 10L * 60 * 1000;

    private final Store store;
    private final AtomicLong purgedAt = new AtomicLong();

    public IdempotencyStore(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Claims a key for a request about to run.
     *
     * @return empty when the caller now holds the key and must run the request, else what
     *         the key already holds: a finished response, or one still in progress
     */
    public Optional<Saved> claim(String tokenId, String key, String methodPath,
            String requestHash) {
        long now = System.currentTimeMillis();
        long last = purgedAt.get();
        if (now - last > PURGE_EVERY_MILLIS && purgedAt.compareAndSet(last, now)) {
            purgeExpired();
        }
        return store.inTransaction(h -> {
            h.createUpdate("""
                    DELETE FROM idempotency_keys
                    WHERE token_id = :token AND idem_key = :key
                      AND (created_at < :expired OR (status = 0 AND created_at < :abandoned))""")
                    .bind("token", tokenId).bind("key", key)
                    .bind("expired", now - TTL_MILLIS).bind("abandoned", now - ABANDONED_MILLIS)
                    .execute();
            int claimed = h.createUpdate("""
                    INSERT INTO idempotency_keys (token_id, idem_key, method_path, request_hash,
                        status, response, created_at)
                    VALUES (:token, :key, :path, :hash, 0, '', :now)
                    ON CONFLICT DO NOTHING""")
                    .bind("token", tokenId).bind("key", key).bind("path", methodPath)
                    .bind("hash", requestHash).bind("now", now).execute();
            if (claimed == 1) {
                return Optional.<Saved>empty();
            }
            return h.createQuery("""
                    SELECT request_hash, status, response FROM idempotency_keys
                    WHERE token_id = :token AND idem_key = :key""")
                    .bind("token", tokenId).bind("key", key)
                    .map((rs, ctx) -> new Saved(rs.getString("request_hash"), rs.getInt("status"),
                            rs.getString("response")))
                    .findOne();
        });
    }

    /** Keeps the response of a claimed key, to be replayed for 24 hours. */
    public void complete(String tokenId, String key, int status, String body) {
        store.useTransaction(h -> h.createUpdate("""
                UPDATE idempotency_keys SET status = :status, response = :body
                WHERE token_id = :token AND idem_key = :key""")
                .bind("status", status).bind("body", body)
                .bind("token", tokenId).bind("key", key).execute());
    }

    /** Gives a claimed key up after its request failed, so that a retry runs it afresh. */
    public void release(String tokenId, String key) {
        store.useTransaction(h -> h.createUpdate("""
                DELETE FROM idempotency_keys
                WHERE token_id = :token AND idem_key = :key AND status = 0""")
                .bind("token", tokenId).bind("key", key).execute());
    }

    /** Drops every response older than 24 hours; returns how many. */
    public int purgeExpired() {
        return store.inTransaction(h -> h.createUpdate(
                        "DELETE FROM idempotency_keys WHERE created_at < :expired")
                .bind("expired", System.currentTimeMillis() - TTL_MILLIS).execute());
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
