package dev.actionbox.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
        String requestId = ApiServer.newRequestId();
        String why = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        ApiException error = switch (status) {
            case 413 -> new ApiException(413, "too_large",
                    "The body is larger than this server accepts");
            case 414 -> new ApiException(414, "too_large",
                    "The URL is longer than the server reads (8 KB)");
            case 431 -> new ApiException(431, "too_large",
                    "The request headers are larger than the server reads (8 KB)");
            case 505 -> new ApiException(505, "invalid_request",
                    "The server speaks HTTP/1.1 and HTTP/1.0 only" + why);
            default -> new ApiException(status, "invalid_request", "The request could not be "
                    + "read" + why + ": check the path's percent-encoding (encode '%' as %25; "
                    + "no %00) and the header syntax");
        };
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put("X-Request-Id", requestId);
        return ByteBuffer.wrap(ApiServer.errorBody(error, requestId)
                .getBytes(StandardCharsets.UTF_8));
    }
}
