package dev.actionbox.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives and how many connections it may hold.
 *
 * @param jdbcUrl a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
 * @param user database user, or null (SQLite, or PostgreSQL trust auth)
 * @param password database password, or null
 * @param poolSize the most connections open at once
 * @param connectTimeoutMillis how long a caller waits for a connection before failing
 */
public record StoreConfig(
        String jdbcUrl,
        String user,
        String password,
        int poolSize,
        long connectTimeoutMillis) {

    public static final String SQLITE_FILE = "actionbox.db";

    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        }
    }

    /** The embedded default: one SQLite file inside the data folder. */
    public static StoreConfig sqlite(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(SQLITE_FILE);
        return new StoreConfig("jdbc:sqlite:" + file, null, null, 4, 10_000);
    }

    /** PostgreSQL with a pool that suits a two-core machine unless told otherwise. */
    public static StoreConfig postgres(String url, String user, String password) {
        return new StoreConfig(url, user, password, 8, 5_000);
    }

    public Dialect dialect() {
        return Dialect.fromJdbcUrl(jdbcUrl);
    }

    public StoreConfig withPoolSize(int size) {
        return new StoreConfig(jdbcUrl, user, password, size, connectTimeoutMillis);
    }

    /** The URL without any password, for logs. */
    public String describe() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
