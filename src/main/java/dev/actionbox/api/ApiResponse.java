package dev.actionbox.api;

/** A body with a status other than 200, or raw bytes with their content type. */
public record ApiResponse(int status, Object body, byte[] bytes, String contentType) {

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body, null, null);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null, null);
    }

    public static ApiResponse bytes(byte[] bytes, String contentType) {
        return new ApiResponse(200, null, bytes, contentType);
    }
}
