package dev.actionbox.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Content-Type or Content-Disposition value: the lower-case main value and its parameters,
 * with RFC 2231 continuations and charsets ({@code filename*0*=utf-8''...}) joined and decoded,
 * and RFC 2047 words in plain parameters decoded because many mailers put them there.
 *
 * @param value the lower-case value before the first ';', e.g. {@code text/plain}, or ""
 * @param params parameter values by lower-case name
 */
record MimeHeaderValue(String value, Map<String, String> params) {

    static final MimeHeaderValue EMPTY = new MimeHeaderValue("", Map.of());

    /** The main value ends at white space or a comment when the ';' is missing. */
    private static final Pattern VALUE_END = Pattern.compile("[\\s(]");

    MimeHeaderValue {
        params = Map.copyOf(params);
    }

    String param(String name) {
        return params.get(name);
    }

    static MimeHeaderValue parse(String text, ParseWarnings warnings, String where) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }

        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, Segment>> continued = new HashMap<>();
        String value = null;
        for (String piece : splitOutsideQuotes(text)) {
            if (value == null) {
                String[] tokens = VALUE_END.split(piece.strip(), 2);
                value = tokens[0].toLowerCase(Locale.ROOT);
                continue;
            }
            int eq = piece.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = piece.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String raw = unquote(piece.substring(eq + 1).strip());
            addParameter(name, raw, plain, continued);
        }

        Map<String, String> params = new HashMap<>();
        plain.forEach((name, raw) ->
                params.put(name, EncodedWordDecoder.decode(raw, warnings, where)));
        // RFC 2231 values win over plain ones of the same name (section 4.1, last paragraph).
        continued.forEach((name, segments) ->
                params.put(name, joinSegments(segments, warnings, where)));
        return new MimeHeaderValue(value == null ? "" : value, params);
    }

    private static void addParameter(
            String name,
            String raw,
            Map<String, String> plain,
            Map<String, TreeMap<Integer, Segment>> continued) {
        int star = name.indexOf('*');
        if (star < 0) {
            plain.putIfAbsent(name, raw);
            return;
        }

        String base = name.substring(0, star);
        String rest = name.substring(star + 1);
        boolean encoded = rest.endsWith("*") || rest.isEmpty();
        String number = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
        int index;
        try {
            index = number.isEmpty() ? 0 : Integer.parseInt(number);
        } catch (NumberFormatException e) {
            plain.putIfAbsent(name, raw);
            return;
        }
        continued.computeIfAbsent(base, k -> new TreeMap<>())
                .putIfAbsent(index, new Segment(raw, encoded));
    }

    /** RFC 2231 section 4: the first encoded segment carries charset'language'. */
    private static String joinSegments(
            TreeMap<Integer, Segment> segments, ParseWarnings warnings, String where) {
        String charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (Segment segment : segments.values()) {
            String text = segment.text();
            if (segment.encoded() && first) {
                int q1 = text.indexOf('\'');
                int q2 = q1 < 0 ? -1 : text.indexOf('\'', q1 + 1);
                if (q2 > 0) {
                    charset = text.substring(0, q1);
                    text = text.substring(q2 + 1);
                }
            }
            first = false;
            if (segment.encoded()) {
                percentDecode(text, bytes);
            } else {
                bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            }
        }
        String label = charset == null || charset.isBlank() ? "utf-8" : charset;
        return LenientTextDecoder.decode(bytes.toByteArray(), label, warnings, where);
    }

    private static void percentDecode(String text, ByteArrayOutputStream out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static java.util.List<String> splitOutsideQuotes(String text) {
        java.util.List<String> pieces = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                pieces.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        pieces.add(current.toString());
        return pieces;
    }

    private static String unquote(String raw) {
        if (raw.length() < 1 || raw.charAt(0) != '"') {
            return stripComment(raw);
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(i + 1);
                // Windows paths in filenames are sent with unescaped backslashes; keep them.
                if (next == '"' || next == '\\') {
                    out.append(next);
                    i++;
                    continue;
                }
            }
            if (c == '"') {
                break;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A token value may be followed by an RFC 5322 comment, e.g. {@code us-ascii (Plain)}. */
    private static String stripComment(String raw) {
        int paren = raw.indexOf(" (");
        return paren > 0 ? raw.substring(0, paren).strip() : raw;
    }

    private record Segment(String text, boolean encoded) {
    }
}
