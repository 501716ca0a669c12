package dev.actionbox.auth;

import dev.actionbox.store.Ids;
import dev.actionbox.store.Store;
import dev.actionbox.store.Times;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Issues and checks bearer tokens. Only a SHA-256 hash of each secret is stored: the secrets
 * carry 190 bits of randomness, so a fast hash is as good as a slow one and keeps every request
 * cheap. Thread-safe.
 */
public final class TokenService {

    /** Prefix of every secret, so that secret scanners can spot a leaked one. */
    public static final String SECRET_PREFIX = "abx_";

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final long LAST_USED_RESOLUTION_MILLIS = 60_000;

    private final Store store;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> lastUsedWritten = new ConcurrentHashMap<>();

    public TokenService(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** A new token and its raw secret, which is shown once and never stored. */
    public record Issued(Map<String, Object> token, String secret) {
    }

    /**
     * Creates a token. When {@code creator} is not null, the new token may hold only scopes
     * that the creator holds itself.
     *
     * @throws TokenException when a scope is unknown or beyond the creator's
     */
    public Issued create(List<String> scopeNames, String label, Principal creator, Long expiresAt) {
        Set<Scope> scopes = parseScopes(scopeNames);
        checkWithin(scopes, creator);
        String id = Ids.next("tok");
        String secret = newSecret();
        long now = System.currentTimeMillis();

        store.useTransaction(h -> h.createUpdate("""
                INSERT INTO tokens (id, label, scopes, secret_hash, created_at, expires_at,
                                    created_by)
                VALUES (:id, :label, :scopes, :hash, :now, :expires, :creator)""")
                .bind("id", id)
                .bind("label", label)
                .bind("scopes", join(scopes))
                .bind("hash", hash(secret))
                .bind("now", now)
                .bind("expires", expiresAt)
                .bind("creator", creator == null ? null : creator.tokenId())
                .execute());

        return new Issued(get(id).orElseThrow(), secret);
    }

    /** The principal for a raw secret, or empty when it is unknown, revoked or expired. */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(secret);
        long now = System.currentTimeMillis();
        Optional<Map<String, Object>> row = store.read(h -> h.createQuery("""
                SELECT id, scopes, revoked_at, expires_at FROM tokens WHERE secret_hash = :hash""")
                .bind("hash", hash)
                .mapToMap()
                .findOne());
        return row.filter(r -> r.get("revoked_at") == null)
                .filter(r -> r.get("expires_at") == null || asLong(r.get("expires_at")) > now)
                .map(r -> {
                    String id = (String) r.get("id");
                    touch(id, now);
                    Set<Scope> held = parseScopes(List.of(((String) r.get("scopes")).split(",")));
                    return new Principal(id, Scope.expand(held), held);
                });
    }

    public Optional<Map<String, Object>> get(String id) {
        return store.read(h -> h.createQuery("SELECT * FROM tokens WHERE id = :id")
                .bind("id", id)
                .mapToMap()
                .findOne()
                .map(TokenService::view));
    }

    public List<Map<String, Object>> list() {
        return store.read(h -> h.createQuery(
                        "SELECT * FROM tokens WHERE revoked_at IS NULL ORDER BY id DESC")
                .mapToMap()
                .map(TokenService::view)
                .list());
    }

    /**
     * Changes scopes and label. The caller may grant only what it holds.
     *
     * @return the token, or empty when there is none with that id
     */
    public Optional<Map<String, Object>> update(String id, List<String> scopeNames, String label,
            Principal caller) {
        if (scopeNames != null) {
            Set<Scope> scopes = parseScopes(scopeNames);
            checkWithin(scopes, caller);
            store.useTransaction(h -> h.createUpdate(
                            "UPDATE tokens SET scopes = :scopes WHERE id = :id")
                    .bind("scopes", join(scopes)).bind("id", id).execute());
        }
        if (label != null) {
            store.useTransaction(h -> h.createUpdate(
                            "UPDATE tokens SET label = :label WHERE id = :id")
                    .bind("label", label).bind("id", id).execute());
        }
        return get(id);
    }

    /** Revokes at once: the next request with this token gets 401. */
    public boolean revoke(String id) {
        return store.inTransaction(h -> h.createUpdate("""
                UPDATE tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL""")
                .bind("now", System.currentTimeMillis())
                .bind("id", id)
                .execute()) > 0;
    }

    public static Set<Scope> parseScopes(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new TokenException("A token needs at least one scope, e.g. email:read");
        }
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            if (name.isBlank()) {
                continue;
            }
            scopes.add(Scope.fromWire(name).orElseThrow(() -> new TokenException(
                    "Unknown scope '" + name + "'; known scopes: " + knownScopes())));
        }
        if (scopes.isEmpty()) {
            throw new TokenException("A token needs at least one scope, e.g. email:read");
        }
        return scopes;
    }

    public static String knownScopes() {
        return Arrays.stream(Scope.values()).map(Scope::wireName).collect(Collectors.joining(","));
    }

    private static void checkWithin(Set<Scope> wanted, Principal creator) {
        if (creator == null) {
            return;
        }
        Set<Scope> beyond = EnumSet.copyOf(Scope.expand(wanted));
        beyond.removeAll(creator.scopes());
        if (!beyond.isEmpty()) {
            throw new TokenException.Escalation(beyond.stream()
                    .map(Scope::wireName).sorted().collect(Collectors.joining(",")));
        }
    }

    private void touch(String id, long now) {
        Long written = lastUsedWritten.get(id);
        if (written != null && now - written < LAST_USED_RESOLUTION_MILLIS) {
            return;
        }
        lastUsedWritten.put(id, now);
        store.useTransaction(h -> h.createUpdate(
                        "UPDATE tokens SET last_used_at = :now WHERE id = :id")
                .bind("now", now).bind("id", id).execute());
    }

    private String newSecret() {
        StringBuilder secret = new StringBuilder(SECRET_PREFIX);
        for (int i = 0; i < 32; i++) {
            secret.append(BASE62[random.nextInt(BASE62.length)]);
        }
        return secret.toString();
    }

    static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static String join(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wireName).collect(Collectors.joining(","));
    }

    private static long asLong(Object value) {
        return ((Number) value).longValue();
    }

    private static Map<String, Object> view(Map<String, Object> row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.get("id"));
        view.put("label", row.get("label"));
        view.put("scopes", List.of(((String) row.get("scopes")).split(",")));
        view.put("created_at", Times.format(toLong(row.get("created_at"))));
        view.put("last_used_at", Times.format(toLong(row.get("last_used_at"))));
        view.put("expires_at", Times.format(toLong(row.get("expires_at"))));
        view.put("revoked", row.get("revoked_at") != null);
        return view;
    }

    private static Long toLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
