package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCorpusCommandTest {

    @TempDir
    Path dir;

    @Test
    void checkCorpus_absentFolder_isAUsageError() {
        assertThat(Main.run("check-corpus", dir.resolve("nope").toString())).isEqualTo(2);
    }

    @Test
    void checkCorpus_ownCorpus_exitsByThePassRate() throws IOException {
        Files.writeString(dir.resolve("a.eml"), "From: Ann <ann@example.org>\r\n"
                + "Subject: Hello\r\n\r\nBody text\r\n");
        Files.writeString(dir.resolve("MANIFEST.tsv"), "file\tsource_repo\tsource_path\tlicense"
                + "\tsubject\tfrom_address\tattachment_count\ttext_contains\tnotes\n"
                + "a.eml\tr\tp\tl\tHello\tann@example.org\t\tBody\tn\n"
                + "a.eml\tr\tp\tl\tGoodbye\t\t\t\tn\n");

        assertThat(Main.run("check-corpus", dir.toString())).isEqualTo(1);
        assertThat(Main.run("check-corpus", "--min-pass-rate", "60", dir.toString())).isZero();
    }
}
