package dev.actionbox.mail.bench;

import dev.actionbox.mail.MessageParser;
import dev.actionbox.mail.ParsePolicy;
import dev.actionbox.mail.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages parsed per second for three shapes of mail, generated here: a short text reply, a
 * 200 KB HTML newsletter and a message with a 10 MB attachment. Run with {@code -prof gc} to
 * see the bytes allocated per message ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class MessageParserBenchmark {

    private final MessageParser parser = new MessageParser(ParsePolicy.defaults());

    private byte[] smallText;
    private byte[] html200k;
    private byte[] attachment10m;

    @Setup
    public void generateMessages() {
        smallText = crlf("""
                From: Jane Doe <jane@example.org>
                To: support@example.com
                Subject: Re: Printer offline
                Date: Thu, 05 Mar 2026 09:30:00 +0100
                Message-ID: <bench-1@example.org>
                In-Reply-To: <prev@example.com>
                Content-Type: text/plain; charset=utf-8

                Thanks, the printer works again.

                On Wed, Mar 4, 2026 at 4:08 PM Support <support@example.com> wrote:
                > Please restart the spooler service.
                """);
        html200k = htmlMessage(200 * 1024);
        attachment10m = attachmentMessage(10 * 1024 * 1024);
    }

    @Benchmark
    public ParsedMessage smallText() {
        return parser.parse(smallText);
    }

    @Benchmark
    public ParsedMessage html200k() {
        return parser.parse(html200k);
    }

    @Benchmark
    public ParsedMessage attachment10m() {
        return parser.parse(attachment10m);
    }

    private static byte[] htmlMessage(int size) {
        StringBuilder html = new StringBuilder("<html><body><h1>News</h1>");
        int item = 0;
        while (html.length() < size) {
            html.append("<p>Item ").append(item++).append(": <b>offer</b> &amp; more at ")
                    .append("<a href=\"https://shop.example.org/i/").append(item)
                    .append("\">the shop</a>.<br>Regards</p>\n");
        }
        html.append("</body></html>");
        return crlf("From: news@example.org\nTo: support@example.com\nSubject: Newsletter\n"
                + "Content-Type: text/html; charset=utf-8\n\n" + html + "\n");
    }

    private static byte[] attachmentMessage(int size) {
        byte[] payload = new byte[size];
        new Random(1).nextBytes(payload);
        return crlf("From: a@example.org\nTo: support@example.com\nSubject: Big file\n"
                + "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
                + "Content-Type: text/plain\n\nSee the attached file.\n--b\n"
                + "Content-Type: application/octet-stream; name=big.bin\n"
                + "Content-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(payload) + "\n--b--\n");
    }

    private static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
