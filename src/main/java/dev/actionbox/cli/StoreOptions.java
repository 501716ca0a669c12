package dev.actionbox.cli;

import dev.actionbox.store.StoreConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags that choose the store; shared by every command that opens it. */
final class StoreOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder (SQLite file, actionbox.toml); env ACTIONBOX_DATA; "
                    + "default ./data")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Use this database instead of SQLite in the data folder, e.g. "
                    + "jdbc:postgresql://127.0.0.1:5432/actionbox; env ACTIONBOX_DB")
    String db;

    Path dataDir(Settings settings) {
        return data != null ? data : Path.of(settings.env("ACTIONBOX_DATA", "./data"));
    }

    /** The store: --db, then ACTIONBOX_DB, then actionbox.toml's db, then SQLite in DATA. */
    StoreConfig storeConfig(Settings settings) {
        String url = db != null ? db : settings.get("ACTIONBOX_DB", "db", null);
        if (url == null || url.isBlank()) {
            return StoreConfig.sqlite(settings.dataDir());
        }
        StoreConfig config = StoreConfig.postgres(url,
                settings.get("ACTIONBOX_DB_USER", "db_user", null),
                settings.get("ACTIONBOX_DB_PASSWORD", "db_password", null));
        String pool = settings.get("ACTIONBOX_DB_POOL_SIZE", "db_pool_size", null);
        return pool == null ? config : config.withPoolSize(Integer.parseInt(pool.trim()));
    }
}
