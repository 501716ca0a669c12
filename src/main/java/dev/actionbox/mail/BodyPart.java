package dev.actionbox.mail;

/**
 * One leaf part of a message with its transfer-decoded bytes and where it sits in the tree.
 *
 * @param index the 1-based position among leaf parts, used in warnings and generated names
 * @param type the lower-case media type that applies (declared, implied or the fallback)
 * @param headers the part's MIME headers
 * @param data the transfer-decoded body
 * @param alternativeId the id of the nearest enclosing multipart/alternative, or 0
 * @param insideRelated true when a multipart/related encloses the part
 * @param parentSubtype the subtype of the directly enclosing multipart, or ""
 */
record BodyPart(
        int index,
        String type,
        PartHeaders headers,
        byte[] data,
        int alternativeId,
        boolean insideRelated,
        String parentSubtype) {
}
