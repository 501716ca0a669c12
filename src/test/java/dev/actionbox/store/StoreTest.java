package dev.actionbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionbox.support.TestStores;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, migrating and classifying failures, on the store the suite runs against. */
class StoreTest {

    @TempDir
    Path dataDir;

    private StoreConfig config;

    @BeforeEach
    void freshStore() {
        config = TestStores.fresh(dataDir);
    }

    @AfterEach
    void dropStore() {
        TestStores.drop(config);
    }

    @Test
    void open_fourNodesAtOnceOnAFreshDatabase_migrateOnceAndAllStart() throws Exception {
        int nodes = 4;
        CyclicBarrier start = new CyclicBarrier(nodes);
        ExecutorService threads = Executors.newFixedThreadPool(nodes);
        List<Future<Store>> opened = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            opened.add(threads.submit(() -> {
                start.await();
                return Store.open(config);
            }));
        }
        List<Store> stores = new ArrayList<>();
        try {
            for (Future<Store> future : opened) {
                stores.add(future.get());
            }

            List<String> versions = stores.get(0).read(h -> h.createQuery("""
                    SELECT version FROM flyway_schema_history
                    WHERE version IS NOT NULL ORDER BY installed_rank""")
                    .mapTo(String.class).list());
            assertThat(versions).isNotEmpty().doesNotHaveDuplicates();
            assertThat(stores).allSatisfy(store -> assertThat(store.isReachable()).isTrue());
        } finally {
            stores.forEach(Store::close);
            threads.shutdownNow();
        }
    }

    @Test
    void open_again_appliesNoMigrationTwice() {
        try (Store first = Store.open(config)) {
            assertThat(first.isReachable()).isTrue();
        }
        try (Store second = Store.open(config)) {
            int rows = second.read(h -> h.createQuery(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL")
                    .mapTo(Integer.class).one());
            int distinct = second.read(h -> h.createQuery("""
                    SELECT COUNT(DISTINCT version) FROM flyway_schema_history
                    WHERE version IS NOT NULL""").mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(distinct).isPositive();
        }
    }

    @Test
    void isUnavailable_poolTimeoutOrConnectionState_true() {
        SQLException refused = new SQLException("Connection refused", "08001");
        SQLException shutdown = new SQLException("terminating connection", "57P01");
        SQLTransientConnectionException poolTimeout =
                new SQLTransientConnectionException("request timed out after 3000ms");

        assertThat(Store.isUnavailable(refused)).isTrue();
        assertThat(Store.isUnavailable(new UnableToExecuteStatementException(shutdown, null)))
                .isTrue();
        assertThat(Store.isUnavailable(new IllegalStateException(poolTimeout))).isTrue();
    }

    @Test
    void isUnreachable_poolTimeoutWithOrWithoutAFailedConnection_onlyTheFailureIsAnOutage() {
        SQLTransientConnectionException busy =
                new SQLTransientConnectionException("request timed out after 3000ms");
        SQLTransientConnectionException down = new SQLTransientConnectionException(
                "request timed out after 3000ms", "08001",
                new SQLException("Connection refused", "08001"));

        assertThat(Store.isUnreachable(busy)).isFalse();
        assertThat(Store.isUnreachable(down)).isTrue();
        assertThat(Store.isUnavailable(busy)).isTrue();
    }

    @Test
    void isUnavailable_constraintOrSyntaxError_false() {
        SQLException unique = new SQLException("duplicate key value", "23505");
        SQLException syntax = new SQLException("syntax error", "42601");

        assertThat(Store.isUnavailable(unique)).isFalse();
        assertThat(Store.isUnavailable(syntax)).isFalse();
        assertThat(Store.isUnavailable(new IllegalArgumentException("bad input"))).isFalse();
    }
}
