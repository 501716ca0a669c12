package dev.actionbox.intake;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a message from a stream into one array no longer than a limit. It reads into chunks
 * that grow from 64 KB to 4 MB and copies them once into an array of the exact size, so a
 * 25 MB message needs twice its size for a moment and a small one costs little.
 */
final class MessageBytes {

    private static final int FIRST_CHUNK = 64 * 1024;
    private static final int LARGEST_CHUNK = 4 * 1024 * 1024;

    private MessageBytes() {
    }

    /** The message was larger than the limit; the stream was read to its end or to a cap. */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long limit;
        private final boolean drained;

        TooLargeException(long limit, boolean drained) {
            super("message exceeds the limit of " + limit + " bytes", null, false, false);
            this.limit = limit;
            this.drained = drained;
        }

        long limit() {
            return limit;
        }

        /** False when the sender kept sending past the drain cap and the rest was not read. */
        boolean drained() {
            return drained;
        }
    }

    /**
     * Reads the whole stream, putting {@code prefix} before it.
     *
     * @param limit the most bytes the stream may hold, without the prefix
     * @param drainCap when the limit is passed, how many more bytes are read and discarded so
     *        that the protocol can answer after the end of the data
     * @throws TooLargeException when the stream holds more than {@code limit} bytes
     */
    static byte[] read(InputStream in, byte[] prefix, long limit, long drainCap)
            throws IOException, TooLargeException {
        List<byte[]> chunks = new ArrayList<>();
        long total = 0;
        int size = FIRST_CHUNK;
        int last;
        do {
            byte[] chunk = new byte[size];
            last = in.readNBytes(chunk, 0, size);
            total += last;
            if (total > limit) {
                chunks.clear();
                throw new TooLargeException(limit, drain(in, drainCap));
            }
            chunks.add(chunk);
            size = Math.min(LARGEST_CHUNK, size * 2);
        } while (last == chunks.get(chunks.size() - 1).length);
        return join(prefix, chunks, total, last);
    }

    private static byte[] join(byte[] prefix, List<byte[]> chunks, long total, int last) {
        byte[] raw = new byte[Math.toIntExact(prefix.length + total)];
        System.arraycopy(prefix, 0, raw, 0, prefix.length);
        int position = prefix.length;
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.get(i);
            int length = i == chunks.size() - 1 ? last : chunk.length;
            System.arraycopy(chunk, 0, raw, position, length);
            chunks.set(i, null);
            position += length;
        }
        return raw;
    }

    private static boolean drain(InputStream in, long cap) throws IOException {
        byte[] scratch = new byte[64 * 1024];
        long skipped = 0;
        int read;
        while ((read = in.read(scratch)) >= 0) {
            skipped += read;
            if (skipped > cap) {
                return false;
            }
        }
        return true;
    }
}
