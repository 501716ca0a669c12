package dev.actionbox.mail;

import java.util.Locale;
import java.util.Objects;

/**
 * One mailbox from an address header: the display name (decoded, may be null) and the address.
 */
public record MailAddress(String name, String address) {

    public MailAddress {
        Objects.requireNonNull(address, "address");
    }

    /** The address in lower case, as used to match contacts and deduplicate. */
    public String normalized() {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    /** The part after the last '@', lower case; empty when there is none. */
    public String domain() {
        String normalized = normalized();
        int at = normalized.lastIndexOf('@');
        return at < 0 ? "" : normalized.substring(at + 1);
    }
}
