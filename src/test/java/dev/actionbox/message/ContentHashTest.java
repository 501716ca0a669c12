package dev.actionbox.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    private static final String MAIL = "From: a@example.org\r\nSubject: Hi\r\n\r\nBody\r\n";

    @Test
    void of_traceFieldsAndLineEndsDiffer_givesTheSameHash() {
        String relayed = "Received: from mx1 (mx1 [192.0.2.1])\r\n\tby mx2; Thu, 5 Mar 2026\r\n"
                + "Return-Path: <a@example.org>\r\nDelivered-To: inbox@example.org\r\n" + MAIL;
        String lf = MAIL.replace("\r\n", "\n") + "\n\n";

        assertThat(hash(relayed)).isEqualTo(hash(MAIL));
        assertThat(hash(lf)).isEqualTo(hash(MAIL));
    }

    @Test
    void of_differentBodyOrAuthorHeader_givesAnotherHash() {
        assertThat(hash(MAIL.replace("Body", "Bodies"))).isNotEqualTo(hash(MAIL));
        assertThat(hash(MAIL.replace("Subject: Hi", "Subject: Ho"))).isNotEqualTo(hash(MAIL));
    }

    private static String hash(String mail) {
        return ContentHash.of(mail.getBytes(StandardCharsets.US_ASCII));
    }
}
