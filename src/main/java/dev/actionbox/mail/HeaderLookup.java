package dev.actionbox.mail;

import java.util.List;

/**
 * Reads values out of a message's header fields by lower-case name. Raw 8-bit bytes are read
 * with the message's charset as a hint (see {@link HeaderText}).
 */
final class HeaderLookup {

    private final List<HeaderField> fields;
    private final String charsetHint;
    private final ParseWarnings warnings;

    HeaderLookup(List<HeaderField> fields, String charsetHint, ParseWarnings warnings) {
        this.fields = fields;
        this.charsetHint = charsetHint;
        this.warnings = warnings;
    }

    /** The first field's value with encoded-words decoded, or null when absent. */
    String decoded(String name) {
        HeaderField field = first(name);
        return field == null ? null
                : HeaderText.decoded(field.rawValue(), charsetHint, warnings, "header " + name);
    }

    /** The first field's unfolded value with encoded-words kept, or null when absent. */
    String raw(String name) {
        HeaderField field = first(name);
        return field == null ? null
                : HeaderText.unfoldedRaw(field.rawValue(), charsetHint, warnings, "header " + name);
    }

    /** True when the first field of that name was too long and only its start is kept. */
    boolean isCut(String name) {
        HeaderField field = first(name);
        return field != null && field.cut();
    }

    /** The mailboxes of all fields of that name, in order. */
    List<MailAddress> addresses(String name) {
        List<MailAddress> result = new java.util.ArrayList<>();
        for (HeaderField field : fields) {
            if (field.lowerName().equals(name)) {
                String value = HeaderText.unfoldedRaw(
                        field.rawValue(), charsetHint, warnings, "header " + name);
                result.addAll(AddressListParser.parse(value, warnings, "header " + name));
            }
        }
        return result;
    }

    private HeaderField first(String name) {
        for (HeaderField field : fields) {
            if (field.lowerName().equals(name)) {
                return field;
            }
        }
        return null;
    }
}
