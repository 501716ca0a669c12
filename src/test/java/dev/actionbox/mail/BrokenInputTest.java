package dev.actionbox.mail;

import static dev.actionbox.mail.MailFixtures.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken input: the parser returns a result for each, never throws, and stays
 * within time. Each test states the defect it reproduces.
 */
class BrokenInputTest {

    private static final Duration FAST = Duration.ofSeconds(5);

    private final MessageParser parser = new MessageParser(ParsePolicy.defaults());

    private ParsedMessage parseQuickly(byte[] raw) {
        return assertTimeoutPreemptively(FAST, () -> parser.parse(raw));
    }

    @Test
    void parse_missingClosingBoundary_keepsPartsAndMarksMalformed() {
        ParsedMessage m = parseQuickly(crlf("""
                From: a@example.org
                Subject: cut off
                Content-Type: multipart/mixed; boundary=zz

                --zz
                Content-Type: text/plain

                hello
                --zz
                Content-Type: application/pdf; name=a.pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLj
                """));

        assertThat(m.parseError()).startsWith("malformed message:").contains("ended prematurely");
        assertThat(m.textFull()).isEqualTo("hello");
        assertThat(m.attachments()).extracting(ParsedAttachment::filename).containsExactly("a.pdf");
        assertThat(m.warnings()).isNotEmpty();
    }

    @Test
    void parse_noHeaders_readsBodyAndWarns() {
        ParsedMessage m = parseQuickly(crlf("just some text\nand more\n"));

        assertThat(m.subject()).isEmpty();
        assertThat(m.from()).isNull();
        assertThat(m.textFull()).contains("just some text");
        assertThat(m.warnings()).anyMatch(w -> w.contains("no header"));
    }

