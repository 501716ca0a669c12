package dev.actionbox.mail;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes attachment file names safe to show and store, and invents one for parts without a
 * name. A name never carries a directory: "../../etc/passwd" becomes "passwd".
 */
final class FileNames {

    private static final int MAX_LENGTH = 200;

    private static final String OOXML = "application/vnd.openxmlformats-officedocument.";

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("text/plain", "txt"), Map.entry("text/html", "html"),
            Map.entry("text/calendar", "ics"), Map.entry("text/csv", "csv"),
            Map.entry("text/rfc822-headers", "txt"), Map.entry("message/rfc822", "eml"),
            Map.entry("message/delivery-status", "txt"), Map.entry("image/png", "png"),
            Map.entry("image/jpeg", "jpg"), Map.entry("image/gif", "gif"),
            Map.entry("image/webp", "webp"), Map.entry("image/svg+xml", "svg"),
            Map.entry("image/bmp", "bmp"), Map.entry("image/tiff", "tif"),
            Map.entry("application/pdf", "pdf"), Map.entry("application/zip", "zip"),
            Map.entry("application/json", "json"), Map.entry("application/xml", "xml"),
            Map.entry("application/msword", "doc"), Map.entry("application/ms-tnef", "dat"),
            Map.entry("application/pgp-signature", "asc"),
            Map.entry("application/pkcs7-signature", "p7s"),
            Map.entry("application/x-pkcs7-signature", "p7s"),
            Map.entry("audio/mpeg", "mp3"), Map.entry("video/mp4", "mp4"));

    private FileNames() {
    }

    static String sanitize(String name) {
        if (name == null) {
            return "";
        }
        String base = name;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        if (slash >= 0 && slash < base.length() - 1) {
            base = base.substring(slash + 1);
        }
        StringBuilder out = new StringBuilder(base.length());
        base.codePoints()
                .filter(c -> c >= 0x20 && c != 0x7f && c != '/' && c != '\\')
                .forEach(out::appendCodePoint);
        String clean = WHITE_SPACE.matcher(out).replaceAll(" ").strip();
        while (clean.startsWith(".")) {
            clean = clean.substring(1);
        }
        return clean.length() <= MAX_LENGTH ? clean : clean.substring(0, MAX_LENGTH);
    }

    static String generated(int number, String type) {
        return "part-" + number + "." + EXTENSIONS.getOrDefault(type, "bin");
    }

    static String typeOf(String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String extension = dot < 0 ? "" : lower.substring(dot + 1);
        for (Map.Entry<String, String> entry : EXTENSIONS.entrySet()) {
            if (entry.getValue().equals(extension) && !entry.getKey().startsWith("message/")
                    && !entry.getKey().equals("text/rfc822-headers")) {
                return entry.getKey();
            }
        }
        return switch (extension) {
            case "jpeg" -> "image/jpeg";
            case "docx" -> OOXML + "wordprocessingml.document";
            case "xlsx" -> OOXML + "spreadsheetml.sheet";
            case "eml" -> "message/rfc822";
            default -> "application/octet-stream";
        };
    }
}
