package dev.actionbox.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    private final MessageParser parser = new MessageParser(ParsePolicy.defaults());

    static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parse_simpleTextMail_readsHeadersAndText() {
        ParsedMessage m = parser.parse(crlf("""
                From: Jane Doe <jane@example.org>
                To: support@example.com, "Ops, Team" <ops@example.com>
                Subject: Printer offline
                Date: Thu, 05 Mar 2026 09:30:00 +0100
                Message-ID: <abc@example.org>
                In-Reply-To: <prev@example.com> (junk)
                References: <a@x> <b@x>
                 <prev@example.com>

                The printer is offline.
                """));

        assertThat(m.parseError()).isNull();
        assertThat(m.from()).isEqualTo(new MailAddress("Jane Doe", "jane@example.org"));
        assertThat(m.to()).extracting(MailAddress::address)
                .containsExactly("support@example.com", "ops@example.com");
        assertThat(m.to().get(1).name()).isEqualTo("Ops, Team");
        assertThat(m.subject()).isEqualTo("Printer offline");
        assertThat(m.date()).hasToString("2026-03-05T08:30:00Z");
        assertThat(m.messageId()).isEqualTo("abc@example.org");
        assertThat(m.inReplyTo()).isEqualTo("prev@example.com");
        assertThat(m.references()).containsExactly("a@x", "b@x", "prev@example.com");
        assertThat(m.text()).isEqualTo("The printer is offline.");
    }

    @Test
    void parse_null_givesParseError() {
        ParsedMessage m = parser.parse(null);

        assertThat(m.parseError()).isNotNull();
    }

    @Test
    void parse_empty_givesParseError() {
        assertThat(parser.parse(new byte[0]).parseError()).contains("empty");
    }
}
