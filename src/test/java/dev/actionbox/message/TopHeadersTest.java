package dev.actionbox.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopHeadersTest {

    @Test
    void scan_foldedAndRepeatedFields_givesTheFirstUnfoldedValue() {
        byte[] raw = ("Return-Path: <>\r\nX-Loop: desk@example.org,\r\n\tops@example.org\r\n"
                + "X-Loop: second@example.org\r\nSubject: Hi\r\n\r\nX-Loop: in the body\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        TopHeaders headers = TopHeaders.scan(raw, Set.of("x-loop", "return-path", "thread-index"));

        assertThat(headers.get("X-Loop")).contains("desk@example.org, ops@example.org");
        assertThat(headers.get("return-path")).contains("<>");
        assertThat(headers.get("thread-index")).isEmpty();
    }

    @Test
    void scan_fieldOnlyInTheBody_isNotFound() {
        byte[] raw = "Subject: Hi\n\nThread-Index: AQ==\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(TopHeaders.scan(raw, Set.of("thread-index")).get("thread-index")).isEmpty();
    }
}
