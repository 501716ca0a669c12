package dev.actionbox.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A page of a list, newest first. The cursor is the opaque form of the last id returned;
 * ids sort by creation time, so "older than the cursor" neither skips nor repeats an item
 * while new ones arrive.
 */
public record Page<T>(List<T> data, String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public Page {
        data = List.copyOf(data);
    }

    /** Builds a page from up to {@code limit + 1} rows: the extra row says there is more. */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, String> idOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> page = rows.subList(0, limit);
        return new Page<>(page, encode(idOf.apply(page.get(limit - 1))));
    }

    public static String encode(String id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ApiException 422 when the cursor was not made by this API */
    public static String decode(String cursor) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!id.matches("[a-z]+_[A-Za-z0-9_\\-]+")) {
                throw new IllegalArgumentException("not an id");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("/cursor", "is not a cursor this API returned");
        }
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("next_cursor", nextCursor);
        return body;
    }
}
