package dev.actionbox.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small RFC 5322 messages for tests, CRLF line ends. */
public final class Mails {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> body = new ArrayList<>();

    private Mails() {
    }

    /** A plain text message with From, To, Subject, Date and, unless null, a Message-ID. */
    public static Mails plain(String messageId, String from, String to, String subject) {
        Mails mail = new Mails();
        mail.header("From", from).header("To", to).header("Subject", subject)
                .header("Date", "Thu, 05 Mar 2026 09:30:00 +0000");
        if (messageId != null) {
            mail.header("Message-ID", messageId);
        }
        return mail.header("MIME-Version", "1.0")
                .header("Content-Type", "text/plain; charset=utf-8");
    }

    public Mails header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Mails body(String... lines) {
        body.addAll(List.of(lines));
        return this;
    }

    public String build() {
        StringBuilder out = new StringBuilder();
        headers.forEach((name, value) -> out.append(name).append(": ").append(value)
                .append("\r\n"));
        out.append("\r\n");
        body.forEach(line -> out.append(line).append("\r\n"));
        return out.toString();
    }
}
