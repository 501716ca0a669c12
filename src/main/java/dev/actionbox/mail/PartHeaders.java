package dev.actionbox.mail;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The MIME headers of one entity, read for what decides how its body is handled.
 *
 * @param contentType the Content-Type value and parameters ({@link MimeHeaderValue#EMPTY} when
 *     absent)
 * @param disposition the Content-Disposition value and parameters
 * @param transferEncoding the lower-case Content-Transfer-Encoding, or ""
 * @param contentId the Content-ID without angle brackets, or null
 * @param contentLocation the Content-Location, or null
 */
record PartHeaders(
        MimeHeaderValue contentType,
        MimeHeaderValue disposition,
        String transferEncoding,
        String contentId,
        String contentLocation) {

    private static final Pattern TOKEN_END = Pattern.compile("[\\s;(]");

    static final PartHeaders NONE =
            new PartHeaders(MimeHeaderValue.EMPTY, MimeHeaderValue.EMPTY, "", null, null);

    static PartHeaders read(List<HeaderField> fields, ParseWarnings warnings, String where) {
        MimeHeaderValue type = MimeHeaderValue.EMPTY;
        MimeHeaderValue disposition = MimeHeaderValue.EMPTY;
        String encoding = "";
        String contentId = null;
        String location = null;
        for (HeaderField field : fields) {
            String name = field.lowerName();
            switch (name) {
                case "content-type" -> type = type == MimeHeaderValue.EMPTY
                        ? MimeHeaderValue.parse(text(field, warnings, where), warnings, where)
                        : type;
                case "content-disposition" -> disposition = disposition == MimeHeaderValue.EMPTY
                        ? MimeHeaderValue.parse(text(field, warnings, where), warnings, where)
                        : disposition;
                case "content-transfer-encoding" -> encoding = encoding.isEmpty()
                        ? firstToken(text(field, warnings, where))
                        : encoding;
                case "content-id" -> contentId = contentId == null
                        ? MessageIds.first(text(field, warnings, where))
                        : contentId;
                case "content-location" -> location = location == null
                        ? text(field, warnings, where).strip()
                        : location;
                default -> {
                    // Other fields do not change how the body is read.
                }
            }
        }
        return new PartHeaders(type, disposition, encoding, contentId, location);
    }

    /** The media type, e.g. {@code image/png}; "" when absent or not of the form type/subtype. */
    String mimeType() {
        String value = contentType.value();
        return value.indexOf('/') > 0 ? value : "";
    }

    boolean isAttachmentDisposition() {
        return disposition.value().startsWith("attachment");
    }

    boolean isInlineDisposition() {
        return disposition.value().startsWith("inline");
    }

    /** The file name from Content-Disposition, else the Content-Type {@code name}, or null. */
    String filename() {
        String name = disposition.param("filename");
        if (name == null || name.isBlank()) {
            name = contentType.param("name");
        }
        return name == null || name.isBlank() ? null : name.strip();
    }

    String charset() {
        return contentType.param("charset");
    }

    private static String text(HeaderField field, ParseWarnings warnings, String where) {
        return HeaderText.unfoldedRaw(field.rawValue(), null, warnings, where);
    }

    private static String firstToken(String value) {
        String[] tokens = TOKEN_END.split(value.strip(), 2);
        return tokens[0].replace("\"", "").toLowerCase(Locale.ROOT);
    }
}
