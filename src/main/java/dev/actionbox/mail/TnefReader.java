package dev.actionbox.mail;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lists the files inside a TNEF stream (application/ms-tnef, "winmail.dat"), which Outlook
 * sends instead of plain MIME attachments. Only the TNEF attachment attributes are read: the
 * title (file name) and the data. MAPI property blocks (long file names, rich text) are not.
 */
final class TnefReader {

    private static final int SIGNATURE = 0x223E9F78;
    private static final int LEVEL_ATTACHMENT = 2;
    private static final int ATT_ATTACH_REND_DATA = 0x00069002;
    private static final int ATT_ATTACH_TITLE = 0x00018010;
    private static final int ATT_ATTACH_DATA = 0x0006800F;
    private static final Charset TITLE_CHARSET = LenientTextDecoder.WINDOWS_1252;

    private TnefReader() {
    }

    record TnefFile(String name, byte[] content) {
    }

    /**
     * The files found; empty when the stream is not TNEF or holds no readable file.
     *
     * <p>Limitation: the attachment's MAPI property block (attAttachment) is skipped, so a
     * long file name there is lost and the 8.3 title is used; reading PR_ATTACH_LONG_FILENAME
     * from that block would fix it.
     */
    static List<TnefFile> read(byte[] data) {
        List<TnefFile> files = new ArrayList<>();
        if (data.length < 6 || int32(data, 0) != SIGNATURE) {
            return files;
        }

        String name = null;
        byte[] content = null;
        int pos = 6;
        while (pos + 9 <= data.length) {
            int level = data[pos] & 0xff;
            int id = int32(data, pos + 1);
            long length = int32(data, pos + 5) & 0xffffffffL;
            int start = pos + 9;
            if (length > data.length - start) {
                break;
            }
            int end = start + (int) length;
            if (level == LEVEL_ATTACHMENT) {
                boolean startsNext = id == ATT_ATTACH_REND_DATA
                        || id == ATT_ATTACH_TITLE && name != null
                        || id == ATT_ATTACH_DATA && content != null;
                if (startsNext) {
                    addFile(files, name, content);
                    name = null;
                    content = null;
                }
                if (id == ATT_ATTACH_TITLE) {
                    name = title(data, start, end);
                } else if (id == ATT_ATTACH_DATA) {
                    content = Arrays.copyOfRange(data, start, end);
                }
            }
            // Each attribute ends with a 16-bit checksum.
            pos = end + 2;
        }
        addFile(files, name, content);
        return files;
    }

    private static void addFile(List<TnefFile> files, String name, byte[] content) {
        if (content != null) {
            String fileName = name == null || name.isBlank()
                    ? "attachment-" + (files.size() + 1) + ".bin" : name;
            files.add(new TnefFile(fileName, content));
        }
    }

    private static String title(byte[] data, int start, int end) {
        int stop = start;
        while (stop < end && data[stop] != 0) {
            stop++;
        }
        return new String(data, start, stop - start, TITLE_CHARSET).strip();
    }

    private static int int32(byte[] data, int pos) {
        return (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8
                | (data[pos + 2] & 0xff) << 16 | (data[pos + 3] & 0xff) << 24;
    }
}
