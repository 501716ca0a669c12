package dev.actionbox.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageBytesTest {

    @Test
    void read_streamAcrossSeveralChunks_isJoinedAfterThePrefix() throws Exception {
        byte[] body = new byte[300_000];
        new Random(3).nextBytes(body);
        byte[] prefix = "Received: here\r\n".getBytes(StandardCharsets.US_ASCII);

        byte[] raw = MessageBytes.read(new ByteArrayInputStream(body), prefix, 1_000_000, 0);

        assertThat(raw).hasSize(prefix.length + body.length).startsWith(prefix).endsWith(body);
    }

    @Test
    void read_overTheLimit_failsAfterReadingTheRest() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[200_000]);

        assertThatThrownBy(() -> MessageBytes.read(in, new byte[0], 100_000, 1_000_000))
                .isInstanceOfSatisfying(MessageBytes.TooLargeException.class,
                        e -> assertThat(e.drained()).isTrue());
        assertThat(in.available()).isZero();
    }

    @Test
    void read_senderGoesOnPastTheDrainCap_saysItStopped() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[3_000_000]);

        assertThatThrownBy(() -> MessageBytes.read(in, new byte[0], 100_000, 500_000))
                .isInstanceOfSatisfying(MessageBytes.TooLargeException.class,
                        e -> assertThat(e.drained()).isFalse());
    }
}
