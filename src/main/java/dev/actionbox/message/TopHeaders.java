package dev.actionbox.message;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The few top-level header fields that intake needs and the parsed message does not carry
 * (loop markers, the MTA's Return-Path, Outlook's thread headers), read straight from the raw
 * bytes. Only the first {@link #MAX_SCAN_BYTES} are looked at, so a hostile header block costs
 * nothing more. Values are unfolded but not decoded: these fields are ASCII by nature.
 */
public final class TopHeaders {

    /** How far into the message the scan goes before it gives up on finding the body. */
    static final int MAX_SCAN_BYTES = 256 * 1024;

    private static final int MAX_VALUE_CHARS = 2_048;

    private final Map<String, String> values;

    private TopHeaders(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Reads the first value of each named field.
     *
     * @param raw the message as received
     * @param names lower-case field names, e.g. {@code x-loop}
     */
    public static TopHeaders scan(byte[] raw, Set<String> names) {
        Map<String, String> found = new LinkedHashMap<>();
        int end = Math.min(raw.length, MAX_SCAN_BYTES);
        int line = 0;
        String current = null;
        StringBuilder value = new StringBuilder();
        while (line < end) {
            int next = lineEnd(raw, line, end);
            int content = trimEol(raw, line, next);
            if (content == line) {
                break;
            }
            boolean folded = raw[line] == ' ' || raw[line] == '\t';
            if (folded && current != null) {
                appendValue(value, raw, line, content);
            } else if (!folded) {
                remember(found, current, value);
                current = fieldName(raw, line, content, names, found);
                value.setLength(0);
                if (current != null) {
                    int colon = indexOf(raw, line, content, (byte) ':');
                    appendValue(value, raw, colon + 1, content);
                }
            }
            line = next;
        }
        remember(found, current, value);
        return new TopHeaders(Map.copyOf(found));
    }

    /** The field's unfolded value, trimmed; empty when the field is absent. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT)));
    }

    private static String fieldName(byte[] raw, int start, int end, Set<String> names,
            Map<String, String> found) {
        int colon = indexOf(raw, start, end, (byte) ':');
        if (colon <= start) {
            return null;
        }
        String name = new String(raw, start, colon - start, StandardCharsets.ISO_8859_1)
                .strip().toLowerCase(Locale.ROOT);
        return names.contains(name) && !found.containsKey(name) ? name : null;
    }

    private static void remember(Map<String, String> found, String name, StringBuilder value) {
        if (name != null) {
            found.put(name, value.toString().replaceAll("\\s+", " ").strip());
        }
    }

    private static void appendValue(StringBuilder value, byte[] raw, int from, int to) {
        int room = MAX_VALUE_CHARS - value.length();
        if (room > 0) {
            int length = Math.min(room, to - from);
            value.append(' ').append(new String(raw, from, length, StandardCharsets.ISO_8859_1));
        }
    }

    private static int lineEnd(byte[] raw, int from, int end) {
        int lf = indexOf(raw, from, end, (byte) '\n');
        return lf < 0 ? end : lf + 1;
    }

    private static int trimEol(byte[] raw, int start, int next) {
        int end = next;
        while (end > start && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
            end--;
        }
        return end;
    }

    private static int indexOf(byte[] raw, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (raw[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
