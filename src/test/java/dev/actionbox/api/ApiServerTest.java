package dev.actionbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionbox.auth.Scope;
import dev.actionbox.auth.TokenService;
import dev.actionbox.store.Store;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestStores;
import dev.actionbox.store.StoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router alone, with routes of the test's own, for faults no real route has. */
class ApiServerTest {

    @TempDir
    Path dataDir;

    private StoreConfig storeConfig;
    private Store store;
    private ApiServer server;
    private Http api;

    @BeforeEach
    void start() {
        storeConfig = TestStores.fresh(dataDir);
        store = Store.open(storeConfig);
        TokenService tokens = new TokenService(store);
        RouteTable routes = new RouteTable()
                .get("/v1/broken", Scope.TASK_READ, "Fails inside", call -> {
                    throw new IllegalStateException("password=hunter2 in a stack trace");
                })
                .add("GET", "/v1/open", Set.of(), "none", "Needs no token", call -> "ok");
        server = new ApiServer(routes, tokens, new IdempotencyStore(store), ApiConfig.defaults(),
                1024 * 1024);
        server.start("127.0.0.1", 0);
        String secret = tokens.create(List.of("task:read"), "test", null, null).secret();
        api = new Http("http://127.0.0.1:" + server.port(), secret);
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        TestStores.drop(storeConfig);
    }

    @Test
    void handlerFault_gets500WithRequestIdAndNoStackTrace() {
        Http.Response response = api.get("/v1/broken");

        HttpBehaviourTest.assertErrorShape(response, 500, "internal_error");
        String requestId = response.json().at("/error/request_id").asText();
        assertThat(response.json().at("/error/message").asText()).contains(requestId);
        assertThat(response.body()).doesNotContain("hunter2", "IllegalStateException");
    }

    @Test
    void publicRoute_answersWithoutToken() {
        Http.Response response = new Http("http://127.0.0.1:" + server.port(), null)
                .get("/v1/open/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("\"ok\"");
    }
}
