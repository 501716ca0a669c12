package dev.actionbox.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives, how many connections it may hold and how long it waits for them.
 *
 * @param jdbcUrl a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
 * @param user database user, or null (SQLite, or PostgreSQL trust auth)
 * @param password database password, or null
 * @param poolSize the most connections open at once
 * @param connectTimeoutMillis how long a caller waits for a connection before it fails; SMTP
 *     answers 451 and the API 503 after this long when the database is down
 * @param socketTimeoutMillis how long a PostgreSQL statement may wait on the network before
 *     the connection is given up (0 waits forever); ignored by SQLite
 */
public record StoreConfig(
        String jdbcUrl,
        String user,
        String password,
        int poolSize,
        long connectTimeoutMillis,
        long socketTimeoutMillis) {

    public static final String SQLITE_FILE = "actionbox.db";

    /** SQLite: a few connections; writers queue on the file lock anyway. */
    public static final int SQLITE_POOL_SIZE = 4;

    /**
     * PostgreSQL on a two-core machine: enough connections for the SMTP, API and worker
     * threads to overlap their commits, few enough that two nodes leave the database room.
     */
    public static final int POSTGRES_POOL_SIZE = 8;

    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (poolSize < 1) {
            throw new IllegalArgumentException("The database pool size must be at least 1, was "
                    + poolSize + "; set ACTIONBOX_DB_POOL_SIZE");
        }
        // HikariCP refuses to wait less than 250 ms for a connection.
        if (connectTimeoutMillis < 250) {
            throw new IllegalArgumentException("The database connect timeout must be at least "
                    + "250 ms, was " + connectTimeoutMillis
                    + "; set ACTIONBOX_DB_CONNECT_TIMEOUT_MS");
        }
        if (socketTimeoutMillis < 0) {
            throw new IllegalArgumentException("The database socket timeout must be 0 or more "
                    + "ms, was " + socketTimeoutMillis + "; set ACTIONBOX_DB_SOCKET_TIMEOUT_MS");
        }
    }

    /** The embedded default: one SQLite file inside the data folder. */
    public static StoreConfig sqlite(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(SQLITE_FILE);
        return new StoreConfig("jdbc:sqlite:" + file, null, null, SQLITE_POOL_SIZE, 10_000, 0);
    }

    /** PostgreSQL with the defaults for a two-core machine. */
    public static StoreConfig postgres(String url, String user, String password) {
        return new StoreConfig(url, user, password, POSTGRES_POOL_SIZE, 3_000, 60_000);
    }

    public Dialect dialect() {
        return Dialect.fromJdbcUrl(jdbcUrl);
    }

    public StoreConfig withPoolSize(int size) {
        return new StoreConfig(jdbcUrl, user, password, size, connectTimeoutMillis,
                socketTimeoutMillis);
    }

    public StoreConfig withTimeouts(long connectMillis, long socketMillis) {
        return new StoreConfig(jdbcUrl, user, password, poolSize, connectMillis, socketMillis);
    }

    /** The URL without any password, for logs. */
    public String describe() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    @Override
    public String toString() {
        return "StoreConfig[url=" + describe() + ", user=" + user + ", poolSize=" + poolSize
                + ", connectTimeoutMillis=" + connectTimeoutMillis + ", socketTimeoutMillis="
                + socketTimeoutMillis + "]";
    }
}
