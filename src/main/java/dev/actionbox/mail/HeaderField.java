package dev.actionbox.mail;

import java.util.Locale;

/**
 * One header field as read from the wire: the name and the raw value bytes (folding kept).
 * The value is turned into text only when it is needed, because raw 8-bit bytes are read in
 * the light of the message's charset (see {@link HeaderText}).
 *
 * @param cut true when the field was longer than maxHeaderFieldBytes and only its start is
 *     kept (see {@link OversizedHeaderField})
 */
record HeaderField(String name, byte[] rawValue, boolean cut) {

    String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }
}
