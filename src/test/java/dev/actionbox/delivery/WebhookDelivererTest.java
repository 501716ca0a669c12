package dev.actionbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionbox.store.Rows;
import dev.actionbox.store.Store;
import dev.actionbox.store.StoreConfig;
import dev.actionbox.support.TestStores;
import dev.actionbox.support.WebhookReceiver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
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
                Map.of("webhook-id", "forged", "User-Agent", "forged"));

        try (WebhookDeliverer deliverer = deliverer("127.0.0.1/32")) {
            deliverer.deliverDue(10);
        }

        WebhookReceiver.Received got = receiver.received().get(0);
        assertThat(got.header("webhook-id")).isEqualTo(id);
        assertThat(got.header("User-Agent")).isEqualTo("Actionbox-Webhooks/1");
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
