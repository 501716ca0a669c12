package dev.actionbox.support;

import dev.actionbox.store.StoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a test node's store fail until closed, the way an outage looks to the node: for
 * PostgreSQL the database refuses connections and the node's open ones are cut; for SQLite
 * (one file, no server to stop) every insert of a message fails, as on a full disk.
 */
public final class StoreOutage implements AutoCloseable {

    private final StoreConfig config;
    private final Connection lockHolder;

    private StoreOutage(StoreConfig config, Connection lockHolder) {
        this.config = config;
        this.lockHolder = lockHolder;
    }

    public static StoreOutage begin(StoreConfig config) throws SQLException {
        if (config.jdbcUrl().startsWith("jdbc:sqlite:")) {
            Connection connection = DriverManager.getConnection(config.jdbcUrl());
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TRIGGER test_outage BEFORE INSERT ON messages "
                        + "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
            }
            return new StoreOutage(config, connection);
        }
        String name = databaseName(config);
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + name + "' AND pid <> pg_backend_pid()");
        return new StoreOutage(config, null);
    }

    @Override
    public void close() throws SQLException {
        if (lockHolder != null) {
            try (Statement statement = lockHolder.createStatement()) {
                statement.execute("DROP TRIGGER test_outage");
            }
            lockHolder.close();
            return;
        }
        admin("ALTER DATABASE " + databaseName(config) + " ALLOW_CONNECTIONS true");
    }

    private static String databaseName(StoreConfig config) {
        String url = config.jdbcUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestStores.PG_ADMIN_URL,
                TestStores.PG_USER, null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
