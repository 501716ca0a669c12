package dev.actionbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.auth.Principal;
import dev.actionbox.auth.Scope;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * One API request as handlers see it: parameters, the body, and the token behind it. The
 * router has already read the body within its size limit, parsed it and checked it against
 * the route's schema.
 */
public final class ApiCall {

    /** The largest JSON body accepted; raw message uploads have their own limit. */
    public static final int MAX_JSON_BYTES = 1_000_000;

    private final Context context;
    private final Principal principal;
    private final byte[] body;
    private final JsonNode json;

    ApiCall(Context context, Principal principal, byte[] body, JsonNode json) {
        this.context = context;
        this.principal = principal;
        this.body = body;
        this.json = json == null ? Json.object() : json;
    }

    public Principal principal() {
        return principal;
    }

    public String actor() {
        return principal == null ? "system" : principal.actor();
    }

    public boolean may(Scope scope) {
        return principal != null && principal.has(scope);
    }

    public String path(String name) {
        return context.pathParam(name);
    }

    /** A query parameter, or null when absent or empty. */
    public String query(String name) {
        String value = context.queryParam(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public String header(String name) {
        return context.header(name);
    }

    public int limit() {
        String value = query("limit");
        if (value == null) {
            return Page.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > Page.MAX_LIMIT) {
                throw new NumberFormatException("out of range");
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("/limit", "must be a whole number from 1 to "
                    + Page.MAX_LIMIT);
        }
    }

    /** The id older than which the next page starts, from {@code ?cursor=}; null for page 1. */
    public String cursorId() {
        String cursor = query("cursor");
        return cursor == null ? null : Page.decode(cursor);
    }

    /** A page of rows fetched with {@link #limit()} + 1, rendered as the list body. */
    public Map<String, Object> page(List<Map<String, Object>> rows) {
        return Page.of(rows, limit(), row -> (String) row.get("id")).body();
    }

    /**
     * A page of a short list held in full, such as inboxes: newest first by id, from the
     * cursor on, rendered as the list body.
     */
    public Map<String, Object> pageOfAll(List<Map<String, Object>> all) {
        String before = cursorId();
        List<Map<String, Object>> rows = all.stream()
                .filter(row -> before == null || ((String) row.get("id")).compareTo(before) < 0)
                .sorted((a, b) -> ((String) b.get("id")).compareTo((String) a.get("id")))
                .limit(limit() + 1L)
                .toList();
        return page(rows);
    }

    /** The JSON body; an empty object when the request had none. */
    public JsonNode json() {
        return json;
    }

    /** The body as a JSON object; 422 when it is another kind of JSON value. */
    public JsonNode jsonObject() {
        if (!json.isObject()) {
            throw ApiException.invalid("", "must be a JSON object");
        }
        return json;
    }

    public String text(String field) {
        JsonNode value = jsonObject().get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.invalid("/" + field, "must be a string");
        }
        return value.textValue();
    }

    /** The raw body bytes, for routes that take something other than JSON. */
    public byte[] bytes() {
        return body.clone();
    }
}
