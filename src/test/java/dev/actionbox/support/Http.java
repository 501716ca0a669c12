package dev.actionbox.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON client for tests, over real HTTP. */
public final class Http {

    /** A response: status, headers and the body parsed as JSON when it is JSON. */
    public record Response(int status, JsonNode json, String body,
            java.net.http.HttpHeaders headers) {

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    public Http(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public Http withToken(String other) {
        return new Http(base, other);
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, String json) {
        return send("POST", path, json, Map.of("Content-Type", "application/json"));
    }

    public Response post(String path, Object body) {
        return post(path, Json.write(body));
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, Json.write(body), Map.of("Content-Type", "application/json"));
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /** Posts raw bytes, as an upload of a message does. */
    public Response postBytes(String path, byte[] body) {
        return exchange("POST", path, HttpRequest.BodyPublishers.ofByteArray(body),
                Map.of("Content-Type", "message/rfc822"));
    }

    /** The body of a GET as bytes, e.g. a message's raw form. */
    public byte[] bytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered "
                        + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends raw bytes, e.g. a body that is not valid UTF-8 or not JSON. */
    public Response sendBytes(String method, String path, byte[] body,
            Map<String, String> headers) {
        return exchange(method, path, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    public Response send(String method, String path, String body, Map<String, String> headers) {
        return exchange(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), headers);
    }

    private Response exchange(String method, String path, HttpRequest.BodyPublisher body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String text = response.body();
            if (text != null && !text.isEmpty() && (text.startsWith("{") || text.startsWith("["))) {
                json = Json.MAPPER.readTree(text);
            }
            return new Response(response.statusCode(), json, text, response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
