package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionbox.store.Dialect;
import dev.actionbox.store.StoreConfig;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the store is chosen and sized from flags and the environment. */
class StoreOptionsTest {

    @TempDir
    Path dataDir;

    @Test
    void storeConfig_nothingSet_sqliteInTheDataFolder() {
        StoreConfig config = options().storeConfig(Settings.load(Map.of(), dataDir));

        assertThat(config.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(config.jdbcUrl()).endsWith(StoreConfig.SQLITE_FILE);
    }

    @Test
    void storeConfig_databaseAndPoolFromEnvironment_postgresWithThoseSettings() {
        Map<String, String> env = Map.of(
                "ACTIONBOX_DB", "jdbc:postgresql://127.0.0.1:5432/actionbox",
                "ACTIONBOX_DB_USER", "actionbox",
                "ACTIONBOX_DB_POOL_SIZE", "12",
                "ACTIONBOX_DB_CONNECT_TIMEOUT_MS", "1500",
                "ACTIONBOX_DB_SOCKET_TIMEOUT_MS", "0");

        StoreConfig config = options().storeConfig(Settings.load(env, dataDir));

        assertThat(config.dialect()).isEqualTo(Dialect.POSTGRES);
        assertThat(config.user()).isEqualTo("actionbox");
        assertThat(config.poolSize()).isEqualTo(12);
        assertThat(config.connectTimeoutMillis()).isEqualTo(1500);
        assertThat(config.socketTimeoutMillis()).isZero();
    }

    @Test
    void storeConfig_flagBeatsEnvironment_flagUsed() {
        StoreOptions options = options();
        options.poolSize = 3;

        StoreConfig config = options.storeConfig(Settings.load(
                Map.of("ACTIONBOX_DB_POOL_SIZE", "12"), dataDir));

        assertThat(config.poolSize()).isEqualTo(3);
    }

    @Test
    void storeConfig_timeoutTooShortOrNotANumber_usageErrorNamingTheSetting() {
        assertThatThrownBy(() -> options().storeConfig(Settings.load(
                Map.of("ACTIONBOX_DB_CONNECT_TIMEOUT_MS", "10"), dataDir)))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("ACTIONBOX_DB_CONNECT_TIMEOUT_MS");
        assertThatThrownBy(() -> options().storeConfig(Settings.load(
                Map.of("ACTIONBOX_DB_POOL_SIZE", "many"), dataDir)))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("ACTIONBOX_DB_POOL_SIZE");
    }

    @Test
    void storeConfig_valuesBelowTheirMinimum_usageErrorNamingFlagAndVariable() {
        assertUsageError(Map.of("ACTIONBOX_DB_POOL_SIZE", "0"))
                .hasMessage("--db-pool-size (ACTIONBOX_DB_POOL_SIZE) must be at least 1, was 0");
        assertUsageError(Map.of("ACTIONBOX_DB_CONNECT_TIMEOUT_MS", "10"))
                .hasMessage("--db-connect-timeout-ms (ACTIONBOX_DB_CONNECT_TIMEOUT_MS) must be at "
                        + "least 250, was 10");
        assertUsageError(Map.of("ACTIONBOX_DB_SOCKET_TIMEOUT_MS", "-5"))
                .hasMessage("--db-socket-timeout-ms (ACTIONBOX_DB_SOCKET_TIMEOUT_MS) must be at "
                        + "least 0, was -5");
    }

    @Test
    void storeConfig_flagBelowMinimum_usageErrorNamingFlagAndVariable() {
        StoreOptions options = options();
        options.poolSize = 0;

        assertThatThrownBy(() -> options.storeConfig(Settings.load(Map.of(), dataDir)))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("--db-pool-size (ACTIONBOX_DB_POOL_SIZE)");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertUsageError(
            Map<String, String> env) {
        return assertThatThrownBy(() -> options().storeConfig(Settings.load(env, dataDir)))
                .isInstanceOf(CliException.class)
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(2));
    }

    private StoreOptions options() {
        StoreOptions options = new StoreOptions();
        options.data = dataDir;
        return options;
    }
}
