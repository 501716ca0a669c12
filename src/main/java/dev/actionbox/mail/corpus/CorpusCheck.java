package dev.actionbox.mail.corpus;

import dev.actionbox.mail.MessageParser;
import dev.actionbox.mail.ParsePolicy;
import dev.actionbox.mail.ParsedMessage;
import dev.actionbox.mail.VisibleTextExtractor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs the parser and the visible-text extractor over the shared real-world corpus (see the
 * corpus README: MANIFEST.tsv for MIME parsing, REPLY_MANIFEST.tsv for quote stripping) and
 * compares every filled expectation. Never stops on a file: a crash counts as a failure of
 * that file's expectations. The last line printed is {@code N passed, N failed}.
 */
public final class CorpusCheck {

    /**
     * @param passed expectations met
     * @param failed expectations missed (including those of files that crashed or are missing)
     * @param files files read
     * @param parseErrors files whose ParsedMessage carries a parseError
     */
    public record Counts(int passed, int failed, int files, int parseErrors) {
    }

    private final MessageParser parser;

    public CorpusCheck(MessageParser parser) {
        this.parser = parser;
    }

    /** Checks the corpus in {@code dir}; prints mismatches and a summary to {@code out}. */
    public Counts run(Path dir, PrintStream out) throws IOException {
        if (!Files.isDirectory(dir)) {
            out.println("Corpus folder " + dir + " is absent; nothing was checked.");
            out.println("0 passed, 0 failed");
            return new Counts(0, 0, 0, 0);
        }

        CheckTally tally = new CheckTally(out);
        int[] files = new int[1];
        int[] parseErrors = new int[1];
        checkManifest(dir, tally, files, parseErrors);
        checkReplies(dir, tally, files);

        out.println(files[0] + " files read, " + parseErrors[0] + " with a parse error");
        tally.printColumns();
        out.println(tally.passed() + " passed, " + tally.failed() + " failed");
        return new Counts(tally.passed(), tally.failed(), files[0], parseErrors[0]);
    }

    private void checkManifest(Path dir, CheckTally tally, int[] files, int[] parseErrors)
            throws IOException {
        Path manifest = dir.resolve("MANIFEST.tsv");
        if (!Files.isRegularFile(manifest)) {
            tally.fail("MANIFEST.tsv", "manifest", "present", "absent");
            return;
        }
        List<String> rows = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split("\t", -1);
            if (cells.length < 8 || cells[0].isBlank()) {
                continue;
            }
            files[0]++;
            ParsedMessage message = parseSafely(dir.resolve(cells[0]));
            if (message != null && message.parseError() != null) {
                parseErrors[0]++;
            }
            compareRow(cells, message, tally);
        }
    }

    private ParsedMessage parseSafely(Path file) {
        try {
            return parser.parse(Files.readAllBytes(file));
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static void compareRow(String[] cells, ParsedMessage m, CheckTally tally) {
        String file = cells[0];
        String[] columns = {"subject", "from_address", "attachment_count", "text_contains"};
        for (int i = 0; i < columns.length; i++) {
            String expected = cells[4 + i];
            if (expected.isEmpty()) {
                continue;
            }
            if (m == null) {
                tally.fail(file, columns[i], expected, "(could not be read)");
                continue;
            }
            switch (columns[i]) {
                case "subject" -> tally.check(
                        normalize(m.subject()).equals(normalize(expected)),
                        file, "subject", expected, m.subject());
                case "from_address" -> {
                    String got = m.from() == null ? null : m.from().address();
                    tally.check(got != null && got.equalsIgnoreCase(expected.strip()),
                            file, "from_address", expected, got);
                }
                case "attachment_count" -> tally.check(
                        String.valueOf(m.attachments().size()).equals(expected.strip()),
                        file, "attachment_count", expected, m.attachments().size()
                                + " " + m.attachments().stream()
                                .map(a -> a.filename() + ":" + a.contentType()).toList());
                default -> tally.check(
                        normalize(m.textFull()).contains(normalize(expected)),
                        file, "text_contains", expected, m.textFull());
            }
        }
    }

    private void checkReplies(Path dir, CheckTally tally, int[] files) throws IOException {
        Path manifest = dir.resolve("REPLY_MANIFEST.tsv");
        if (!Files.isRegularFile(manifest)) {
            tally.fail("REPLY_MANIFEST.tsv", "manifest", "present", "absent");
            return;
        }
        List<String> rows = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split("\t", -1);
            if (cells.length < 5 || cells[0].isBlank()) {
                continue;
            }
            files[0]++;
            String visible = visibleTextSafely(dir.resolve(cells[0]));
            String expectedFile = cells[4].strip();
            if (expectedFile.isEmpty()) {
                continue;
            }
            String expected = readSafely(dir.resolve(expectedFile));
            boolean ok = visible != null && expected != null
                    && visible.strip().equals(expected.strip());
            tally.check(ok, cells[0], "visible_text", expected, visible);
        }
    }

    private String visibleTextSafely(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".eml")) {
                // talon's expectation is quote removal only: signatures stay (corpus README).
                return VisibleTextExtractor.withoutQuotedHistory(parser.parse(bytes).textFull());
            }
            return VisibleTextExtractor.extract(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static String readSafely(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String normalize(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\u00a0]+", " ").strip();
    }

    /** Usage: {@code CorpusCheck [DIR]}, DIR defaulting to ../shared/corpus. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
        Counts counts = new CorpusCheck(new MessageParser(ParsePolicy.defaults()))
                .run(dir, System.out);
        if (counts.files() == 0 && !Files.isDirectory(dir)) {
            System.exit(2);
        }
    }
}
