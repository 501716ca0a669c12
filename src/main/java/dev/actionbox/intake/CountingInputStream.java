package dev.actionbox.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Counts the bytes read through it, so a transfer cut off midway can say how far it got.
 *
 * <p>It counts byte by byte: the SMTP library's DATA stream fills a whole buffer before a
 * bulk read returns, so a reset in the middle of one would lose the count of all the bytes
 * already in that buffer. The library reads byte by byte underneath anyway, so this costs
 * little more.
 */
final class CountingInputStream extends FilterInputStream {

    private long count;

    CountingInputStream(InputStream in) {
        super(in);
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        int read = 0;
        while (read < length) {
            int b = read();
            if (b < 0) {
                break;
            }
            buffer[offset + read] = (byte) b;
            read++;
        }
        return read == 0 && length > 0 ? -1 : read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        count += skipped;
        return skipped;
    }
}
