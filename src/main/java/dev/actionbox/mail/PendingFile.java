package dev.actionbox.mail;

/**
 * A file found while reading, before it is known whether the HTML shows it inline.
 *
 * @param name the sanitized file name, or null when the sender gave none
 * @param type the lower-case media type
 */
record PendingFile(
        String name,
        String type,
        String contentId,
        String contentLocation,
        boolean inlineDisposition,
        boolean attachmentDisposition,
        boolean insideRelated,
        byte[] content) {

    static PendingFile of(BodyPart part, String name, String type) {
        PartHeaders headers = part.headers();
        return new PendingFile(name, type, headers.contentId(), headers.contentLocation(),
                headers.isInlineDisposition(), headers.isAttachmentDisposition(),
                part.insideRelated(), part.data());
    }

    /** A file unpacked from a container (TNEF, uuencode) that has no MIME headers. */
    static PendingFile loose(String name, byte[] content) {
        return new PendingFile(name, FileNames.typeOf(name), null, null, false, true, false,
                content);
    }
}
