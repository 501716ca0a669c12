package dev.actionbox.api;

import java.util.List;
import java.util.Map;

/**
 * An error the API answers in its one error shape. Features throw it; the router renders it.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<Map<String, Object>> details;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of(), Map.of());
    }

    public ApiException(int status, String code, String message,
            List<Map<String, Object>> details, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
        this.headers = Map.copyOf(headers);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "not_found", "No " + what + " with id " + id);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }

    public static ApiException invalid(String pointer, String message) {
        return new ValidationException(List.of(ValidationException.detail(pointer, message)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Map<String, Object>> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
