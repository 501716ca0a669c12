package dev.actionbox.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/tokens} over real HTTP: escalation, revocation, rotation, expiry and storage. */
class TokenApiTest {

    @TempDir
    Path dataDir;

    private TestServer node;
    private Http admin;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir);
        admin = node.http(node.token("admin"));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void createToken_labelsWriteAskingForTaskWrite_gets403NamingTheScope() {
        Http labelsOnly = node.http(node.token("labels:write"));
        Http labelsAndTokens = node.http(node.token("labels:write", "tokens:write"));

        Http.Response withoutTokensScope = labelsOnly.post("/v1/tokens/",
                Map.of("scopes", List.of("task:write")));
        Http.Response beyondOwnScopes = labelsAndTokens.post("/v1/tokens/",
                Map.of("scopes", List.of("task:write")));

        assertThat(withoutTokensScope.status()).isEqualTo(403);
        assertThat(withoutTokensScope.json().at("/error/details/0/required_scope").asText())
                .isEqualTo("tokens:write");
        assertThat(beyondOwnScopes.status()).isEqualTo(403);
        assertThat(beyondOwnScopes.json().at("/error/code").asText())
                .isEqualTo("insufficient_scope");
        assertThat(beyondOwnScopes.json().at("/error/details/0/required_scope").asText())
                .contains("task:write");
    }

    @Test
    void createToken_withinOwnScopes_returnsPrefixedSecretOnce() {
        Http creator = node.http(node.token("labels:write", "tokens:write"));

        Http.Response created = creator.post("/v1/tokens/",
                Map.of("scopes", List.of("labels:read"), "label", "ci"));
        Http.Response listed = admin.get("/v1/tokens/" + created.json().get("id").asText());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("token").asText()).startsWith("abx_").hasSize(36);
        assertThat(listed.json().has("token")).isFalse();
        assertThat(listed.json().get("scopes").toString()).contains("labels:read");
        assertThat(node.http(created.json().get("token").asText()).get("/v1/labels/").status())
                .isEqualTo(200);
    }

    @Test
    void patchToken_widenBeyondCallerScopes_gets403() {
        Http creator = node.http(node.token("labels:write", "tokens:write"));
        String id = creator.post("/v1/tokens/", Map.of("scopes", List.of("labels:read")))
                .json().get("id").asText();

        Http.Response widened = creator.patch("/v1/tokens/" + id + "/",
                Map.of("scopes", List.of("admin")));

        assertThat(widened.status()).isEqualTo(403);
        assertThat(admin.get("/v1/tokens/" + id).json().get("scopes").toString())
                .isEqualTo("[\"labels:read\"]");
    }

    @Test
    void revokedToken_nextCall_gets401AtOnce() {
        JsonNode issued = admin.post("/v1/tokens/", Map.of("scopes", List.of("task:read")))
                .json();
        Http holder = node.http(issued.get("token").asText());
        assertThat(holder.get("/v1/tasks/").status()).isEqualTo(200);

        Http.Response revoked = admin.delete("/v1/tokens/" + issued.get("id").asText() + "/");
        Http.Response after = holder.get("/v1/tasks/");

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("invalid_token");
    }

    @Test
    void rotatedToken_oldSecret_worksDuringGracePeriodThenStops() throws Exception {
        JsonNode issued = admin.post("/v1/tokens/", Map.of("scopes", List.of("task:read")))
                .json();
        String oldSecret = issued.get("token").asText();
        String id = issued.get("id").asText();

        Http.Response rotated = admin.post("/v1/tokens/" + id + "/rotate",
                Map.of("grace_period_seconds", 1));
        String newSecret = rotated.json().get("token").asText();
        int oldDuringGrace = node.http(oldSecret).get("/v1/tasks/").status();
        Thread.sleep(Duration.ofMillis(1_300).toMillis());
        int oldAfterGrace = node.http(oldSecret).get("/v1/tasks/").status();

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(newSecret).startsWith("abx_").isNotEqualTo(oldSecret);
        assertThat(rotated.json().get("id").asText()).isEqualTo(id);
        assertThat(oldDuringGrace).isEqualTo(200);
        assertThat(oldAfterGrace).isEqualTo(401);
        assertThat(node.http(newSecret).get("/v1/tasks/").status()).isEqualTo(200);
    }

    @Test
    void rotate_withoutGracePeriod_oldSecretStopsAtOnce() {
        JsonNode issued = admin.post("/v1/tokens/", Map.of("scopes", List.of("task:read")))
                .json();

        Http.Response rotated = admin.post("/v1/tokens/" + issued.get("id").asText()
                + "/rotate", Map.of());

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(node.http(issued.get("token").asText()).get("/v1/tasks/").status())
                .isEqualTo(401);
        assertThat(rotated.json().get("previous_secret_expires_at").isNull()).isTrue();
    }

    @Test
    void rotate_gracePeriodOver24Hours_gets422() {
        String id = admin.post("/v1/tokens/", Map.of("scopes", List.of("task:read")))
                .json().get("id").asText();

        Http.Response rotated = admin.post("/v1/tokens/" + id + "/rotate",
                Map.of("grace_period_seconds", 86_401));

        assertThat(rotated.status()).isEqualTo(422);
        assertThat(rotated.json().at("/error/details/0/pointer").asText())
                .isEqualTo("/grace_period_seconds");
    }

    @Test
    void rotate_tokenWithScopesTheCallerLacks_gets403() {
        String adminTokenId = admin.get("/v1/tokens/current/").json().get("id").asText();
        Http narrow = node.http(node.token("tokens:write"));

        Http.Response rotated = narrow.post("/v1/tokens/" + adminTokenId + "/rotate", Map.of());

        assertThat(rotated.status()).isEqualTo(403);
        assertThat(admin.get("/v1/tokens/current/").status()).isEqualTo(200);
    }

    @Test
    void expiredToken_gets401() {
        String secret = node.server().tokens().create(List.of("task:read"), "short", null,
                System.currentTimeMillis() - 1).secret();

        assertThat(node.http(secret).get("/v1/tasks/").status()).isEqualTo(401);
    }

    @Test
    void createToken_expiresAtInThePast_gets422() {
        Http.Response response = admin.post("/v1/tokens/", Map.of("scopes",
                List.of("task:read"), "expires_at", Instant.now().minusSeconds(60).toString()));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().at("/error/details/0/pointer").asText())
                .isEqualTo("/expires_at");
    }

    @Test
    void createToken_withExpiry_stopsWorkingAfterIt() throws Exception {
        JsonNode issued = admin.post("/v1/tokens/", Map.of("scopes", List.of("task:read"),
                "expires_at", Instant.now().plusMillis(800).toString())).json();
        Http holder = node.http(issued.get("token").asText());

        int before = holder.get("/v1/tasks/").status();
        Thread.sleep(1_000);
        int after = holder.get("/v1/tasks/").status();

        assertThat(issued.get("expires_at").isNull()).isFalse();
        assertThat(before).isEqualTo(200);
        assertThat(after).isEqualTo(401);
    }

    @Test
    void storedToken_holdsNeitherTheSecretNorItsPlainHash() {
        JsonNode issued = admin.post("/v1/tokens/", Map.of("scopes", List.of("task:read")))
                .json();
        String secret = issued.get("token").asText();

        Map<String, Object> row = node.server().store().read(h -> h.createQuery(
                        "SELECT * FROM tokens WHERE id = :id")
                .bind("id", issued.get("id").asText()).mapToMap().one());

        String stored = (String) row.get("secret_hash");
        assertThat(row.values()).doesNotContain(secret);
        assertThat(stored).hasSize(64).isNotEqualTo(sha256(secret));
        assertThat(row.get("hash_scheme")).isEqualTo("hmac");
    }

    @Test
    void legacyToken_hashedWithPlainSha256_worksAndIsUpgraded() {
        String secret = "abx_legacyLegacyLegacyLegacyLegacy12";
        node.server().store().useTransaction(h -> h.createUpdate("""
                INSERT INTO tokens (id, label, scopes, secret_hash, created_at)
                VALUES ('tok_legacy', 'old', 'task:read', :hash, 0)""")
                .bind("hash", sha256(secret)).execute());

        int first = node.http(secret).get("/v1/tasks/").status();
        int second = node.http(secret).get("/v1/tasks/").status();

        String scheme = node.server().store().read(h -> h.createQuery(
                "SELECT hash_scheme FROM tokens WHERE id = 'tok_legacy'")
                .mapTo(String.class).one());
        assertThat(first).isEqualTo(200);
        assertThat(second).isEqualTo(200);
        assertThat(scheme).isEqualTo("hmac");
    }

    @Test
    void lastUsedAt_manyCallsInAMinute_isWrittenOnce() {
        JsonNode issued = admin.post("/v1/tokens/", Map.of("scopes", List.of("task:read")))
                .json();
        Http holder = node.http(issued.get("token").asText());

        holder.get("/v1/tasks/");
        String firstUse = admin.get("/v1/tokens/" + issued.get("id").asText()).json()
                .get("last_used_at").asText();
        for (int i = 0; i < 5; i++) {
            holder.get("/v1/tasks/");
        }
        String afterMore = admin.get("/v1/tokens/" + issued.get("id").asText()).json()
                .get("last_used_at").asText();

        assertThat(firstUse).isNotEqualTo("null");
        assertThat(afterMore).isEqualTo(firstUse);
    }

    @Test
    void listTokens_pagedWithCursor_returnsEachLiveTokenOnce() {
        for (int i = 0; i < 7; i++) {
            node.token("task:read");
        }
        Set<String> seen = new HashSet<>();
        int pages = 0;
        String next = "/v1/tokens/?limit=3";

        while (next != null) {
            JsonNode page = admin.get(next).json();
            page.get("data").forEach(t -> assertThat(seen.add(t.get("id").asText())).isTrue());
            next = page.get("next_cursor").isNull() ? null
                    : "/v1/tokens/?limit=3&cursor=" + page.get("next_cursor").asText();
            pages++;
        }

        assertThat(seen).hasSize(8);
        assertThat(pages).isEqualTo(3);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void narrowToken_changingRotatingOrRevokingAnAdminToken_gets403AndChangesNothing() {
        String adminSecret = node.token("admin");
        Http narrow = node.http(node.token("tokens:write", "email:read"));
        String adminId = node.http(adminSecret).get("/v1/tokens/current/").json().get("id")
                .asText();

        Http.Response narrowed = narrow.patch("/v1/tokens/" + adminId + "/",
                Map.of("scopes", List.of("email:read")));
        Http.Response rotated = narrow.post("/v1/tokens/" + adminId + "/rotate", "{}");
        Http.Response revoked = narrow.delete("/v1/tokens/" + adminId + "/");

        assertThat(narrowed.status()).isEqualTo(403);
        assertThat(rotated.status()).isEqualTo(403);
        assertThat(revoked.status()).isEqualTo(403);
        Http.Response still = node.http(adminSecret).get("/v1/tokens/current/");
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.json().get("scopes").toString()).contains("admin");
    }

    @Test
    void createToken_retriedWithIdempotencyKey_makesOneTokenAndStoresNoSecret() {
        Map<String, String> headers = Map.of("Content-Type", "application/json",
                "Idempotency-Key", "tok-once");
        String body = "{\"scopes\": [\"email:read\"]}";

        Http.Response first = admin.send("POST", "/v1/tokens/", body, headers);
        Http.Response retry = admin.send("POST", "/v1/tokens/", body, headers);

        assertThat(first.json().get("token").asText()).startsWith("abx_");
        assertThat(retry.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(retry.json().get("token").isNull()).isTrue();
        String stored = node.server().store().read(h -> h.createQuery(
                "SELECT response FROM idempotency_keys WHERE idem_key = 'tok-once'")
                .mapTo(String.class).one());
        assertThat(stored).doesNotContain(first.json().get("token").asText());
    }
}
