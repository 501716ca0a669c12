package dev.actionbox.mail;

import static dev.actionbox.mail.MailFixtures.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Header fields past the header limits: the fields a message cannot do without are kept, cut to
 * a readable length, with a warning; other fields are dropped with a warning. Neither makes a
 * well-formed message malformed.
 */
class OversizedHeaderTest {

    private static final int TWO_MB = 2 * 1024 * 1024;

    private final MessageParser parser = new MessageParser(ParsePolicy.defaults());

    @Test
    void parse_twoMegabyteSubject_isKeptCutToThousandCodePoints() {
        // Six code points in seven chars: a cut after 1000 chars would split the emoji.
        String words = "Größe😀".repeat(TWO_MB / 11);

        ParsedMessage m = parser.parse(crlf("From: ana@example.org\nSubject: " + words
                + "\n\nThe printer is offline.\n"));

        assertThat(m.parseError()).startsWith("malformed message: header field");
        assertThat(m.subject().codePointCount(0, m.subject().length())).isEqualTo(1000);
        assertThat(words).startsWith(m.subject());
        assertThat(m.subject()).endsWith("Größ");
        assertThat(m.from().address()).isEqualTo("ana@example.org");
        assertThat(m.text()).isEqualTo("The printer is offline.");
        assertThat(m.warnings()).anyMatch(w -> w.startsWith("header field Subject of ")
                && w.contains("maxHeaderFieldBytes") && w.contains("first 1000 characters"));
    }

    @Test
    void parse_twoMegabyteSubjectOfEncodedWords_isCutAfterDecoding() {
        String word = "=?utf-8?B?5pyA57WC5aCx5ZGK?="; // 最終報告, 4 characters
        StringBuilder subject = new StringBuilder(word);
        while (subject.length() < TWO_MB) {
            subject.append("\n ").append(word);
        }

        ParsedMessage m = parser.parse(crlf("From: ana@example.org\nSubject: " + subject
                + "\n\nbody\n"));

        assertThat(m.parseError()).startsWith("malformed message: header field");
        assertThat(m.subject()).hasSize(1000).startsWith("最終報告最終報告").doesNotContain("=?");
    }

    @Test
    void parse_twoMegabyteToList_keepsWholeAddressesFromItsStart() {
        StringBuilder to = new StringBuilder("\"Doe, Ann\" <ann0@example.org>");
        for (int i = 1; to.length() < TWO_MB; i++) {
            to.append(",\n \"Doe, Ann\" <ann").append(i).append("@example.org>");
        }

        ParsedMessage m = parser.parse(crlf("From: ana@example.org\nTo: " + to
                + "\nSubject: Team lunch\n\nbody\n"));

        assertThat(m.parseError()).startsWith("malformed message: header field");
        assertThat(m.subject()).isEqualTo("Team lunch");
        assertThat(m.to()).isNotEmpty().allSatisfy(address -> {
            assertThat(address.address()).matches("ann\\d+@example\\.org");
            assertThat(address.name()).isEqualTo("Doe, Ann");
        });
        assertThat(m.to().get(0).address()).isEqualTo("ann0@example.org");
        assertThat(m.warnings()).anyMatch(w -> w.startsWith("header field To of "));
    }

    @Test
    void parse_twoMegabyteSenderName_keepsTheSenderAddress() {
        ParsedMessage m = parser.parse(crlf("From: \"" + "n".repeat(TWO_MB)
                + "\" <ana@example.org>\nSubject: Hello\n\nbody\n"));

        assertThat(m.parseError()).startsWith("malformed message: header field");
        assertThat(m.from()).isEqualTo(new MailAddress(null, "ana@example.org"));
    }

    @Test
    void parse_twoMegabyteReferences_keepsRootAndNewestIds() {
        StringBuilder references = new StringBuilder("<root@example.org>");
        int last = 0;
        for (; references.length() < TWO_MB; last++) {
            references.append("\n <reply").append(last).append("@example.org>");
        }

        ParsedMessage m = parser.parse(crlf("From: ana@example.org\nSubject: Re: Plan\n"
                + "In-Reply-To: <reply" + (last - 1) + "@example.org> (" + "c".repeat(TWO_MB)
                + ")\nReferences: " + references + "\n\nbody\n"));

        assertThat(m.parseError()).startsWith("malformed message: header field");
        assertThat(m.inReplyTo()).isEqualTo("reply" + (last - 1) + "@example.org");
        assertThat(m.references()).hasSizeBetween(2, 101)
                .startsWith("root@example.org")
                .endsWith("reply" + (last - 1) + "@example.org");
        assertThat(m.references().get(1)).matches("reply\\d+@example\\.org");
    }

    @Test
    void parse_neededFieldsPastTheHeaderBlockLimit_areKept() {
        StringBuilder text = new StringBuilder("Received: from relay\n");
        for (int i = 0; i < 5000; i++) {
            text.append("X-Trace-").append(i).append(": hop\n");
        }

        ParsedMessage m = parser.parse(crlf(text + "From: ana@example.org\nSubject: Late\n"
                + "X-After: dropped\n\nbody\n"));

        assertThat(m.parseError()).startsWith("malformed message: header block");
        assertThat(m.subject()).isEqualTo("Late");
        assertThat(m.from().address()).isEqualTo("ana@example.org");
        assertThat(m.warnings()).anyMatch(w -> w.contains("maxHeaderCount")
                && w.contains("except the first Subject"));
    }
}
