package dev.actionbox.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times are stored as epoch milliseconds and shown as RFC 3339 UTC with milliseconds. */
public final class Times {

    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String format(Long epochMillis) {
        return epochMillis == null ? null : RFC3339.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * Reads an RFC 3339 time with any offset.
     *
     * @throws java.time.format.DateTimeParseException when the text is not such a time
     */
    public static long parse(String text) {
        return java.time.OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }
}
