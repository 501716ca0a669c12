package dev.actionbox.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Reads a request body for a route: at most the route's size limit (413 past it, whether or
 * not the client sent Content-Length), of a content type the route takes (415), and for JSON
 * routes parsed (400) and checked against the route's schema (422).
 */
final class BodyReader {

    /** Media types {@code POST /v1/messages/raw} takes: RFC 5322 bytes by any usual name. */
    static final List<String> RAW_TYPES =
            List.of("message/rfc822", "application/octet-stream", "text/plain");

    /** A read body: its bytes and, for JSON routes, the parsed value. */
    record Body(byte[] bytes, JsonNode json) {
        static final Body NONE = new Body(new byte[0], null);
    }

    private final long maxRawBytes;

    BodyReader(long maxRawBytes) {
        this.maxRawBytes = maxRawBytes;
    }

    Body read(Context ctx, Route route) {
        if (!route.readsJson() && !route.readsRaw()) {
            return Body.NONE;
        }
        long limit = route.readsRaw() ? maxRawBytes : ApiCall.MAX_JSON_BYTES;
        byte[] bytes = readAtMost(ctx, route, limit);
        if (bytes.length > 0) {
            checkContentType(ctx.contentType(), route);
            checkContentEncoding(ctx.header("Content-Encoding"));
        }
        if (route.readsRaw()) {
            return new Body(bytes, null);
        }
        JsonNode json = bytes.length == 0 ? Json.object() : parse(bytes);
        if (route.request() != null) {
            SchemaValidator.check(route.request(), json);
        }
        return new Body(bytes, json);
    }

    private byte[] readAtMost(Context ctx, Route route, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(route, limit, declared);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(
                    (int) Math.min(Math.max(declared, 0), 64 * 1024));
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > limit) {
                    throw tooLarge(route, limit, -1);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ApiException(400, "invalid_request", "The body could not be read; the "
                    + "connection may have dropped. Send the request again");
        }
    }

    private static ApiException tooLarge(Route route, long limit, long size) {
        String what = route.readsRaw()
                ? "Messages are limited to " + limit + " bytes (ACTIONBOX_MAX_MESSAGE_BYTES)"
                : "JSON bodies are limited to " + limit + " bytes";
        return new ApiException(413, "too_large", what + (size > 0
                ? "; this one has " + size : "; this one has more"));
    }

    private static void checkContentType(String header, Route route) {
        String type = header == null ? "" : header.split(";", 2)[0].trim()
                .toLowerCase(Locale.ROOT);
        if (route.readsRaw() && !RAW_TYPES.contains(type)) {
            throw new ApiException(415, "unsupported_media_type", "Send the message with "
                    + "Content-Type: message/rfc822 (or application/octet-stream, text/plain); "
                    + "got " + describe(type));
        }
        if (route.readsJson() && !type.equals("application/json") && !type.endsWith("+json")) {
            throw new ApiException(415, "unsupported_media_type", "Send the body as JSON with "
                    + "Content-Type: application/json; got " + describe(type));
        }
    }

    /**
     * Bodies are read as sent; a gzip body would otherwise be stored as if it were the
     * message, or answered as invalid JSON without saying why.
     */
    private static void checkContentEncoding(String header) {
        if (header != null && !header.isBlank() && !header.trim().equalsIgnoreCase("identity")) {
            throw new ApiException(415, "unsupported_media_type", "Send the body uncompressed; "
                    + "Content-Encoding '" + header.trim().replaceAll("[^\\x20-\\x7e]", "?")
                    + "' is not supported");
        }
    }

    private static String describe(String type) {
        return type.isEmpty() ? "no Content-Type" : "'" + type + "'";
    }

    /** @throws ApiException 400 {@code invalid_json} naming where the JSON broke */
    static JsonNode parse(byte[] bytes) {
        try {
            JsonNode json = Json.MAPPER.readTree(bytes);
            return json == null || json.isMissingNode() ? Json.object() : json;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "The body is not valid JSON: "
                    + e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "The body could not be read as JSON");
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
