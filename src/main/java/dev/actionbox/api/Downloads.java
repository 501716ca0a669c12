package dev.actionbox.api;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Headers for bytes sent as a file: a name the browser can use, a type it can trust. */
final class Downloads {

    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");
    private static final int MAX_NAME_CHARS = 200;

    private Downloads() {
    }

    /**
     * The sender's content type without its parameters when it is a well-formed type, else
     * application/octet-stream: it came from a mail header and may hold anything.
     */
    static String contentType(String declared) {
        String type = declared == null ? "" : declared.split(";", 2)[0].trim();
        return MEDIA_TYPE.matcher(type).matches() ? type : "application/octet-stream";
    }

    /**
     * {@code attachment} with an ASCII fallback name and the UTF-8 name of RFC 6266, both
     * stripped of quotes, path separators and control characters.
     */
    static String disposition(String name) {
        String safe = name.codePoints()
                .filter(c -> c >= 0x20 && c != 0x7f && !Character.isISOControl(c))
                .filter(c -> c != '"' && c != '\\' && c != '/' && c != ';')
                .limit(MAX_NAME_CHARS)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append)
                .toString().strip();
        if (safe.isEmpty()) {
            safe = "download";
        }
        String ascii = safe.replaceAll("[^\\x20-\\x7e]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encode(safe);
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0;
            out.append(plain ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return out.toString();
    }
}
