package dev.actionbox.mail;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Date header (RFC 5322 section 3.3) and the forms that real mailers produce: no day
 * name, two-digit years, missing seconds, named zones (RFC 822 obs-zone), comments, dashes,
 * and ISO 8601 as a last resort. Returns null when nothing sensible can be read.
 */
final class MailDateParser {

    private static final Pattern RFC_DATE = Pattern.compile(
            "(\\d{1,2})[\\s-]+([A-Za-z]{3})[A-Za-z.]*[\\s-]+(\\d{2,4})\\s+"
                    + "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?(?:\\.\\d+)?\\s*"
                    + "([+-]\\d{2}:?\\d{2}|[A-Za-z]{1,5})?");

    private static final Pattern MONTH_FIRST = Pattern.compile(
            "([A-Za-z]{3})[A-Za-z.]*\\s+(\\d{1,2}),?\\s+(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?"
                    + "\\s+(\\d{4})");

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("Z", 0),
            Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CST", -6),
            Map.entry("CDT", -5), Map.entry("MST", -7), Map.entry("MDT", -6),
            Map.entry("PST", -8), Map.entry("PDT", -7), Map.entry("CET", 1),
            Map.entry("CEST", 2), Map.entry("BST", 1), Map.entry("JST", 9));

    private MailDateParser() {
    }

    static Instant parse(String value) {
        if (value == null || value.isBlank() || value.length() > 200) {
            return null;
        }
        try {
            Instant rfc = parseRfc(value);
            return rfc != null ? rfc : parseOther(value.strip());
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static Instant parseRfc(String value) {
        Matcher m = RFC_DATE.matcher(value);
        if (!m.find()) {
            return null;
        }
        int month = month(m.group(2));
        if (month < 1) {
            return null;
        }

        int year = fullYear(m.group(3));
        LocalDateTime local = LocalDateTime.of(year, month, Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Math.min(59, Integer.parseInt(m.group(6))));
        return local.toInstant(zone(m.group(7)));
    }

    private static Instant parseOther(String value) {
        Matcher m = MONTH_FIRST.matcher(value);
        if (m.find() && month(m.group(1)) > 0) {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(6)),
                    month(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)));
            return local.toInstant(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int month(String name) {
        int index = MONTHS.indexOf(name.toLowerCase(Locale.ROOT));
        return index >= 0 && index % 3 == 0 ? index / 3 + 1 : -1;
    }

    /** RFC 5322 section 4.3: two-digit years below 50 are 20xx, three-digit add 1900. */
    private static int fullYear(String digits) {
        int year = Integer.parseInt(digits);
        if (digits.length() == 2) {
            return year < 50 ? 2000 + year : 1900 + year;
        }
        return digits.length() == 3 ? 1900 + year : year;
    }

    private static ZoneOffset zone(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        if (zone.startsWith("+") || zone.startsWith("-")) {
            String digits = zone.replace(":", "");
            int hours = Integer.parseInt(digits.substring(1, 3));
            int minutes = Integer.parseInt(digits.substring(3, 5));
            int sign = zone.startsWith("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * Math.min(hours, 18), sign * minutes % 60);
        }
        return ZoneOffset.ofHours(ZONES.getOrDefault(zone.toUpperCase(Locale.ROOT), 0));
    }
}
