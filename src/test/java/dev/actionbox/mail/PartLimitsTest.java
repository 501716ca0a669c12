package dev.actionbox.mail;

import static dev.actionbox.mail.MailFixtures.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Well-formed messages with more parts or deeper nesting than the policy reads: what was read
 * up to the limit is kept, the limit is a warning saying what was left out, and only a broken
 * structure makes the message malformed.
 */
class PartLimitsTest {

    private static final int MAX_PARTS = ParsePolicy.defaults().maxParts();

    private final MessageParser parser = new MessageParser(ParsePolicy.defaults());

    @Test
    void parse_thousandValidParts_keepsWhatWasReadAndWarnsOfMaxParts() {
        ParsedMessage m = parser.parse(crlf(manyParts(1000) + "--q--\n"));

        assertThat(m.parseError()).isNull();
        assertThat(m.subject()).isEqualTo("Quarterly files");
        assertThat(m.from().address()).isEqualTo("ana@example.org");
        assertThat(m.text()).isEqualTo("All files are attached.");
        assertThat(m.attachments()).hasSize(MAX_PARTS - 1);
        assertThat(m.attachments().get(0).filename()).isEqualTo("file2.bin");
        assertThat(m.warnings()).anyMatch(w -> w.contains("1000 body parts")
                && w.contains("maxParts=" + MAX_PARTS)
                && w.contains("part " + (MAX_PARTS + 1) + " and later were not read"));
    }

    @Test
    void parse_thousandPartsWithoutClosingBoundary_isStillMalformed() {
        ParsedMessage m = parser.parse(crlf(manyParts(1000)));

        assertThat(m.parseError()).startsWith("malformed message:")
                .contains("ended prematurely");
        assertThat(m.text()).isEqualTo("All files are attached.");
    }

    @Test
    void parse_manyDefectsBeforeTheLimit_stillListTheLimit() {
        StringBuilder text = new StringBuilder("From: ana@example.org\nSubject: odd charsets\n"
                + "Content-Type: multipart/mixed; boundary=q\n\n");
        for (int i = 1; i <= 1000; i++) {
            text.append("--q\nContent-Type: text/plain; charset=x-odd-").append(i)
                    .append("\n\nline ").append(i).append('\n');
        }

        ParsedMessage m = parser.parse(crlf(text + "--q--\n"));

        assertThat(m.warnings()).anyMatch(w -> w.contains("more defects were found"));
        assertThat(m.warnings()).anyMatch(w -> w.contains("maxParts=" + MAX_PARTS));
    }

    @Test
    void parse_twoHundredLevelsWithTextAtTheBottom_warnsThatNoTextWasReached() {
        ParsedMessage m = parser.parse(crlf("From: ana@example.org\nSubject: Deep\n"
                + nested(200, "", "Content-Type: text/plain\n\nbottom text\n")));

        assertThat(m.parseError()).isNull();
        assertThat(m.subject()).isEqualTo("Deep");
        assertThat(m.text()).isEmpty();
        assertThat(m.warnings()).anyMatch(w -> w.contains("maxDepth=20")
                && w.contains("was not read"));
        assertThat(m.warnings()).anyMatch(w -> w.startsWith("no text was found")
                && w.contains("parts left out"));
    }

    @Test
    void parse_twoHundredLevelsWithTextNearTheTop_takesThatText() {
        String shallowText = "Content-Type: text/plain\n\nshallow text\n";

        ParsedMessage m = parser.parse(crlf("From: ana@example.org\nSubject: Deep\n"
                + nested(200, shallowText, "Content-Type: text/plain\n\nbottom text\n")));

        assertThat(m.parseError()).isNull();
        assertThat(m.text()).isEqualTo("shallow text");
        assertThat(m.warnings()).anyMatch(w -> w.contains("maxDepth=20"))
                .noneMatch(w -> w.startsWith("no text was found"));
    }

    @Test
    void parse_partsAfterATooDeepBranch_areRead() {
        String deep = nested(200, "", "Content-Type: text/plain\n\nbottom text\n");

        ParsedMessage m = parser.parse(crlf("From: ana@example.org\nSubject: Mixed\n"
                + "Content-Type: multipart/mixed; boundary=top\n\n--top\n" + deep
                + "--top\nContent-Type: text/plain\n\nThe report follows.\n"
                + "--top\nContent-Type: application/pdf; name=report.pdf\n\n%PDF-1.4\n"
                + "--top--\n"));

        assertThat(m.parseError()).isNull();
        assertThat(m.text()).isEqualTo("The report follows.");
        assertThat(m.attachments()).extracting(ParsedAttachment::filename)
                .containsExactly("report.pdf");
        assertThat(m.warnings()).anyMatch(w -> w.contains("maxDepth=20"));
    }

    @Test
    void parse_warningQuotingAStructuralPhrase_isNoParseError() {
        ParsedMessage m = parser.parse(crlf("""
                From: ana@example.org
                Subject: Odd label
                Content-Type: text/plain; charset="NUL byte"

                Hello.
                """));

        assertThat(m.warnings()).anyMatch(w -> w.contains("NUL byte"));
        assertThat(m.parseError()).isNull();
    }

    /** A multipart/mixed with a text part and then {@code count - 1} small files. */
    private static String manyParts(int count) {
        StringBuilder text = new StringBuilder("From: ana@example.org\nSubject: Quarterly files\n"
                + "Content-Type: multipart/mixed; boundary=q\n\n"
                + "--q\nContent-Type: text/plain\n\nAll files are attached.\n");
        for (int i = 2; i <= count; i++) {
            text.append("--q\nContent-Type: application/octet-stream; name=file").append(i)
                    .append(".bin\n\nx\n");
        }
        return text.toString();
    }

    /**
     * {@code levels} multiparts, each the only nested part of the one above, with all closing
     * boundaries; {@code firstChild} (a whole part, or "") comes first in the fifth level,
     * {@code bottom} is the part at the bottom.
     */
    private static String nested(int levels, String firstChild, String bottom) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            // No boundary is the start of another one ("b1" would be of "b10").
            String boundary = "level-" + i + "-end";
            text.append("Content-Type: multipart/mixed; boundary=\"").append(boundary)
                    .append("\"\n\n--").append(boundary).append('\n');
            if (i == 4 && !firstChild.isEmpty()) {
                text.append(firstChild).append("--").append(boundary).append('\n');
            }
        }
        text.append(bottom);
        for (int i = levels - 1; i >= 0; i--) {
            text.append("--level-").append(i).append("-end--\n");
        }
        return text.toString();
    }
}
