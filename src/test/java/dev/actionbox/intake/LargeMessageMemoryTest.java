package dev.actionbox.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionbox.server.ServerConfig;
import dev.actionbox.store.Store;
import dev.actionbox.store.StoreConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node in its own JVM with a 256 MB heap ({@code actionbox serve}) takes a message just
 * under the 25 MB limit over SMTP, parses and stores it, and refuses a 26 MB one with 552
 * without keeping any of it. The node's GC log gives the peak heap, printed for the record
 * (memory is measured here, not asserted beyond "no OutOfMemoryError").
 */
class LargeMessageMemoryTest {

    private static final Pattern LISTENING = Pattern.compile("SMTP: 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @TempDir
    Path dataDir;

    private Process node;

    @AfterEach
    void stop() throws Exception {
        if (node != null && node.isAlive()) {
            node.destroy();
            node.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void smtp_25MbUnder256MbHeap_isStored_and26MbIsRefusedLeavingNothing() throws Exception {
        Path gcLog = dataDir.resolve("gc.log");
        int smtpPort = startNode(gcLog);
        SmtpSender smtp = new SmtpSender("127.0.0.1", smtpPort);
        byte[] fits = message(ServerConfig.DEFAULT_MAX_MESSAGE_BYTES - 4096, "fits");
        byte[] tooBig = message(26L * 1024 * 1024, "too-big");

        SmtpSender.Reply accepted = smtp.send("big@example.org",
                List.of("inbox@actionbox.local"), fits);
        SmtpSender.Reply refused = smtp.send("big@example.org",
                List.of("inbox@actionbox.local"), tooBig);

        assertThat(accepted.code()).as(accepted.text()).isEqualTo(250);
        assertThat(refused.text()).startsWith("552 5.3.4");
        assertThat(node.isAlive()).as("node survived").isTrue();
        try (Store store = Store.open(StoreConfig.sqlite(dataDir))) {
            List<Map<String, Object>> rows = store.read(h -> h.createQuery("""
                    SELECT m.raw_size, m.subject, m.parse_error,
                        (SELECT SUM(size) FROM attachments a WHERE a.message_id = m.id) AS att
                    FROM messages m""").mapToMap().list());
            assertThat(rows).hasSize(1);
            assertThat(((Number) rows.get(0).get("raw_size")).longValue())
                    .isGreaterThan(fits.length);
            assertThat(rows.get(0).get("subject")).isEqualTo("Large message fits");
            assertThat(rows.get(0).get("parse_error")).isNull();
            assertThat(((Number) rows.get(0).get("att")).longValue()).isGreaterThan(18_000_000);
        }
        String gc = Files.readString(gcLog);
        assertThat(gc).doesNotContain("OutOfMemoryError");
        System.out.printf("LargeMessageMemoryTest: -Xmx256m node, %d byte message stored, "
                + "peak heap before GC %d MB, largest heap after GC %d MB%n", fits.length,
                peak(gc, 1), peak(gc, 2));
    }

    private int startNode(Path gcLog) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog,
                "-cp", System.getProperty("java.class.path"),
                "dev.actionbox.cli.Main", "serve", "--data", dataDir.toString(),
                "--http", "127.0.0.1:0", "--smtp", "127.0.0.1:0"));
        node = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                drain(out);
                return Integer.parseInt(listening.group(1));
            }
        }
        throw new AssertionError("the node exited before listening, code " + node.waitFor());
    }

    /** Keeps reading the node's output so that it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread reader = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // The node's log is not needed; the GC log has the figures.
                }
            } catch (java.io.IOException e) {
                // The node stopped.
            }
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** A message of about {@code size} bytes: a short text and a base64 attachment. */
    private static byte[] message(long size, String tag) {
        String head = "From: Big Sender <big@example.org>\r\nTo: inbox@actionbox.local\r\n"
                + "Subject: Large message " + tag + "\r\nMessage-ID: <large-" + tag
                + "@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"large\"\r\n\r\n"
                + "--large\r\nContent-Type: text/plain\r\n\r\nThe scans are attached.\r\n"
                + "--large\r\nContent-Type: application/octet-stream; name=scans.bin\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n";
        String tail = "--large--\r\n";
        long room = size - head.length() - tail.length();
        // 76 base64 characters plus CRLF carry 57 bytes.
        int binary = (int) (room / 78 * 57);
        byte[] data = new byte[binary];
        new Random(size).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size + 1024);
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encode(data));
        out.writeBytes(("\r\n" + tail).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The largest "before" (group 1) or "after" (group 2) heap of any GC pause, in MB. */
    private static int peak(String gcLog, int group) {
        Matcher pause = GC_PAUSE.matcher(gcLog);
        int peak = 0;
        while (pause.find()) {
            peak = Math.max(peak, Integer.parseInt(pause.group(group)));
        }
        return peak;
    }
}
