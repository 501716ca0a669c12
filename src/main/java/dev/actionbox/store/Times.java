package dev.actionbox.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Times are stored as epoch milliseconds and shown as RFC 3339 UTC with milliseconds. */
public final class Times {

    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final Pattern RFC3339_SHAPE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private Times() {
    }

    public static String format(Long epochMillis) {
        return epochMillis == null ? null : RFC3339.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * Reads an RFC 3339 time with any offset.
     *
     * @throws DateTimeParseException when the text is not such a time
     */
    public static long parse(String text) {
        // Java also reads years such as +999999999, which RFC 3339 does not allow and which
        // overflow epoch milliseconds; four digits keep every accepted time representable.
        if (text == null || !RFC3339_SHAPE.matcher(text).matches()) {
            throw new DateTimeParseException("not an RFC 3339 time", String.valueOf(text), 0);
        }
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }
}
