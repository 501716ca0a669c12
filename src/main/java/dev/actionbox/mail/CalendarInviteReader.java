package dev.actionbox.mail;

import java.util.Locale;

/**
 * Reads the few iCalendar (RFC 5545) properties a task needs from a text/calendar body: the
 * calendar's METHOD and the first VEVENT's UID, SUMMARY and DTSTART.
 */
final class CalendarInviteReader {

    private CalendarInviteReader() {
    }

    /**
     * @param methodParam the Content-Type {@code method} parameter, used when METHOD is absent
     */
    static CalendarInvite read(String ics, String methodParam) {
        String method = null;
        String uid = null;
        String summary = null;
        String dtstart = null;
        boolean inEvent = false;
        boolean eventDone = false;
        for (String line : unfold(ics).split("\n")) {
            String name = propertyName(line);
            String value = propertyValue(line);
            if (name.equals("BEGIN") && value.equalsIgnoreCase("VEVENT")) {
                inEvent = !eventDone;
            } else if (name.equals("END") && value.equalsIgnoreCase("VEVENT")) {
                eventDone = eventDone || inEvent;
                inEvent = false;
            } else if (name.equals("METHOD") && method == null) {
                method = value.toUpperCase(Locale.ROOT);
            } else if (inEvent && name.equals("UID") && uid == null) {
                uid = value;
            } else if (inEvent && name.equals("SUMMARY") && summary == null) {
                summary = unescape(value);
            } else if (inEvent && name.equals("DTSTART") && dtstart == null) {
                dtstart = value;
            }
        }
        if (method == null && methodParam != null && !methodParam.isBlank()) {
            method = methodParam.strip().toUpperCase(Locale.ROOT);
        }
        return new CalendarInvite(method, uid, summary, dtstart);
    }

    /** RFC 5545 section 3.1: a line break followed by one space or tab continues the line. */
    private static String unfold(String ics) {
        return ics.replace("\r\n", "\n").replace('\r', '\n')
                .replace("\n ", "").replace("\n\t", "");
    }

    /** The name before ';' parameters or ':', upper case. */
    private static String propertyName(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != ';' && line.charAt(end) != ':') {
            end++;
        }
        return line.substring(0, end).strip().toUpperCase(Locale.ROOT);
    }

    /** The value after the first ':' that is not inside a quoted parameter value. */
    private static String propertyValue(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return line.substring(i + 1).strip();
            }
        }
        return "";
    }

    private static String unescape(String value) {
        return value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",")
                .replace("\\;", ";").replace("\\\\", "\\");
    }
}
