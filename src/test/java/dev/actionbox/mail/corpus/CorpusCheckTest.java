package dev.actionbox.mail.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.actionbox.mail.MessageParser;
import dev.actionbox.mail.ParsePolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusCheckTest {

    private static final Path SHARED_CORPUS = Path.of("..", "shared", "corpus");

    private final CorpusCheck check = new CorpusCheck(new MessageParser(ParsePolicy.defaults()));
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void run_sharedCorpus_meetsAtLeast97PercentOfExpectations() throws IOException {
        if (!Files.isDirectory(SHARED_CORPUS)) {
            System.out.println("Shared corpus " + SHARED_CORPUS.toAbsolutePath()
                    + " is absent; the corpus check is skipped.");
        }
        assumeTrue(Files.isDirectory(SHARED_CORPUS), "shared corpus is absent");

        CorpusCheck.Counts counts = check.run(SHARED_CORPUS, out);

        System.out.print(output.toString(StandardCharsets.UTF_8));
        int total = counts.passed() + counts.failed();
        assertThat(total).isPositive();
        assertThat(counts.passed() * 100.0 / total).isGreaterThanOrEqualTo(97.0);
        // The corpus holds a few deliberately broken messages (missing boundaries, no header);
        // those are read as far as they go and marked malformed, and nothing else is.
        assertThat(counts.parseErrors()).isLessThan(counts.files() / 20);
    }

    @Test
    void run_ownSmallCorpus_countsEachExpectation(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("one.eml"),
                "From: Ann <ann@example.org>\r\nSubject:  Hello   world\r\n\r\nBody text here\r\n");
        Files.writeString(dir.resolve("reply.txt"), "Thanks!\n\nOn Mon, Ann wrote:\n> hi\n");
        Files.writeString(dir.resolve("reply.txt.expected.txt"), "Thanks!\n");
        Files.writeString(dir.resolve("MANIFEST.tsv"),
                "file\tsource_repo\tsource_path\tlicense\tsubject\tfrom_address"
                        + "\tattachment_count\ttext_contains\tnotes\n"
                        + "one.eml\tr\tp\tl\tHello world\tann@example.org\t1\tBody  text\tn\n"
                        + "missing.eml\tr\tp\tl\tAbsent\t\t\t\tn\n");
        Files.writeString(dir.resolve("REPLY_MANIFEST.tsv"),
                "file\tsource_repo\tsource_path\tlicense\texpected_visible_text_file\n"
                        + "reply.txt\tr\tp\tl\treply.txt.expected.txt\n");

        CorpusCheck.Counts counts = check.run(dir, out);

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(counts.passed()).isEqualTo(4);
        assertThat(counts.failed()).isEqualTo(2);
        assertThat(printed).contains("one.eml [attachment_count] expected=«1» got=«0")
                .contains("missing.eml [subject]");
        assertThat(printed.strip()).endsWith("4 passed, 2 failed");
    }

    @Test
    void run_absentFolder_saysSoPlainly(@TempDir Path dir) throws IOException {
        CorpusCheck.Counts counts = check.run(dir.resolve("nope"), out);

        assertThat(counts.files()).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("is absent");
    }
}
