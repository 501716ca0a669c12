package dev.actionbox.server;

import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.api.Schema;
import dev.actionbox.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code GET /v1/health} and {@code GET /metrics}: both answer without a token. */
final class HealthRoutes {

    private static final Schema HEALTH = Schema.object()
            .with("status", Schema.oneOf(java.util.List.of("ok", "degraded")))
            .with("store", Schema.object()
                    .with("status", Schema.oneOf(java.util.List.of("up", "down")))
                    .with("dialect", Schema.oneOf(java.util.List.of("sqlite", "postgres")))
                    .require("status", "dialect"))
            .require("status", "store")
            .named("Health");

    private HealthRoutes() {
    }

    static void register(RouteTable routes, Store store, PrometheusMeterRegistry metrics) {
        routes.add("GET", "/v1/health", Set.of(), "none", "Whether the node and its store work",
                        call -> health(store))
                .answers(200, HEALTH).alsoAnswers(503, HEALTH)
                .add("GET", "/metrics", Set.of(), "none", "Prometheus metrics",
                        call -> ApiResponse.bytes(metrics.scrape()
                                .getBytes(StandardCharsets.UTF_8), "text/plain; version=0.0.4"))
                .answers(200, Schema.binary("text/plain"));
    }

    private static Object health(Store store) {
        boolean up = store.isReachable();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "ok" : "degraded");
        body.put("store", Map.of("status", up ? "up" : "down",
                "dialect", store.dialect().name().toLowerCase(java.util.Locale.ROOT)));
        return up ? body : new ApiResponse(503, body, null, null);
    }
}
