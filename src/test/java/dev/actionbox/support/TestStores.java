package dev.actionbox.support;

import dev.actionbox.store.StoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The store integration tests run against: SQLite in a temporary folder by default, or a fresh
 * PostgreSQL database per test when {@code -Dactionbox.test.store=postgres} (the Maven profile
 * {@code postgres}). Each PostgreSQL database is dropped after its test.
 */
public final class TestStores {

    public static final String PG_ADMIN_URL = System.getProperty("actionbox.test.pg.url",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String PG_USER = System.getProperty("actionbox.test.pg.user", "postgres");

    private TestStores() {
    }

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("actionbox.test.store", "sqlite"));
    }

    /** A fresh, empty store config; call {@link #drop} with it when done. */
    public static StoreConfig fresh(Path tempDir) {
        if (!postgres()) {
            return StoreConfig.sqlite(tempDir);
        }
        String name = "actionbox_test_" + UUID.randomUUID().toString().replace("-", "");
        admin("CREATE DATABASE " + name);
        String url = PG_ADMIN_URL.substring(0, PG_ADMIN_URL.lastIndexOf('/') + 1) + name;
        return StoreConfig.postgres(url, PG_USER, null);
    }

    public static void drop(StoreConfig config) {
        if (!config.jdbcUrl().startsWith("jdbc:postgresql:")) {
            return;
        }
        String name = config.jdbcUrl().substring(config.jdbcUrl().lastIndexOf('/') + 1);
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_ADMIN_URL + " refused '" + sql
                    + "': " + e.getMessage(), e);
        }
    }
}
