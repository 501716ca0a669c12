package dev.actionbox.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Builds test messages: text with LF line ends turned into CRLF, and raw byte pieces. */
final class MailFixtures {

    private MailFixtures() {
    }

    /** The text as CRLF-terminated UTF-8 bytes. */
    static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Joins pieces: a String is written as CRLF UTF-8, a byte[] as it is. */
    static byte[] bytes(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            out.writeBytes(piece instanceof byte[] raw ? raw : crlf(piece.toString()));
        }
        return out.toByteArray();
    }

    static byte[] encode(String text, String charset) {
        return text.getBytes(Charset.forName(charset));
    }

    /** A minimal TNEF stream holding the given files (name, content pairs). */
    static byte[] tnef(String... namesAndContents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, 0x223E9F78);
        out.write(0x01);
        out.write(0x00);
        attribute(out, 1, 0x00078008,
                "IPM.Microsoft Mail.Note\0".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < namesAndContents.length; i += 2) {
            attribute(out, 2, 0x00069002, new byte[14]);
            attribute(out, 2, 0x00018010,
                    (namesAndContents[i] + "\0").getBytes(StandardCharsets.ISO_8859_1));
            attribute(out, 2, 0x0006800F,
                    namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void attribute(ByteArrayOutputStream out, int level, int id, byte[] data) {
        out.write(level);
        writeInt(out, id);
        writeInt(out, data.length);
        out.writeBytes(data);
        int sum = 0;
        for (byte b : data) {
            sum = (sum + (b & 0xff)) & 0xffff;
        }
        out.write(sum & 0xff);
        out.write(sum >> 8);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write((value >> 8) & 0xff);
        out.write((value >> 16) & 0xff);
        out.write((value >> 24) & 0xff);
    }
}
