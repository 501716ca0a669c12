package dev.actionbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionbox.store.StoreConfig;
import dev.actionbox.support.TestServer;
import dev.actionbox.support.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes of a new cluster started at the same moment on one empty store. */
class ConcurrentStartTest {

    @TempDir
    Path dataDir;

    private final List<TestServer> nodes = new ArrayList<>();
    private StoreConfig store;

    @AfterEach
    void stop() {
        nodes.forEach(TestServer::close);
        if (store != null) {
            TestStores.drop(store);
        }
    }

    @Test
    void threeNodes_startTogetherOnAnEmptyStore_allServeAndShareOneDefaultInbox()
            throws Exception {
        store = TestStores.fresh(dataDir);
        CyclicBarrier together = new CyclicBarrier(3);
        ExecutorService starters = Executors.newFixedThreadPool(3);
        List<Future<TestServer>> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path nodeDir = dataDir.resolve("node-" + i);
            started.add(starters.submit(() -> {
                together.await();
                return TestServer.startOn(nodeDir, store);
            }));
        }
        for (Future<TestServer> node : started) {
            nodes.add(node.get());
        }
        starters.shutdown();

        assertThat(nodes).allSatisfy(node -> {
            assertThat(node.http(null).get("/v1/health").status()).isEqualTo(200);
            assertThat(node.server().inboxes()).hasSize(1);
        });
    }
}
