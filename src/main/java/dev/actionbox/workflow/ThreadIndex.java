package dev.actionbox.workflow;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Outlook's Thread-Index header (the conversation index of MS-OXOMSG section 2.2.1.3): a 22
 * byte header block naming the conversation, then one 5 byte child block per reply. A reply
 * that carries its parent's index plus a child block stays in the Outlook user's conversation.
 */
final class ThreadIndex {

    private static final int HEADER_BYTES = 22;
    private static final int CHILD_BYTES = 5;
    /** 100 ns ticks between 1601-01-01 (FILETIME's epoch) and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET_MILLIS = 11_644_473_600_000L;

    private ThreadIndex() {
    }

    /**
     * The index of a reply to a message with the given index.
     *
     * @return empty when the parent's value is not a conversation index
     */
    static Optional<String> reply(String parentBase64, Instant now, RandomGenerator random) {
        byte[] parent;
        try {
            parent = Base64.getMimeDecoder().decode(parentBase64.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (parent.length < HEADER_BYTES || (parent.length - HEADER_BYTES) % CHILD_BYTES != 0) {
            return Optional.empty();
        }

        long diff = Math.max(0, fileTime(now) - headerTime(parent));
        // Delta code 0 keeps bits 18..48 of the difference; differences over about 1.7 years
        // need code 1, which keeps bits 23..53.
        boolean far = diff >= (1L << 49);
        long delta = (far ? diff >>> 23 : diff >>> 18) & 0x7FFF_FFFFL;
        int first = (int) ((far ? 0x8000_0000L : 0) | delta);
        ByteBuffer reply = ByteBuffer.allocate(parent.length + CHILD_BYTES);
        reply.put(parent).putInt(first).put((byte) random.nextInt(256));
        return Optional.of(Base64.getEncoder().encodeToString(reply.array()));
    }

    /** The header block holds the five most significant bytes of a FILETIME. */
    private static long headerTime(byte[] index) {
        long time = 0;
        for (int i = 1; i <= 5; i++) {
            time = (time << 8) | (index[i] & 0xFF);
        }
        return time << 24;
    }

    private static long fileTime(Instant instant) {
        return (instant.toEpochMilli() + FILETIME_EPOCH_OFFSET_MILLIS) * 10_000;
    }
}
