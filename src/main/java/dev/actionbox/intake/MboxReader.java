package dev.actionbox.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the messages of an mbox file one at a time, so an archive of any size needs memory
 * for one message only. A line {@code From ...} at the start of the file or after an empty
 * line starts a message; the empty line before it belongs to the format, not the message.
 * Not thread safe.
 */
final class MboxReader {

    /** One message of the file: its bytes, or only its size when it was over the limit. */
    record Entry(int number, byte[] raw, long size) {
        boolean tooLarge() {
            return raw == null;
        }
    }

    private final LineReader lines;
    private final MboxFormat format;
    private final long maxMessageBytes;
    private int number;
    private boolean started;

    MboxReader(InputStream in, MboxFormat format, long maxMessageBytes) {
        this.lines = new LineReader(Objects.requireNonNull(in, "in"), maxMessageBytes + 1);
        this.format = Objects.requireNonNull(format, "format");
        this.maxMessageBytes = maxMessageBytes;
    }

    /** True when the stream starts like an mbox file. */
    static boolean looksLikeMbox(byte[] head) {
        return MboxFormat.startsWithFrom(head, 0, head.length);
    }

    /**
     * The next message, or empty at the end of the file.
     *
     * @throws IOException when reading fails, or the file does not start with a From line
     */
    Optional<Entry> next() throws IOException {
        if (!started) {
            byte[] first = lines.next();
            if (first == null) {
                return Optional.empty();
            }
            if (!MboxFormat.startsWithFrom(first, 0, first.length)) {
                throw new IOException("not an mbox file: the first line is not a 'From ' line");
            }
            started = true;
        }
        if (lines.exhausted()) {
            return Optional.empty();
        }
        return Optional.of(readMessage(++number));
    }

    private Entry readMessage(int index) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(8192);
        long size = 0;
        byte[] pendingBlank = null;
        byte[] line;
        while ((line = lines.next()) != null) {
            if (pendingBlank != null && MboxFormat.startsWithFrom(line, 0, line.length)) {
                break;
            }
            if (pendingBlank != null) {
                size += write(message, pendingBlank, 0, size);
            }
            if (isBlank(line)) {
                // Held back: it is the separator's blank line if a From line follows.
                pendingBlank = line;
                continue;
            }
            pendingBlank = null;
            int offset = format.unescapedOffset(line, 0, line.length);
            size += write(message, line, offset, size);
        }
        return size > maxMessageBytes ? new Entry(index, null, size)
                : new Entry(index, message.toByteArray(), size);
    }

    /** Appends a line unless the message is over the limit already; returns its length. */
    private long write(ByteArrayOutputStream message, byte[] line, int offset, long size) {
        int length = line.length - offset;
        if (size + length <= maxMessageBytes) {
            message.write(line, offset, length);
        } else if (message.size() > 0) {
            message.reset();
        }
        return length;
    }

    private static boolean isBlank(byte[] line) {
        return line.length == 1 && line[0] == '\n'
                || line.length == 2 && line[0] == '\r' && line[1] == '\n';
    }

    /**
     * Lines with their line end, read through a 64 KB buffer. A line longer than the longest
     * message is cut there: the message it is in is refused for its size anyway.
     */
    private static final class LineReader {
        private final InputStream in;
        private final long maxLine;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;
        private boolean eof;

        LineReader(InputStream in, long maxLine) {
            this.in = in;
            this.maxLine = maxLine;
        }

        boolean exhausted() throws IOException {
            return !fill();
        }

        byte[] next() throws IOException {
            ByteArrayOutputStream line = null;
            while (fill()) {
                int lf = indexOfLf();
                int end = lf < 0 ? limit : lf + 1;
                if (line == null && lf >= 0) {
                    byte[] whole = Arrays.copyOfRange(buffer, position, end);
                    position = end;
                    return whole;
                }
                if (line == null) {
                    line = new ByteArrayOutputStream();
                }
                int room = (int) Math.min(end - position, Math.max(0, maxLine - line.size()));
                line.write(buffer, position, room);
                position = end;
                if (lf >= 0) {
                    break;
                }
            }
            return line == null ? null : line.toByteArray();
        }

        private int indexOfLf() {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private boolean fill() throws IOException {
            if (position < limit) {
                return true;
            }
            if (eof) {
                return false;
            }
            int read = in.read(buffer);
            if (read < 0) {
                eof = true;
                return false;
            }
            position = 0;
            limit = read;
            return true;
        }
    }
}
