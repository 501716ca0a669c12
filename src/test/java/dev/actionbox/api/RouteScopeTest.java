package dev.actionbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionbox.auth.Scope;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the whole route table over real HTTP: for every route, no token gets 401, a token
 * without the route's scope gets 403 naming it, and a token with exactly that scope gets past
 * the auth layer.
 */
class RouteScopeTest {

    @TempDir
    static Path dataDir;

    private static TestServer node;

    @BeforeAll
    static void start() throws Exception {
        node = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void everyRoute_withoutToken_gets401WithBearerChallenge() {
        Http anonymous = node.http(null);
        for (Route route : protectedRoutes()) {
            Http.Response response = call(anonymous, route);

            assertThat(response.status()).as(describe(route)).isEqualTo(401);
            assertThat(response.json().at("/error/code").asText()).isEqualTo("unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                    .as(describe(route)).startsWith("Bearer");
        }
    }

    @Test
    void everyRoute_tokenWithoutItsScope_gets403NamingTheScope() {
        int checked = 0;
        for (Route route : protectedRoutes()) {
            List<String> others = scopesNotGranting(route.anyOf());
            if (others.isEmpty()) {
                continue;
            }
            Http.Response response = call(node.http(node.token(others.toArray(String[]::new))),
                    route);

            assertThat(response.status()).as(describe(route)).isEqualTo(403);
            assertThat(response.json().at("/error/code").asText())
                    .isEqualTo("insufficient_scope");
            String named = response.json().at("/error/details/0/required_scope").asText();
            route.anyOf().forEach(scope -> assertThat(named).as(describe(route))
                    .contains(scope.wireName()));
            checked++;
        }
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void everyRoute_tokenWithExactlyItsScope_passesTheAuthLayer() {
        for (Route route : protectedRoutes()) {
            for (Scope scope : route.anyOf()) {
                Http.Response response = call(node.http(node.token(scope.wireName())), route);

                assertThat(response.status()).as(describe(route) + " with " + scope.wireName())
                        .isNotIn(401, 403, 405, 429)
                        .isLessThan(500);
            }
        }
    }

    @Test
    void everyGetRoute_headWithoutToken_gets401() {
        Http anonymous = node.http(null);
        for (Route route : protectedRoutes()) {
            if (route.method().equals("GET")) {
                Http.Response response = anonymous.send("HEAD", concrete(route.path()), null,
                        Map.of());

                assertThat(response.status()).as("HEAD " + route.path()).isEqualTo(401);
            }
        }
    }

    @Test
    void publicRoutes_withoutToken_answer() {
        List<Route> open = node.server().routes().routes().stream()
                .filter(Route::isPublic).toList();

        assertThat(open).extracting(Route::path)
                .containsExactlyInAnyOrder("/v1/health", "/metrics", "/v1/openapi.json");
        open.forEach(route -> assertThat(call(node.http(null), route).status())
                .as(describe(route)).isEqualTo(200));
    }

    private static List<Route> protectedRoutes() {
        List<Route> routes = node.server().routes().routes().stream()
                .filter(route -> !route.isPublic()).toList();
        assertThat(routes).hasSizeGreaterThan(40);
        return routes;
    }

    /** Every scope that neither is nor includes one the route accepts. */
    private static List<String> scopesNotGranting(Set<Scope> accepted) {
        return Arrays.stream(Scope.values())
                .filter(scope -> scope.grants().stream().noneMatch(accepted::contains))
                .map(Scope::wireName)
                .toList();
    }

    private static Http.Response call(Http http, Route route) {
        String path = concrete(route.path());
        if (route.readsRaw()) {
            return http.send(route.method(), path, "Subject: x\r\n\r\nx\r\n",
                    Map.of("Content-Type", "message/rfc822"));
        }
        if (route.readsJson()) {
            return http.send(route.method(), path, "{}",
                    Map.of("Content-Type", "application/json"));
        }
        return http.send(route.method(), path, null, Map.of());
    }

    /** The path with every parameter filled by an id that does not exist. */
    static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", "zzz_missing");
    }

    private static String describe(Route route) {
        return route.method() + " " + route.path();
    }
}
