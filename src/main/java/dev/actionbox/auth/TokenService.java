package dev.actionbox.auth;

import dev.actionbox.api.ApiException;
import dev.actionbox.store.Ids;
import dev.actionbox.store.Store;
import dev.actionbox.store.StoredSettings;
import dev.actionbox.store.Times;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Issues, checks, rotates and revokes bearer tokens. Only a keyed hash of each secret is
 * stored ({@link TokenHasher}). Secrets start with {@value #SECRET_PREFIX} so that secret
 * scanners can find leaked ones. Thread-safe.
 */
public final class TokenService {

    /** Prefix of every secret, so that secret scanners can spot a leaked one. */
    public static final String SECRET_PREFIX = "abx_";
    /** The longest a rotated token's old secret may keep working. */
    public static final long MAX_GRACE_SECONDS = 24L * 60 * 60;

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** last_used_at is written at most this often per token and node, not on every request. */
    private static final long LAST_USED_RESOLUTION_MILLIS = 60_000;

    private final Store store;
    private final TokenHasher hasher;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> lastUsedWritten = new ConcurrentHashMap<>();

    public TokenService(Store store) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = new TokenHasher(new StoredSettings(store));
    }

    /** A new token and its raw secret, which is shown once and never stored. */
    public record Issued(Map<String, Object> token, String secret) {
    }

    /**
     * Creates a token. When {@code creator} is not null, the new token may hold only scopes
     * that the creator holds itself.
     *
     * @param expiresAt epoch milliseconds after which the token stops working, or null
     * @throws TokenException when a scope is unknown or beyond the creator's
     */
    public Issued create(List<String> scopeNames, String label, Principal creator, Long expiresAt) {
        Set<Scope> scopes = parseScopes(scopeNames);
        checkWithin(scopes, creator);
        String id = Ids.next("tok");
        String secret = newSecret();
        long now = System.currentTimeMillis();

        store.useTransaction(h -> h.createUpdate("""
                INSERT INTO tokens (id, label, scopes, secret_hash, hash_scheme, created_at,
                                    expires_at, created_by)
                VALUES (:id, :label, :scopes, :hash, 'hmac', :now, :expires, :creator)""")
                .bind("id", id)
                .bind("label", label)
                .bind("scopes", join(scopes))
                .bind("hash", hasher.hash(secret))
                .bind("now", now)
                .bind("expires", expiresAt)
                .bind("creator", creator == null ? null : creator.tokenId())
                .execute());

        return new Issued(get(id).orElseThrow(), secret);
    }

    /** The principal for a raw secret, or empty when it is unknown, revoked or expired. */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        String hash = hasher.hash(secret);
        Optional<Map<String, Object>> row = store.read(h -> h.createQuery("""
                        SELECT * FROM tokens WHERE secret_hash = :hash OR previous_hash = :hash""")
                .bind("hash", hash)
                .mapToMap()
                .list())
                .stream()
                .filter(r -> matches(r, hash, now))
                .findFirst();
        if (row.isEmpty()) {
            row = upgradeLegacy(secret, hash);
        }
        return row.filter(r -> r.get("revoked_at") == null)
                .filter(r -> r.get("expires_at") == null || asLong(r.get("expires_at")) > now)
                .map(r -> {
                    String id = (String) r.get("id");
                    touch(id, now);
                    Set<Scope> held = parseScopes(List.of(((String) r.get("scopes")).split(",")));
                    return new Principal(id, Scope.expand(held), held);
                });
    }

    /** The current secret, or the one before a rotation while its grace period lasts. */
    private static boolean matches(Map<String, Object> row, String hash, long now) {
        if (TokenHasher.same((String) row.get("secret_hash"), hash)) {
            return true;
        }
        Object graceEnds = row.get("previous_expires_at");
        return TokenHasher.same((String) row.get("previous_hash"), hash)
                && graceEnds != null && asLong(graceEnds) > now;
    }

    /**
     * Finds a token issued before keyed hashes and stores its keyed hash instead.
     *
     * <p>Limitation: such a token, rotated before it was ever used again, has no grace period:
     * its previous hash is of the old kind, which lookups by keyed hash never find.
     */
    private Optional<Map<String, Object>> upgradeLegacy(String secret, String hash) {
        String legacy = TokenHasher.legacyHash(secret);
        return store.inTransaction(h -> {
            Optional<Map<String, Object>> row = h.createQuery("""
                    SELECT * FROM tokens WHERE secret_hash = :legacy AND hash_scheme = 'sha256'""")
                    .bind("legacy", legacy)
                    .mapToMap()
                    .findOne();
            row.ifPresent(r -> h.createUpdate("""
                    UPDATE tokens SET secret_hash = :hash, hash_scheme = 'hmac'
                    WHERE id = :id AND secret_hash = :legacy""")
                    .bind("hash", hash).bind("id", r.get("id")).bind("legacy", legacy)
                    .execute());
            return row;
        });
    }

    public Optional<Map<String, Object>> get(String id) {
        return store.read(h -> row(h, id).map(TokenService::view));
    }

    /** Live tokens, newest first, older than {@code before} when it is not null. */
    public List<Map<String, Object>> list(String before, int limit) {
        return store.read(h -> h.createQuery("""
                        SELECT * FROM tokens
                        WHERE revoked_at IS NULL AND (:before IS NULL OR id < :before)
                        ORDER BY id DESC LIMIT :limit""")
                .bind("before", before)
                .bind("limit", limit + 1)
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
        if (!checkCallerCovers(id, caller)) {
            return Optional.empty();
        }
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

    /**
     * Gives a token a new secret. The old secret keeps working for {@code graceSeconds} (at
     * most 24 hours), so that the clients using it can be switched over; 0 ends it at once.
     * A second rotation ends the first one's grace period.
     *
     * @throws ApiException 404 when there is no such token, 409 when it is revoked or expired
     * @throws TokenException.Escalation when the token holds scopes the caller does not, since
     *         its new secret would hand them to the caller
     */
    public Issued rotate(String id, long graceSeconds, Principal caller) {
        if (graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
            throw new IllegalArgumentException("graceSeconds must be 0 to " + MAX_GRACE_SECONDS);
        }
        String secret = newSecret();
        long now = System.currentTimeMillis();

        store.useTransaction(h -> {
            Map<String, Object> row = row(h, id).orElseThrow(() -> ApiException.notFound("token",
                    id));
            if (row.get("revoked_at") != null || (row.get("expires_at") != null
                    && asLong(row.get("expires_at")) <= now)) {
                throw ApiException.conflict("Token " + id + " is revoked or expired; create a "
                        + "new token instead");
            }
            checkWithin(parseScopes(List.of(((String) row.get("scopes")).split(","))), caller);
            h.createUpdate("""
                    UPDATE tokens SET previous_hash = :previous, previous_expires_at = :graceEnds,
                        secret_hash = :hash, hash_scheme = 'hmac', rotated_at = :now
                    WHERE id = :id""")
                    .bind("previous", graceSeconds == 0 ? null : row.get("secret_hash"))
                    .bind("graceEnds", graceSeconds == 0 ? null : now + graceSeconds * 1000)
                    .bind("hash", hasher.hash(secret))
                    .bind("now", now)
                    .bind("id", id)
                    .execute();
        });

        return new Issued(get(id).orElseThrow(), secret);
    }

    /**
     * Revokes at once: the next request with this token gets 401. A caller may revoke only a
     * token whose scopes it holds itself, so a narrow token cannot lock out an admin.
     *
     * @throws TokenException.Escalation when the token holds scopes the caller does not
     */
    public boolean revoke(String id, Principal caller) {
        if (!checkCallerCovers(id, caller)) {
            return false;
        }
        return store.inTransaction(h -> h.createUpdate("""
                UPDATE tokens SET revoked_at = :now, previous_hash = NULL
                WHERE id = :id AND revoked_at IS NULL""")
                .bind("now", System.currentTimeMillis())
                .bind("id", id)
                .execute()) > 0;
    }

    /**
     * Changing, rotating or revoking a token is as strong as holding it, so the caller must
     * hold every scope the token holds now.
     *
     * @return false when there is no such token
     * @throws TokenException.Escalation when the token holds scopes the caller does not
     */
    private boolean checkCallerCovers(String id, Principal caller) {
        Optional<String> scopes = store.read(h -> h.createQuery(
                        "SELECT scopes FROM tokens WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne());
        if (scopes.isEmpty()) {
            return false;
        }
        checkWithin(parseScopes(List.of(scopes.get().split(","))), caller);
        return true;
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

    private static Optional<Map<String, Object>> row(Handle h, String id) {
        return h.createQuery("SELECT * FROM tokens WHERE id = :id")
                .bind("id", id)
                .mapToMap()
                .findOne();
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
        view.put("created_by", row.get("created_by"));
        view.put("last_used_at", Times.format(toLong(row.get("last_used_at"))));
        view.put("expires_at", Times.format(toLong(row.get("expires_at"))));
        view.put("rotated_at", Times.format(toLong(row.get("rotated_at"))));
        view.put("previous_secret_expires_at", row.get("previous_hash") == null ? null
                : Times.format(toLong(row.get("previous_expires_at"))));
        view.put("revoked", row.get("revoked_at") != null);
        return view;
    }

    private static Long toLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
