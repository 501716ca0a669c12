package dev.actionbox.api;

/**
 * A body with a status other than 200, or raw bytes with their content type.
 *
 * @param downloadName when not null, the bytes are sent as a download of this name
 */
public record ApiResponse(int status, Object body, byte[] bytes, String contentType,
        String downloadName) {

    public ApiResponse(int status, Object body, byte[] bytes, String contentType) {
        this(status, body, bytes, contentType, null);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body, null, null);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null, null);
    }

    public static ApiResponse bytes(byte[] bytes, String contentType) {
        return new ApiResponse(200, null, bytes, contentType);
    }

    /**
     * Bytes that came from a stranger (an attachment, a message as received): sent as a file to
     * save, never rendered, so that an HTML or SVG attachment cannot run script in the
     * origin of the API when someone opens its link in a browser.
     */
    public static ApiResponse download(byte[] bytes, String contentType, String name) {
        return new ApiResponse(200, null, bytes, contentType, name == null ? "download" : name);
    }
}