    @Test
    void parse_nulBytes_areRemovedFromHeadersAndTolerated() {
        ParsedMessage m = parseQuickly(
                "From: a@example.org\r\nSubject: nul\0here\r\n\r\nbody\0x\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(m.subject()).isEqualTo("nulhere");
        assertThat(m.textFull()).isEqualTo("body\0x");
        assertThat(m.warnings()).anyMatch(w -> w.contains("NUL"));
    }

    @Test
    void parse_twoMegabyteHeaderField_isDroppedAndLaterHeadersKept() {
        byte[] raw = crlf("From: a@example.org\nX-Big: " + "x".repeat(2_000_000)
                + "\nSubject: after big\n\nbody\n");

        ParsedMessage m = parseQuickly(raw);

        assertThat(m.parseError()).startsWith("malformed message: header field X-Big")
                .contains("maxHeaderFieldBytes");
        assertThat(m.subject()).isEqualTo("after big");
        assertThat(m.textFull()).isEqualTo("body");
        assertThat(m.warnings()).anyMatch(w -> w.contains("maxHeaderFieldBytes"));
    }

    @Test
    void parse_tooManyHeaderFields_dropsTheRest() {
        StringBuilder text = new StringBuilder("From: a@example.org\nSubject: many\n");
        for (int i = 0; i < 5000; i++) {
            text.append("X-H").append(i).append(": v\n");
        }
        ParsedMessage m = parseQuickly(crlf(text + "\nbody\n"));

        assertThat(m.subject()).isEqualTo("many");
        assertThat(m.warnings()).anyMatch(w -> w.contains("maxHeaderCount"));
    }

    @Test
    void parse_deepMultipartNesting_stopsAtMaxDepth() {
        StringBuilder text = new StringBuilder("From: a@example.org\nSubject: deep\n");
        for (int i = 0; i < 5000; i++) {
            text.append("Content-Type: multipart/mixed; boundary=\"b").append(i)
                    .append("\"\n\n--b").append(i).append('\n');
        }
        text.append("Content-Type: text/plain\n\ndeep text\n");

        ParsedMessage m = parseQuickly(crlf(text.toString()));

        assertThat(m.subject()).isEqualTo("deep");
        assertThat(m.warnings()).anyMatch(w -> w.contains("maxDepth"));
    }

    @Test
    void parse_deeplyNestedForwardedMessages_stopAtMaxDepth() {
        StringBuilder text = new StringBuilder("From: a@example.org\nSubject: nested\n");
        for (int i = 0; i < 3000; i++) {
            text.append("Content-Type: message/rfc822\n\nSubject: level ").append(i).append('\n');
        }
        ParsedMessage m = parseQuickly(crlf(text + "\ninner\n"));

        assertThat(m.subject()).isEqualTo("nested");
        assertThat(m.forwarded()).hasSize(1);
    }

    @Test
    void parse_manyParts_stopsAtMaxParts() {
        StringBuilder text = new StringBuilder("From: a@example.org\nSubject: parts\n"
                + "Content-Type: multipart/mixed; boundary=q\n\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("--q\nContent-Type: application/octet-stream\n\nx\n");
        }
        ParsedMessage m = parseQuickly(crlf(text + "--q--\n"));

        assertThat(m.parseError()).isNull();
        assertThat(m.attachments()).hasSize(ParsePolicy.defaults().maxParts());
        assertThat(m.warnings()).anyMatch(w -> w.contains("maxParts"));
    }

    @Test
    void parse_junkEncodedWordStarts_staysFast() {
        ParsedMessage m = parseQuickly(crlf("From: a@example.org\nSubject: "
                + "=?x?q?".repeat(9000) + "\n\nb\n"));

        assertThat(m.subject()).startsWith("=?x?q?");
    }

    @Test
    void parse_veryLongLineWithoutBreaks_isCutToMaxText() {
        byte[] raw = crlf("From: a@example.org\nSubject: long\n\n" + "y".repeat(6_000_000) + "\n");

        ParsedMessage m = parseQuickly(raw);

        assertThat(m.textFull()).hasSize(ParsePolicy.defaults().maxTextChars());
        assertThat(m.warnings()).anyMatch(w -> w.contains("maxTextChars"));
    }

    @Test
    void parse_twentyFiveMegabyteAttachmentMessage_isReadWholly() {
        byte[] payload = new byte[18 * 1024 * 1024];
        new Random(7).nextBytes(payload);
        byte[] raw = crlf("From: a@example.org\nSubject: big\n"
                + "Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: text/plain\n\n"
                + "see file\n--q\nContent-Type: application/octet-stream; name=big.bin\n"
                + "Content-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(payload) + "\n--q--\n");

        ParsedMessage m = assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> parser.parse(raw));

        assertThat(m.attachments()).singleElement()
                .satisfies(a -> assertThat(a.content()).isEqualTo(payload));
    }

    @Test
    void parse_randomBytes_neverThrows() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] raw = new byte[random.nextInt(4000)];
            random.nextBytes(raw);
            assertThat(parser.parse(raw)).isNotNull();
        }
    }

    @Test
    void parse_truncatedAtEveryByte_neverThrows() {
        byte[] full = crlf("""
                From: "A" <a@example.org>
                Subject: =?utf-8?B?w6TDtsO8?=
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                caf=C3=A9
                --b
                Content-Type: message/rfc822

                Subject: inner
                Content-Type: text/html

                <p>x</p>
                --b--
                """);
        for (int cut = 0; cut <= full.length; cut++) {
            assertThat(parser.parse(java.util.Arrays.copyOf(full, cut))).isNotNull();
        }
    }

    @Test
    void constructor_nullPolicy_isRejected() {
        org.assertj.core.api.Assertions.assertThatNullPointerException()
                .isThrownBy(() -> new MessageParser(null))
                .withMessage("policy");
    }

    @Test
    void policy_nonPositiveLimit_namesTheSetting() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new ParsePolicy(0, 1, 1, 1, 1, 1))
                .withMessageContaining("maxHeaderBytes");
    }
}
