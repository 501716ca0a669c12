package dev.actionbox.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.ConnectionException;
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
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The connection pool, the schema and the transaction boundary that every feature writes
 * through. A call that cannot reach the database fails with {@link StoreUnavailableException}
 * and commits nothing; the store notices by itself when the database answers again.
 * Thread-safe.
 */
public final class Store implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Store.class);
    /** How long a replaced pool keeps serving the calls that already hold its connections. */
    private static final long RETIRE_MILLIS = 15_000;
    /** How long a health answer on PostgreSQL stands before the database is asked again. */
    private static final long REACHABLE_CACHE_MILLIS = 1_000;

    private final StoreConfig config;
    private final AtomicReference<HikariDataSource> pool;
    private volatile boolean reachable;
    private volatile long reachableCheckedAt;
    private final List<HikariDataSource> retired = new CopyOnWriteArrayList<>();
    private final AtomicInteger generation = new AtomicInteger(1);
    private final Jdbi jdbi;
    private final StoreAvailability availability;

    private Store(StoreConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.pool = new AtomicReference<>(dataSource);
        this.jdbi = Jdbi.create(this::connect);
        if (config.dialect() == Dialect.POSTGRES) {
            jdbi.registerArgument(new NulFreeText());
        }
        this.availability = new StoreAvailability(config.describe(),
                config.dialect() == Dialect.POSTGRES ? this::databaseAnswers : null,
                this::renewPool);
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
     * once migrate once: on PostgreSQL Flyway holds an advisory lock while it migrates, and
     * the others wait for it and then find nothing left to do.
     *
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static Store open(StoreConfig config) {
        if (config.dialect() == Dialect.SQLITE) {
            createFolderOf(config.jdbcUrl());
        }
        HikariDataSource dataSource = new HikariDataSource(hikariConfig(config,
                "actionbox-store", true));
        try {
            migrate(config, dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreException("Could not migrate the store at " + config.describe()
                    + ": " + rootMessage(e), e);
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

    private static HikariConfig hikariConfig(StoreConfig config, String name,
            boolean socketTimeout) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.connectTimeoutMillis());
        hikari.setValidationTimeout(Math.max(250, Math.min(1_000,
                config.connectTimeoutMillis() / 2)));
        // Start even when the database is down: the node recovers when it returns.
        hikari.setInitializationFailTimeout(-1);
        if (config.dialect() == Dialect.SQLITE) {
            hikari.setDataSource(sqliteDataSource(config.jdbcUrl()));
        } else {
            hikari.setJdbcUrl(config.jdbcUrl());
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
            hikari.setKeepaliveTime(30_000);
            hikari.setDataSourceProperties(postgresProperties(config, socketTimeout));
        }
        return hikari;
    }

    /**
     * Driver settings for PostgreSQL. Parameters in the JDBC URL win over these. The socket
     * timeout frees a call stuck on a database that stopped answering without closing its
     * connections; migrations run without it, since one may rightly take long.
     */
    private static Properties postgresProperties(StoreConfig config, boolean socketTimeout) {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout",
                Long.toString(Math.max(1, (config.connectTimeoutMillis() + 999) / 1000)));
        if (socketTimeout && config.socketTimeoutMillis() > 0) {
            properties.setProperty("socketTimeout",
                    Long.toString(Math.max(1, (config.socketTimeoutMillis() + 999) / 1000)));
        }
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "actionbox");
        return properties;
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
        if (dialect == Dialect.POSTGRES) {
            try (HikariDataSource noSocketTimeout = new HikariDataSource(hikariConfig(
                    config.withPoolSize(2), "actionbox-migrate", false))) {
                migrate(config, noSocketTimeout, dialect);
            }
        } else {
            migrate(config, dataSource, dialect);
        }
    }

    private static void migrate(StoreConfig config, HikariDataSource dataSource,
            Dialect dialect) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("blob", dialect.blobType()))
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        String version = String.valueOf(flyway.info().current().getVersion());
        log.info("Store ready, url={} schemaVersion={} migrationsApplied={} poolSize={}",
                config.describe(), version, applied, config.poolSize());
    }

    public Dialect dialect() {
        return config.dialect();
    }

    public StoreConfig config() {
        return config;
    }

    /** Direct access for code that needs Jdbi itself; calls made here are not guarded. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Runs the callback in one transaction; it commits when the callback returns.
     *
     * @throws StoreUnavailableException when the database could not be reached; nothing was
     *     committed, unless the connection broke during the commit itself
     */
    public <R> R inTransaction(HandleCallback<R, RuntimeException> callback) {
        return guarded(() -> jdbi.inTransaction(callback));
    }

    /** @throws StoreUnavailableException as {@link #inTransaction} */
    public void useTransaction(HandleConsumer<RuntimeException> callback) {
        guarded(() -> {
            jdbi.useTransaction(callback);
            return null;
        });
    }

    /**
     * Runs a read outside any explicit transaction.
     *
     * @throws StoreUnavailableException when the database could not be reached
     */
    public <R> R read(HandleCallback<R, RuntimeException> callback) {
        return guarded(() -> jdbi.withHandle(callback));
    }

    private <R> R guarded(Supplier<R> call) {
        try {
            R result = call.get();
            availability.up();
            return result;
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!isUnavailable(e)) {
                throw e;
            }
            // A busy pool is load, not an outage: the caller is told to retry, but the
            // store is not marked down, or a long burst would log a flapping outage.
            if (isUnreachable(e)) {
                availability.down(e);
            }
            throw new StoreUnavailableException("The database at " + config.describe()
                    + " is unavailable (" + rootMessage(e) + "); the node keeps trying and "
                    + "serves again when it answers", e);
        }
    }

    /** True when the database answers a connection and a trivial query. */
    public boolean isReachable() {
        if (config.dialect() == Dialect.POSTGRES) {
            // Load balancers ask this while the node is busy: a pooled connection can wait
            // behind the work for the pool's whole timeout and report "down" a database that
            // answers. A connection of its own tells only whether the database is there; the
            // probe thread ends an outage as before. The answer is kept a second, so that
            // health checks and scrapes open at most one connection a second between them.
            long now = System.currentTimeMillis();
            if (now - reachableCheckedAt >= REACHABLE_CACHE_MILLIS) {
                reachable = databaseAnswers();
                reachableCheckedAt = System.currentTimeMillis();
            }
            return reachable;
        }
        try (Connection connection = connect()) {
            boolean valid = connection.isValid(2);
            if (valid) {
                availability.up();
            }
            return valid;
        } catch (SQLException e) {
            if (isUnreachable(e)) {
                availability.down(e);
            }
            return false;
        }
    }

    /**
     * True when a call failed because the database could not be reached or had no connection
     * free in time, rather than because of what the call asked: worth retrying later.
     */
    public static boolean isUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException || t instanceof ConnectionException) {
                return true;
            }
        }
        return isUnreachable(error) || isBusy(error);
    }

    /** The database refused or lost the connection: an outage, not a busy moment. */
    static boolean isUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // HikariCP's wait timeout carries the last failed connection attempt as its cause
            // when there was one; without a cause, the pool was only busy.
            if (t instanceof SQLTransientConnectionException && t.getCause() != null) {
                return true;
            }
            if (t instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Every connection was in use for the whole wait, or SQLite stayed locked as long. */
    private static boolean isBusy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException && t.getCause() == null) {
                return true;
            }
            if (t instanceof SQLiteException sqlite
                    && sqlite.getResultCode().code == SQLiteErrorCode.SQLITE_BUSY.code) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes that mean the server or the connection is gone: 08 (connection
     * exception), 57P01 to 57P03 (the server is shutting down, crashed or still starting) and
     * 53300 (too many connections).
     */
    private static boolean isUnavailableState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01")
                || state.equals("57P02") || state.equals("57P03") || state.equals("53300"));
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

    /** The innermost cause as "Type: message", for logs and error messages. */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * A connection from the pool. A call that waited on a pool which was renewed meanwhile
     * (the database came back during its wait) tries the new pool once rather than fail.
     */
    private Connection connect() throws SQLException {
        HikariDataSource used = pool.get();
        try {
            return used.getConnection();
        } catch (SQLException e) {
            HikariDataSource current = pool.get();
            if (current == used) {
                throw e;
            }
            try {
                return current.getConnection();
            } catch (SQLException again) {
                again.addSuppressed(e);
                throw again;
            }
        }
    }

    /** Opens a connection outside the pool, to learn whether the database is back. */
    private boolean databaseAnswers() {
        Properties properties = postgresProperties(config, true);
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), properties)) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Replaces a pool that holds no connection with a fresh one. HikariCP retries a failed
     * connection with a back-off that grows to 5 seconds, so after a long outage the old pool
     * may wait that long before it tries again; a new pool connects at once. The old pool
     * stays open a while for calls that already wait on it.
     */
    private void renewPool() {
        HikariDataSource current = pool.get();
        if (current.getHikariPoolMXBean() != null
                && current.getHikariPoolMXBean().getTotalConnections() > 0) {
            return;
        }
        HikariDataSource fresh = new HikariDataSource(hikariConfig(config,
                "actionbox-store-" + generation.incrementAndGet(), true));
        if (!pool.compareAndSet(current, fresh)) {
            fresh.close();
            return;
        }
        retired.add(current);
        availability.later(() -> {
            current.close();
            retired.remove(current);
        }, RETIRE_MILLIS);
        log.info("Store connection pool renewed after an outage, url={} pool={}",
                config.describe(), fresh.getPoolName());
    }

    Handle openHandle() {
        return jdbi.open();
    }

    @Override
    public void close() {
        availability.close();
        pool.get().close();
        retired.forEach(HikariDataSource::close);
    }
}
