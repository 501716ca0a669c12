package dev.actionbox.cli;

import dev.actionbox.store.StoreConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags that choose the store; shared by every command that opens it. */
final class StoreOptions {

    /** HikariCP refuses to wait less for a connection; StoreConfig holds the same floor. */
    private static final long MIN_CONNECT_TIMEOUT_MILLIS = 250;
    private static final NumberSetting POOL_SIZE =
            new NumberSetting("--db-pool-size", "ACTIONBOX_DB_POOL_SIZE");
    private static final NumberSetting CONNECT_TIMEOUT =
            new NumberSetting("--db-connect-timeout-ms", "ACTIONBOX_DB_CONNECT_TIMEOUT_MS");
    private static final NumberSetting SOCKET_TIMEOUT =
            new NumberSetting("--db-socket-timeout-ms", "ACTIONBOX_DB_SOCKET_TIMEOUT_MS");

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder (SQLite file, actionbox.toml); env ACTIONBOX_DATA; "
                    + "default ./data")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Use this database instead of SQLite in the data folder, e.g. "
                    + "jdbc:postgresql://127.0.0.1:5432/actionbox; env ACTIONBOX_DB "
                    + "(user and password: env ACTIONBOX_DB_USER, ACTIONBOX_DB_PASSWORD)")
    String db;

    @Option(names = "--db-pool-size", paramLabel = "N",
            description = "Most database connections this node holds; env "
                    + "ACTIONBOX_DB_POOL_SIZE; default " + StoreConfig.POSTGRES_POOL_SIZE
                    + " on PostgreSQL, " + StoreConfig.SQLITE_POOL_SIZE + " on SQLite")
    Integer poolSize;

    @Option(names = "--db-connect-timeout-ms", paramLabel = "MS",
            description = "How long a call waits for a database connection before SMTP "
                    + "answers 451 and the API 503; env ACTIONBOX_DB_CONNECT_TIMEOUT_MS; "
                    + "default 3000 on PostgreSQL")
    Long connectTimeoutMillis;

    @Option(names = "--db-socket-timeout-ms", paramLabel = "MS",
            description = "How long a PostgreSQL statement may wait on the network (0 = "
                    + "forever); env ACTIONBOX_DB_SOCKET_TIMEOUT_MS; default 60000")
    Long socketTimeoutMillis;

    Path dataDir(Settings settings) {
        return data != null ? data : Path.of(settings.env("ACTIONBOX_DATA", "./data"));
    }

    /** The store: --db, then ACTIONBOX_DB, then actionbox.toml's db, then SQLite in DATA. */
    StoreConfig storeConfig(Settings settings) {
        String url = db != null ? db : settings.get("ACTIONBOX_DB", "db", null);
        StoreConfig config = url == null || url.isBlank()
                ? StoreConfig.sqlite(settings.dataDir())
                : StoreConfig.postgres(url.trim(),
                        settings.get("ACTIONBOX_DB_USER", "db_user", null),
                        settings.get("ACTIONBOX_DB_PASSWORD", "db_password", null));
        int pool = POOL_SIZE.readInt(poolSize, settings, config.poolSize(), 1);
        long connect = CONNECT_TIMEOUT.read(connectTimeoutMillis, settings,
                config.connectTimeoutMillis(), MIN_CONNECT_TIMEOUT_MILLIS);
        long socket = SOCKET_TIMEOUT.read(socketTimeoutMillis, settings,
                config.socketTimeoutMillis(), 0);
        try {
            return config.withPoolSize(pool).withTimeouts(connect, socket);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }
}
