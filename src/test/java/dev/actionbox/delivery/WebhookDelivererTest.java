package dev.actionbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionbox.store.Rows;
import dev.actionbox.store.Store;
import dev.actionbox.store.StoreConfig;
import dev.actionbox.support.TestServer;
import dev.actionbox.support.TestStores;
import dev.actionbox.support.WebhookReceiver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery against a real HTTP receiver on loopback. Host names here end in {@code .test} and
 * only the guard's lookup knows them, so a delivery that arrives proves the client connected to
 * the address the guard checked instead of asking DNS again.
 */
class WebhookDelivererTest {

    @TempDir
    Path dataDir;

    private StoreConfig config;
    private Store store;
    private WebhookReceiver receiver;
    private final AtomicInteger lookups = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        config = TestStores.fresh(dataDir);
        store = Store.open(config);
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void close() {
        receiver.close();
        store.close();
        TestStores.drop(config);
    }

    @Test
    void deliverDue_nameOnlyTheGuardKnows_connectsToTheCheckedAddressOnce() {
        String id = enqueue("http://hooks.pinned.test:" + receiver.port() + "/in",
                Map.of("X-Team", "ops"));

        try (WebhookDeliverer deliverer = deliverer("127.0.0.1/32")) {
            assertThat(deliverer.deliverDue(10)).isEqualTo(1);
        }

        assertThat(receiver.received()).hasSize(1);
        WebhookReceiver.Received got = receiver.received().get(0);
        assertThat(got.header("Host")).isEqualTo("hooks.pinned.test:" + receiver.port());
        assertThat(got.header("X-Team")).isEqualTo("ops");
        assertThat(got.header("webhook-id")).isEqualTo(id);
        assertThat(got.header("webhook-signature")).startsWith("v1,");
        assertThat(lookups).hasValue(1);
        assertThat(status(id)).isEqualTo("delivered");
    }

    @Test
    void deliverDue_nameThatResolvesToLoopback_isDeadWithoutAConnection() {
        String id = enqueue("http://rebind.pinned.test:" + receiver.port() + "/in", Map.of());

        try (WebhookDeliverer deliverer = deliverer("")) {
            deliverer.deliverDue(10);
        }

        assertThat(receiver.received()).isEmpty();
        assertThat(status(id)).isEqualTo("dead");
        assertThat(row(id).get("last_error").toString())
                .contains("127.0.0.1", "ACTIONBOX_WEBHOOK_ALLOW");
    }

    @Test
    void deliverDue_storedHeaderNamesTheSignature_theDelivererStillSetsItsOwn() {
        String id = enqueue("http://hooks.pinned.test:" + receiver.port() + "/in",
                Map.of("webhook-id", "forged", "User-Agent", "forged", "Host", "intranet"));

        try (WebhookDeliverer deliverer = deliverer("127.0.0.1/32")) {
            deliverer.deliverDue(10);
        }

        WebhookReceiver.Received got = receiver.received().get(0);
        assertThat(got.header("webhook-id")).isEqualTo(id);
        assertThat(got.header("User-Agent")).isEqualTo("Actionbox-Webhooks/1");
        assertThat(got.header("Host")).isEqualTo("hooks.pinned.test:" + receiver.port());
    }

    @Test
    void deliverDue_receiverAnswers503_staysPendingForARetry() {
        receiver.failNext(1);
        String id = enqueue("http://hooks.pinned.test:" + receiver.port() + "/in", Map.of());

        try (WebhookDeliverer deliverer = deliverer("127.0.0.1/32")) {
            deliverer.deliverDue(10);
        }

        assertThat(status(id)).isEqualTo("pending");
        assertThat(row(id).get("last_error")).isEqualTo("HTTP 503");
    }

    @Test
    void deliverDue_oneSlowReceiver_doesNotHoldUpTheNext() {
        receiver.answerSlowPathsAfter(Duration.ofSeconds(4));
        String slow = enqueue("http://hooks.pinned.test:" + receiver.port() + "/slow", Map.of());
        String fast = enqueue("http://hooks.pinned.test:" + receiver.port() + "/fast", Map.of());

        try (WebhookDeliverer deliverer = deliverer("127.0.0.1/32")) {
            assertThat(deliverer.deliverDue(10)).isEqualTo(2);

            TestServer.await(() -> "delivered".equals(status(fast)), Duration.ofSeconds(3),
                    "the fast delivery while the slow one is still being answered");
            assertThat(status(slow)).isEqualTo("pending");
        }

        assertThat(status(slow)).isEqualTo("delivered");
    }

    @Test
    void deliverDue_moreDueThanSendSlots_leavesTheRestUnclaimedForAnyNode() {
        receiver.answerSlowPathsAfter(Duration.ofSeconds(2));
        int due = WebhookDeliverer.SEND_SLOTS + 3;
        for (int i = 0; i < due; i++) {
            enqueue("http://hooks.pinned.test:" + receiver.port() + "/slow/" + i, Map.of());
        }

        try (WebhookDeliverer deliverer = deliverer("127.0.0.1/32")) {
            int started = deliverer.deliverDue(20);
            int whileBusy = deliverer.deliverDue(20);

            assertThat(started).isEqualTo(WebhookDeliverer.SEND_SLOTS);
            assertThat(whileBusy).isZero();
            int unclaimed = store.read(h -> h.createQuery("SELECT COUNT(*) FROM "
                    + "webhook_deliveries WHERE lease_owner IS NULL AND status = 'pending'")
                    .mapTo(Integer.class).one());
            assertThat(unclaimed).isEqualTo(3);
        }
    }

    @Test
    void deliverDue_receiverClosesWithoutAnswering_recordsAShortReason() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                try (java.net.Socket socket = silent.accept()) {
                    socket.getInputStream().read(new byte[256]);
                } catch (java.io.IOException ignored) {
                    // the test only needs the connection to end without an answer
                }
            });
            closer.start();
            String id = enqueue("http://hooks.pinned.test:" + silent.getLocalPort() + "/in",
                    Map.of());

            try (WebhookDeliverer deliverer = deliverer("127.0.0.1/32")) {
                deliverer.deliverDue(10);
            }
            closer.join(5_000);

            assertThat(status(id)).isEqualTo("pending");
            assertThat(row(id).get("last_error").toString())
                    .isEqualTo("the receiver closed the connection without answering");
        }
    }

    private WebhookDeliverer deliverer(String allow) {
        AddressGuard guard = new AddressGuard(allow, host -> {
            lookups.incrementAndGet();
            if (!host.endsWith(".pinned.test")) {
                throw new UnknownHostException(host + " is not a test host");
            }
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        });
        return new WebhookDeliverer(store, guard, "node-test");
    }

    private String enqueue(String url, Map<String, String> headers) {
        return store.inTransaction(h -> WebhookOutbox.enqueue(h, new WebhookOutbox.Request(url,
                "task.created", "whsec_test", headers, Map.of("task_id", "tsk_1"), null, null,
                null)));
    }

    private Map<String, Object> row(String id) {
        return store.read(h -> h.createQuery("SELECT * FROM webhook_deliveries WHERE id = :id")
                .bind("id", id).mapToMap().one());
    }

    private String status(String id) {
        return Rows.str(row(id), "status");
    }
}
