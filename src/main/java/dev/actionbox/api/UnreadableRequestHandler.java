package dev.actionbox.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Answers requests that Jetty refuses before any route sees them (a NUL or broken escape in
 * the path, a URL or headers over 8 KB) in the API's JSON error shape, not Jetty's HTML page:
 * a client parsing errors must not meet a second format.
 */
final class UnreadableRequestHandler extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = "req_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code(status));
        error.put("message", message(status, reason));
        error.put("details", List.of());
        error.put("request_id", requestId);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put("X-Request-Id", requestId);
        return ByteBuffer.wrap(Json.write(Map.of("error", error))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String code(int status) {
        return switch (status) {
            case 413, 414, 431 -> "too_large";
            default -> "invalid_request";
        };
    }

    private static String message(int status, String reason) {
        String why = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        return switch (status) {
            case 414 -> "The URL is longer than the server reads (8 KB)";
            case 431 -> "The request headers are larger than the server reads (8 KB)";
            case 413 -> "The body is larger than this server accepts";
            case 505 -> "The server speaks HTTP/1.1 and HTTP/1.0 only" + why;
            default -> "The request could not be read" + why + ": check the path's "
                    + "percent-encoding (encode '%' as %25; no %00) and the header syntax";
        };
    }
}
