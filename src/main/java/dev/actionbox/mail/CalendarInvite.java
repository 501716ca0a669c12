package dev.actionbox.mail;

/**
 * The first event of a text/calendar part (iCalendar, RFC 5545). Values are as written in the
 * calendar; {@code dtstart} keeps its iCalendar form such as {@code 20260310T140000Z}.
 *
 * @param method REQUEST, CANCEL, REPLY... from METHOD or the Content-Type parameter, or null
 * @param uid the event UID, or null
 * @param summary the event SUMMARY with iCalendar escapes removed, or null
 * @param dtstart the DTSTART value, or null
 */
public record CalendarInvite(String method, String uid, String summary, String dtstart) {
}
