package dev.actionbox.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes uuencoded data: whole bodies sent with Content-Transfer-Encoding x-uuencode, and
 * "begin 644 name ... end" blocks pasted into plain text by old mailers, which are taken out of
 * the text and returned as files.
 */
final class UuDecoder {

    private static final Pattern BEGIN = Pattern.compile("^begin(?:-base64)? ([0-7]{3,4}) (.+)$");

    private UuDecoder() {
    }

    /** A file found in a text body. */
    record UuFile(String name, byte[] content) {
    }

    /** The text without its uuencoded blocks, and the files those blocks held. */
    record Extraction(String text, List<UuFile> files) {
    }

    static boolean isUuencodeTransferEncoding(String encoding) {
        return switch (encoding) {
            case "x-uuencode", "uuencode", "x-uue", "uue" -> true;
            default -> false;
        };
    }

    /** Decodes a whole body; the begin/end lines are optional. */
    static byte[] decodeBody(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 3 / 4);
        for (String line : text.split("\r?\n|\r")) {
            if (BEGIN.matcher(line).matches()) {
                continue;
            }
            if (line.equals("end")) {
                break;
            }
            decodeLine(line, out);
        }
        return out.toByteArray();
    }

    static Extraction extract(String text) {
        if (!text.contains("begin ")) {
            return new Extraction(text, List.of());
        }

        String[] lines = text.split("\n", -1);
        StringBuilder kept = new StringBuilder(text.length());
        List<UuFile> files = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            Matcher begin = BEGIN.matcher(lines[i].stripTrailing());
            int end = begin.matches() ? findEnd(lines, i + 1) : -1;
            if (end < 0) {
                kept.append(lines[i]);
                if (i < lines.length - 1) {
                    kept.append('\n');
                }
                i++;
                continue;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int j = i + 1; j < end; j++) {
                decodeLine(lines[j].stripTrailing(), out);
            }
            files.add(new UuFile(begin.group(2).strip(), out.toByteArray()));
            i = end + 1;
        }
        return new Extraction(kept.toString(), files);
    }

    private static int findEnd(String[] lines, int from) {
        for (int j = from; j < lines.length; j++) {
            String line = lines[j].stripTrailing();
            if (line.equals("end")) {
                return j;
            }
            if (!line.isEmpty() && !looksEncoded(line)) {
                return -1;
            }
        }
        return -1;
    }

    /** Uuencoded lines use only characters from space to backquote. */
    private static boolean looksEncoded(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < ' ' || c > '`') {
                return false;
            }
        }
        return true;
    }

    private static void decodeLine(String line, ByteArrayOutputStream out) {
        if (line.isEmpty()) {
            return;
        }
        int length = (line.charAt(0) - ' ') & 0x3f;
        int written = 0;
        for (int i = 1; i < line.length() && written < length; i += 4) {
            int a = value(line, i);
            int b = value(line, i + 1);
            int c = value(line, i + 2);
            int d = value(line, i + 3);
            int[] bytes = {(a << 2) | (b >> 4), ((b & 0xf) << 4) | (c >> 2), ((c & 0x3) << 6) | d};
            for (int k = 0; k < 3 && written < length; k++) {
                out.write(bytes[k] & 0xff);
                written++;
            }
        }
    }

    private static int value(String line, int index) {
        return index < line.length() ? (line.charAt(index) - ' ') & 0x3f : 0;
    }
}
