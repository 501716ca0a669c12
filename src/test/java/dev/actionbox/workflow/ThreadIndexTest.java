package dev.actionbox.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThreadIndexTest {

    /** A header block whose time is 2026-03-05T09:30:00Z, as Outlook would write it. */
    private static final Instant START = Instant.parse("2026-03-05T09:30:00Z");

    @Test
    void reply_oneHourLater_appendsAChildBlockWithThatDelta() {
        String parent = header(START);

        String reply = ThreadIndex.reply(parent, START.plusSeconds(3600), new Random(1))
                .orElseThrow();

        byte[] bytes = Base64.getDecoder().decode(reply);
        byte[] parentBytes = Base64.getDecoder().decode(parent);
        assertThat(bytes).hasSize(27).startsWith(parentBytes);
        int first = ByteBuffer.wrap(bytes, 22, 4).getInt();
        assertThat(first >>> 31).as("delta code").isZero();
        long ticks = (long) first << 18;
        assertThat(ticks / 10_000_000).isBetween(3590L, 3610L);
    }

    @Test
    void reply_toSomethingElse_givesNothing() {
        assertThat(ThreadIndex.reply("not base64 at all!", START, new Random(1))).isEmpty();
        assertThat(ThreadIndex.reply("AAAA", START, new Random(1))).isEmpty();
    }

    private static String header(Instant time) {
        long fileTime = (time.toEpochMilli() + 11_644_473_600_000L) * 10_000;
        ByteBuffer block = ByteBuffer.allocate(22);
        block.put((byte) 1);
        for (int shift = 56; shift >= 24; shift -= 8) {
            block.put((byte) (fileTime >>> shift));
        }
        block.put(new byte[16]);
        return Base64.getEncoder().encodeToString(block.array());
    }
}
