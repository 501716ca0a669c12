package dev.actionbox.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MboxReaderTest {

    private static final String MBOX = """
            From alice@example.org Thu Mar  5 09:30:00 2026
            From: alice@example.org
            Subject: one

            >From the top, one quote.
            >>From a quoted quote.
            From here on the line does not follow a blank line.

            From bob@example.org Thu Mar  5 09:31:00 2026
            From: bob@example.org
            Subject: two

            Last line.

            """;

    @Test
    void next_mboxrd_splitsAtFromLinesAndRemovesOneQuoteFromEveryQuotedFromLine()
            throws IOException {
        List<String> messages = read(MBOX, MboxFormat.MBOXRD, 10_000);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).isEqualTo("From: alice@example.org\nSubject: one\n\n"
                + "From the top, one quote.\n>From a quoted quote.\n"
                + "From here on the line does not follow a blank line.\n");
        assertThat(messages.get(1)).isEqualTo("From: bob@example.org\nSubject: two\n\n"
                + "Last line.\n");
    }

    @Test
    void next_mboxo_removesTheQuoteOnlyFromSingleQuotedFromLines() throws IOException {
        List<String> messages = read(MBOX, MboxFormat.MBOXO, 10_000);

        assertThat(messages.get(0)).contains("\nFrom the top, one quote.\n")
                .contains("\n>>From a quoted quote.\n");
    }

    @Test
    void next_crlfFile_keepsCrlfAndDropsTheSeparatorsBlankLine() throws IOException {
        String crlf = MBOX.replace("\n", "\r\n");

        List<String> messages = read(crlf, MboxFormat.MBOXRD, 10_000);

        assertThat(messages.get(1)).isEqualTo(
                "From: bob@example.org\r\nSubject: two\r\n\r\nLast line.\r\n");
    }

    @Test
    void next_messageOverTheLimit_isReportedBySizeAndTheNextOneStillRead() throws IOException {
        String big = MBOX.replace("Last line.", "x".repeat(500));

        MboxReader reader = reader(big, MboxFormat.MBOXRD, 300);
        MboxReader.Entry first = reader.next().orElseThrow();
        MboxReader.Entry second = reader.next().orElseThrow();

        assertThat(first.tooLarge()).isFalse();
        assertThat(second.tooLarge()).isTrue();
        assertThat(second.size()).isGreaterThan(300);
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void next_fileNotStartingWithFromLine_isRefused() {
        MboxReader reader = reader("Subject: not an mbox\n\nText\n", MboxFormat.MBOXRD, 1000);

        assertThatThrownBy(reader::next).isInstanceOf(IOException.class)
                .hasMessageContaining("not an mbox");
    }

    private static List<String> read(String mbox, MboxFormat format, long limit)
            throws IOException {
        MboxReader reader = reader(mbox, format, limit);
        List<String> out = new ArrayList<>();
        Optional<MboxReader.Entry> entry;
        while ((entry = reader.next()).isPresent()) {
            out.add(new String(entry.get().raw(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static MboxReader reader(String mbox, MboxFormat format, long limit) {
        return new MboxReader(new ByteArrayInputStream(mbox.getBytes(StandardCharsets.UTF_8)),
                format, limit);
    }
}
