package dev.actionbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.actionbox.intake.SmtpSender;
import dev.actionbox.store.StoreConfig;
import dev.actionbox.support.Http;
import dev.actionbox.support.TcpProxy;
import dev.actionbox.support.TestServer;
import dev.actionbox.support.TestStores;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose PostgreSQL goes away and comes back. The database is reached through a relay
 * the test cuts, so the server other tests share keeps running. SQLite is a local file with
 * no such outage, so this runs with the postgres profile only.
 */
class StoreOutageTest {

    private static final String CLIENT = "erin@customers.example";

    @TempDir
    Path dataDir;

    private StoreConfig database;
    private TcpProxy relay;
    private TestServer node;
    private Http api;
    private String inbox;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(TestStores.postgres(), "needs PostgreSQL: run with -Ppostgres");
        database = TestStores.fresh(dataDir);
        URI direct = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        relay = new TcpProxy(direct.getHost(), direct.getPort());
        StoreConfig throughRelay = new StoreConfig(database.jdbcUrl().replace(
                "//" + direct.getAuthority() + "/", "//127.0.0.1:" + relay.port() + "/"),
                database.user(), database.password(), 4, 1_000, 5_000);
        node = TestServer.startOn(dataDir, throughRelay);
        api = node.http(node.token("admin"));
        inbox = node.inboxAddress();
        assertThat(api.post("/v1/workflows/", TwoNodeTest.EVERY_MAIL_IS_A_TASK).status())
                .isEqualTo(201);
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
            relay.close();
            TestStores.drop(database);
        }
    }

    @Test
    void storeDown_smtp451Api503HealthDown_recoversByItselfWhenItReturns() throws Exception {
        assertThat(send("<before@customers.example>").code()).isEqualTo(250);
        node.awaitIdle();

        relay.cut();
        SmtpSender.Reply deferred = send("<during@customers.example>");
        Http.Response tasks = api.get("/v1/tasks/");
        Http.Response health = api.get("/v1/health");

        assertThat(deferred.code()).as(deferred.text()).isEqualTo(451);
        assertThat(deferred.text()).contains("4.3.0");
        assertThat(tasks.status()).isEqualTo(503);
        assertThat(tasks.json().get("error").get("code").asText()).isEqualTo("store_unavailable");
        assertThat(tasks.headers().firstValue("Retry-After")).isPresent();
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("store").get("status").asText()).isEqualTo("down");

        relay.restore();
        AtomicReference<SmtpSender.Reply> retried = new AtomicReference<>();
        TestServer.await(() -> api.get("/v1/health").status() == 200, Duration.ofSeconds(5),
                "the node to see its database again");
        TestServer.await(() -> sendQuietly("<during@customers.example>", retried),
                Duration.ofSeconds(5), "the retried message to be accepted");
        TestServer.await(() -> node.server().idle() && count("tasks") == 2,
                Duration.ofSeconds(10), "a task for each accepted message");
        assertThat(count("messages")).isEqualTo(2);
    }

    private SmtpSender.Reply send(String messageId) throws Exception {
        String raw = "From: Erin <" + CLIENT + ">\r\n"
                + "To: " + inbox + "\r\n"
                + "Subject: Order " + messageId + "\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "\r\n"
                + "Where is my order?\r\n";
        return new SmtpSender("127.0.0.1", node.server().smtpPort())
                .send(CLIENT, List.of(inbox), raw.getBytes(StandardCharsets.UTF_8));
    }

    private boolean sendQuietly(String messageId, AtomicReference<SmtpSender.Reply> reply) {
        try {
            reply.set(send(messageId));
            return reply.get().accepted();
        } catch (Exception e) {
            return false;
        }
    }

    private int count(String table) {
        return node.server().store().read(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Integer.class).one());
    }
}
