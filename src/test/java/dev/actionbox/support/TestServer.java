package dev.actionbox.support;

import dev.actionbox.api.ApiConfig;
import dev.actionbox.delivery.RelayConfig;
import dev.actionbox.intake.SmtpSender;
import dev.actionbox.server.ActionboxServer;
import dev.actionbox.server.ServerConfig;
import dev.actionbox.store.StoreConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A real node on free ports, with its store, for integration tests. */
public final class TestServer implements AutoCloseable {

    private final StoreConfig storeConfig;
    private final Path dataDir;
    private final String webhookAllow;
    private final ApiConfig api;
    private final long maxMessageBytes;
    private final RelayConfig relay;
    private final boolean ownsStore;
    private ActionboxServer server;

    private TestServer(Path dataDir, StoreConfig storeConfig, String webhookAllow, ApiConfig api,
            long maxMessageBytes, RelayConfig relay, boolean ownsStore) {
        this.dataDir = dataDir;
        this.storeConfig = storeConfig;
        this.webhookAllow = webhookAllow;
        this.api = api;
        this.maxMessageBytes = maxMessageBytes;
        this.relay = relay;
        this.ownsStore = ownsStore;
    }

    public static TestServer start(Path dataDir) throws IOException {
        return start(dataDir, "127.0.0.1/32");
    }

    public static TestServer start(Path dataDir, String webhookAllow) throws IOException {
        return start(dataDir, TestStores.fresh(dataDir), webhookAllow,
                ServerConfig.DEFAULT_MAX_MESSAGE_BYTES, null);
    }

    /** A node with its own API settings (CORS, rate limits) and message size limit. */
    public static TestServer start(Path dataDir, String webhookAllow, ApiConfig api,
            long maxMessageBytes) throws IOException {
        return start(dataDir, TestStores.fresh(dataDir), webhookAllow, api, maxMessageBytes,
                null);
    }

    /**
     * A node with its own settings.
     *
     * @param store from {@link TestStores#fresh}; dropped when the node is closed
     * @param relayPort an SMTP relay on 127.0.0.1 for sending drafts, or null for none
     */
    public static TestServer start(Path dataDir, StoreConfig store, String webhookAllow,
            long maxMessageBytes, Integer relayPort) throws IOException {
        return start(dataDir, store, webhookAllow, ApiConfig.defaults(), maxMessageBytes,
                relayPort);
    }

    private static TestServer start(Path dataDir, StoreConfig store, String webhookAllow,
            ApiConfig api, long maxMessageBytes, Integer relayPort) throws IOException {
        RelayConfig relay = new RelayConfig(relayPort == null ? null : "127.0.0.1:" + relayPort,
                null, null, false, "inbox@actionbox.local");
        TestServer test = new TestServer(dataDir, store, webhookAllow, api, maxMessageBytes,
                relay, true);
        test.boot();
        return test;
    }

    /**
     * A node on a store the caller owns, as a second node of a cluster or a node behind a
     * proxy; closing it leaves the store in place.
     */
    public static TestServer startOn(Path dataDir, StoreConfig store) throws IOException {
        TestServer test = new TestServer(dataDir, store, "127.0.0.1/32", ApiConfig.defaults(),
                ServerConfig.DEFAULT_MAX_MESSAGE_BYTES, new RelayConfig(null, null, null, false,
                        "inbox@actionbox.local"), false);
        test.boot();
        return test;
    }

    private void boot() throws IOException {
        server = ActionboxServer.start(new ServerConfig(dataDir, storeConfig, "127.0.0.1", 0,
                "127.0.0.1", 0, maxMessageBytes, webhookAllow, relay, api));
    }

    public StoreConfig storeConfig() {
        return storeConfig;
    }

    /** Stops the node and starts it again on the same store, as an operator restart would. */
    public void restart() throws IOException {
        server.close();
        boot();
    }

    public ActionboxServer server() {
        return server;
    }

    public String baseUrl() {
        return server.httpUrl();
    }

    public String inboxAddress() {
        return (String) server.inboxes().get(0).get("address");
    }

    /** A token with the given scopes, made the way `actionbox token create` makes one. */
    public String token(String... scopes) {
        return server.tokens().create(List.of(scopes), "test", null, null).secret();
    }

    public Http http(String token) {
        return new Http(baseUrl(), token);
    }

    public SmtpSender.Reply sendMail(String from, String raw) throws IOException {
        return sendMail(from, raw.getBytes(StandardCharsets.UTF_8));
    }

    public SmtpSender.Reply sendMail(String from, byte[] raw) throws IOException {
        return new SmtpSender("127.0.0.1", server.smtpPort())
                .send(from, List.of(inboxAddress()), raw);
    }

    /** Waits until the queued events are processed. */
    public void awaitIdle() {
        await(server::idle, Duration.ofSeconds(20), "the event queue to drain");
    }

    public static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (ownsStore) {
            TestStores.drop(storeConfig);
        }
    }
}
