package dev.actionbox.mail;

import java.util.Objects;

/**
 * A part of a message that a user sees as a file: a real attachment, an inline image or a
 * forwarded message. The content is transfer-decoded.
 *
 * @param filename decoded file name, or a generated one such as {@code part-2.bin}
 * @param contentType lower-case media type without parameters, e.g. {@code image/png}
 * @param inline true for parts referenced from the HTML by Content-ID
 * @param contentId the Content-ID without angle brackets, or null
 */
public record ParsedAttachment(
        String filename,
        String contentType,
        boolean inline,
        String contentId,
        byte[] content) {

    public ParsedAttachment {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
    }

    public long size() {
        return content.length;
    }
}
