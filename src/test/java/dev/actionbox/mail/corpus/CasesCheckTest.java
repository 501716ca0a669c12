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

class CasesCheckTest {

    private static final Path SHARED_CASES = Path.of("..", "shared", "cases");

    private final CasesCheck check = new CasesCheck(new MessageParser(ParsePolicy.defaults()));
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void run_sharedCases_passEveryParseLevelExpectation() throws IOException {
        if (!Files.isDirectory(SHARED_CASES)) {
            System.out.println("Shared cases " + SHARED_CASES.toAbsolutePath()
                    + " are absent; the cases check is skipped.");
        }
        assumeTrue(Files.isDirectory(SHARED_CASES), "shared cases are absent");

        CasesCheck.Counts counts = check.run(SHARED_CASES, out);

        System.out.print(output.toString(StandardCharsets.UTF_8));
        assertThat(counts.passed()).isPositive();
        assertThat(counts.failed()).isZero();
    }

    @Test
    void run_ownCase_checksKeysAndSkipsServerKeys(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("C1.eml"), "From: Ann <ann@example.org>\r\n"
                + "Subject: Hi\r\nAuto-Submitted: auto-replied\r\n\r\nAway until Monday.\r\n");
        Files.writeString(dir.resolve("C1.expected.json"), """
                {"subject": "Hi", "from": "ann@example.org", "from_name": "Bob",
                 "is_auto_reply": true, "text_contains": ["Away", "Monday"],
                 "creates_ticket": false, "note": "own case", "max_parse_ms": 100}
                """);

        CasesCheck.Counts counts = check.run(dir, out);

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(counts.passed()).isEqualTo(5);
        assertThat(counts.failed()).isEqualTo(1);
        assertThat(counts.needsServer()).isEqualTo(1);
        assertThat(printed).contains("C1 [from_name] expected=«\"Bob\"» got=«Ann»")
                .contains("REPORT C1 parsed in");
        assertThat(printed.strip()).endsWith("5 passed, 1 failed");
    }

    @Test
    void run_absentFolder_saysSoPlainly(@TempDir Path dir) throws IOException {
        CasesCheck.Counts counts = check.run(dir.resolve("nope"), out);

        assertThat(counts.cases()).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("is absent");
    }
}
