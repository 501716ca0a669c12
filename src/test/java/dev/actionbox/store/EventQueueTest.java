package dev.actionbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionbox.support.TestServer;
import dev.actionbox.support.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims and leases of the durable event queue, as several nodes use them at once. */
class EventQueueTest {

    @TempDir
    Path dataDir;

    private StoreConfig config;
    private Store store;
    private EventQueue queue;

    @BeforeEach
    void open() {
        config = TestStores.fresh(dataDir);
        store = Store.open(config);
        queue = new EventQueue(store);
    }

    @AfterEach
    void close() {
        store.close();
        TestStores.drop(config);
    }

    @Test
    void claim_leaseOfADeadOwnerRunsOut_anotherOwnerTakesTheEvent() {
        String id = enqueue(1).get(0);

        List<EventQueue.Event> first = queue.claim("node-a", 10, 300);
        List<EventQueue.Event> whileLeased = queue.claim("node-b", 10, 60_000);
        assertThat(first).extracting(EventQueue.Event::id).containsExactly(id);
        assertThat(whileLeased).isEmpty();

        List<EventQueue.Event> retaken = new ArrayList<>();
        TestServer.await(() -> retaken.addAll(queue.claim("node-b", 10, 60_000)),
                Duration.ofSeconds(5), "the lease to run out");
        assertThat(retaken).extracting(EventQueue.Event::id).containsExactly(id);
        assertThat(retaken.get(0).attempts()).isEqualTo(2);
    }

    @Test
    void claim_fourOwnersAtOnce_eachEventGoesToExactlyOne() throws Exception {
        List<String> ids = enqueue(300);
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService owners = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        for (int owner = 0; owner < 4; owner++) {
            String name = "node-" + owner;
            runs.add(owners.submit(() -> {
                start.await();
                List<EventQueue.Event> batch;
                do {
                    batch = queue.claim(name, 7, 60_000);
                    batch.forEach(event -> claimed.add(event.id()));
                } while (!batch.isEmpty());
                return null;
            }));
        }
        start.countDown();
        for (Future<?> run : runs) {
            run.get();
        }
        owners.shutdown();

        assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void release_claimedButUnstarted_readyAgainWithoutCountingAnAttempt() {
        String id = enqueue(1).get(0);
        queue.claim("node-a", 10, 60_000);

        queue.release("node-b", List.of(id));
        assertThat(queue.claim("node-c", 10, 60_000)).as("another owner cannot release it")
                .isEmpty();
        queue.release("node-a", List.of(id));
        List<EventQueue.Event> again = queue.claim("node-c", 10, 60_000);

        assertThat(again).extracting(EventQueue.Event::id).containsExactly(id);
        assertThat(again.get(0).attempts()).isEqualTo(1);
    }

    @Test
    void complete_doneEvent_neverClaimedAgain() {
        String id = enqueue(1).get(0);
        queue.claim("node-a", 10, 1);

        store.useTransaction(h -> EventQueue.complete(h, id));

        assertThat(queue.claim("node-b", 10, 60_000)).isEmpty();
        assertThat(queue.pending()).isZero();
    }

    private List<String> enqueue(int count) {
        List<String> ids = new ArrayList<>();
        store.useTransaction(h -> {
            for (int i = 0; i < count; i++) {
                ids.add(EventQueue.enqueue(h, "test_event", Map.of("n", i), 0));
            }
        });
        return ids;
    }
}
