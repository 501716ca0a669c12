package dev.actionbox.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pool, the schema and the transaction boundary that every feature writes
 * through. Thread-safe.
 */
public final class Store implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Store.class);

    private final StoreConfig config;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Store(StoreConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        if (config.dialect() == Dialect.POSTGRES) {
            jdbi.registerArgument(new NulFreeText());
        }
    }

    /**
     * PostgreSQL text cannot hold U+0000, and mail from the wild (or a hostile upload) has it
     * now and then; dropping the character lets such a message be stored instead of failing
     * its transaction on every retry. SQLite keeps it.
     */
    private static final class NulFreeText extends AbstractArgumentFactory<String> {
        NulFreeText() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(String value, ConfigRegistry config) {
            String text = value.indexOf('\0') < 0 ? value : value.replace("\0", "");
            return (position, statement, context) -> statement.setString(position, text);
        }
    }

    /**
     * Opens the pool and brings the schema to the newest version. Several nodes starting at
     * once migrate once: Flyway holds a lock in the database while it migrates.
     *
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static Store open(StoreConfig config) {
        if (config.dialect() == Dialect.SQLITE) {
            createFolderOf(config.jdbcUrl());
        }
        HikariDataSource dataSource = new HikariDataSource(hikariConfig(config));
        try {
            migrate(config, dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreException("Could not migrate the store at " + config.describe()
                    + ": " + e.getMessage(), e);
        }
        return new Store(config, dataSource);
    }

    private static void createFolderOf(String sqliteUrl) {
        Path file = Path.of(sqliteUrl.substring("jdbc:sqlite:".length()));
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StoreException("Cannot create the data folder " + folder + ": "
                    + e.getMessage() + "; choose another with --data or ACTIONBOX_DATA", e);
        }
    }

    private static HikariConfig hikariConfig(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("actionbox-store");
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.connectTimeoutMillis());
        // Start even when the database is down: the node recovers when it returns.
        hikari.setInitializationFailTimeout(-1);
        if (config.dialect() == Dialect.SQLITE) {
            hikari.setDataSource(sqliteDataSource(config.jdbcUrl()));
        } else {
            hikari.setJdbcUrl(config.jdbcUrl());
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
        }
        return hikari;
    }

    private static SQLiteDataSource sqliteDataSource(String url) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(30_000);
        sqlite.enforceForeignKeys(true);
        // A deferred transaction that reads and then writes can fail at once with
        // SQLITE_BUSY when another writer got there first; starting every transaction as a
        // writer makes concurrent writers wait on the busy timeout instead.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(url);
        return dataSource;
    }

    private static void migrate(StoreConfig config, HikariDataSource dataSource) {
        Dialect dialect = config.dialect();
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("blob", dialect.blobType()))
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        String version = String.valueOf(flyway.info().current().getVersion());
        log.info("Store ready, url={} schemaVersion={} migrationsApplied={}",
                config.describe(), version, applied);
    }

    public Dialect dialect() {
        return config.dialect();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runs the callback in one transaction; it commits when the callback returns. */
    public <R> R inTransaction(HandleCallback<R, RuntimeException> callback) {
        return jdbi.inTransaction(callback);
    }

    public void useTransaction(HandleConsumer<RuntimeException> callback) {
        jdbi.useTransaction(callback);
    }

    /** Runs a read outside any explicit transaction. */
    public <R> R read(HandleCallback<R, RuntimeException> callback) {
        return jdbi.withHandle(callback);
    }

    /** True when a connection can be had and answers a trivial query. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public static boolean isUniqueViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage());
                if ("23505".equals(state) || message.contains("UNIQUE constraint failed")
                        || message.contains("PRIMARY KEY constraint failed")) {
                    return true;
                }
            }
        }
        return false;
    }

    Handle openHandle() {
        return jdbi.open();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
