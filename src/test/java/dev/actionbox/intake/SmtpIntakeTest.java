package dev.actionbox.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.server.ServerConfig;
import dev.actionbox.support.Http;
import dev.actionbox.support.Mails;
import dev.actionbox.support.SmtpDialog;
import dev.actionbox.support.TestServer;
import dev.actionbox.support.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SMTP listener over real sockets, with a 64 KB limit so that size tests stay quick. */
class SmtpIntakeTest {

    private static final long LIMIT = 64 * 1024;

    @TempDir
    Path dataDir;

    private TestServer node;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir, TestStores.fresh(dataDir), "127.0.0.1/32", LIMIT, null);
        api = node.http(node.token("admin"));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void ehlo_anyClient_advertisesSizePipeliningEightBitMimeAndSmtpUtf8() throws Exception {
        try (SmtpDialog smtp = dialog()) {
            SmtpDialog.Reply ehlo = smtp.command("EHLO client.example");

            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.text()).contains("250-PIPELINING", "250-8BITMIME",
                    "250-SIZE " + LIMIT, "SMTPUTF8");
            assertThat(ehlo.text()).doesNotContain("CHUNKING");
        }
    }

    @Test
    void mail_declaredSizeOverLimit_isRefusedWith552() throws Exception {
        try (SmtpDialog smtp = dialog()) {
            smtp.command("EHLO client.example");

            SmtpDialog.Reply over = smtp.command("MAIL FROM:<a@example.org> SIZE=" + (LIMIT + 1));
            SmtpDialog.Reply huge = smtp.command("MAIL FROM:<a@example.org> SIZE=99999999999999");
            SmtpDialog.Reply fits = smtp.command("MAIL FROM:<a@example.org> SIZE=" + LIMIT);

            assertThat(over.text()).startsWith("552 5.3.4");
            assertThat(huge.text()).startsWith("552 5.3.4");
            assertThat(fits.code()).isEqualTo(250);
        }
    }

    @Test
    void data_overLimit_isRefusedWith552AndNothingIsKept() throws Exception {
        String big = Mails.plain("<big-1@example.org>", "a@example.org", node.inboxAddress(),
                "Too big").body("x".repeat(70), "y".repeat((int) LIMIT)).build();
        try (SmtpDialog smtp = dialog()) {
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<a@example.org>");
            smtp.command("RCPT TO:<" + node.inboxAddress() + ">");
            assertThat(smtp.command("DATA").code()).isEqualTo(354);

            smtp.write(dotTerminated(big));
            SmtpDialog.Reply refused = smtp.reply();

            assertThat(refused.text()).startsWith("552 5.3.4");
            // The transaction ended with the refusal: the next one needs no RSET.
            assertThat(smtp.command("MAIL FROM:<a@example.org>").code()).isEqualTo(250);
            assertThat(smtp.command("NOOP").code()).isEqualTo(250);
        }
        node.awaitIdle();
        assertThat(api.get("/v1/messages/").json().get("data")).isEmpty();
        assertThat(api.get("/v1/activity/?type=message.received").json().get("events")).isEmpty();
        int rawRows = node.server().store().read(h -> h.createQuery(
                "SELECT COUNT(*) FROM message_raw").mapTo(Integer.class).one());
        assertThat(rawRows).isZero();
    }

    @Test
    void pipelining_wholeTransactionInOneWrite_isAnsweredInOrderAndStored() throws Exception {
        String mail = Mails.plain("<pipe-1@example.org>", "a@example.org", node.inboxAddress(),
                "Pipelined").body("One write.").build();
        try (SmtpDialog smtp = dialog()) {
            smtp.command("EHLO client.example");

            smtp.write(("MAIL FROM:<a@example.org>\r\nRCPT TO:<" + node.inboxAddress()
                    + ">\r\nRCPT TO:<nobody@elsewhere.example>\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            int[] codes = {smtp.reply().code(), smtp.reply().code(), smtp.reply().code(),
                    smtp.reply().code()};
            smtp.write(dotTerminated(mail));

            assertThat(codes).containsExactly(250, 250, 550, 354);
            assertThat(smtp.reply().code()).isEqualTo(250);
        }
        assertThat(api.get("/v1/messages/").json().get("data")).hasSize(1);
    }

    @Test
    void smtpUtf8_utf8SenderAndHeaders_areAcceptedAndKeptByteForByte() throws Exception {
        String mail = "From: Jörg Müller <jörg@bücher.example>\r\nTo: " + node.inboxAddress()
                + "\r\nSubject: Grüße aus Köln\r\nMessage-ID: <utf8-1@bücher.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nDie Bestellung ist unterwegs.\r\n";
        try (SmtpDialog smtp = dialog()) {
            smtp.command("EHLO client.example");

            SmtpDialog.Reply from = smtp.command(
                    "MAIL FROM:<jörg@bücher.example> SMTPUTF8 BODY=8BITMIME");
            smtp.command("RCPT TO:<" + node.inboxAddress() + ">");
            smtp.command("DATA");
            smtp.write(dotTerminated(mail));

            assertThat(from.code()).isEqualTo(250);
            assertThat(smtp.reply().code()).isEqualTo(250);
        }
        JsonNode message = onlyMessage();
        assertThat(message.get("subject").asText()).isEqualTo("Grüße aus Köln");
        assertThat(message.get("from").get("address").asText()).isEqualTo("jörg@bücher.example");
        byte[] raw = api.send("GET", "/v1/messages/" + message.get("id").asText() + "/raw",
                null, java.util.Map.of()).body().getBytes(StandardCharsets.UTF_8);
        byte[] sent = mail.getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOfRange(raw, raw.length - sent.length, raw.length)).isEqualTo(sent);
    }

    @Test
    void data_sameMessageIdTwice_bothAnswered250AndStoredOnce() throws Exception {
        String mail = Mails.plain("<twice-1@example.org>", "a@example.org", node.inboxAddress(),
                "Twice").body("Same mail, retried by the sender.").build();

        assertThat(node.sendMail("a@example.org", mail).code()).isEqualTo(250);
        assertThat(node.sendMail("a@example.org", mail).code()).isEqualTo(250);

        assertThat(api.get("/v1/messages/").json().get("data")).hasSize(1);
    }

    @Test
    void data_noMessageIdSameContentTwice_isStoredOnce() throws Exception {
        String mail = Mails.plain(null, "a@example.org", node.inboxAddress(), "No id")
                .body("A client that writes no Message-ID.").build();

        assertThat(node.sendMail("a@example.org", mail).code()).isEqualTo(250);
        // Each delivery gets its own Received field; the content hash leaves it out.
        assertThat(node.sendMail("a@example.org", mail).code()).isEqualTo(250);
        String changed = mail.replace("A client", "Another client");
        assertThat(node.sendMail("a@example.org", changed).code()).isEqualTo(250);

        assertThat(api.get("/v1/messages/").json().get("data")).hasSize(2);
    }

    @Test
    void data_nullSenderWithoutAutoReplyHeaders_isFlaggedAsBounce() throws Exception {
        String mail = Mails.plain("<dsn-1@relay.example>", "postmaster@relay.example",
                node.inboxAddress(), "Delivery report").body("Could not deliver.").build();

        assertThat(node.sendMail("", mail).code()).isEqualTo(250);

        assertThat(onlyMessage().get("flags").get("bounce").asBoolean()).isTrue();
    }

    @Test
    void plausibleSender_nullSenderUtf8AndJunk_areJudgedLeniently() {
        assertThat(SmtpIntake.plausibleSender("")).isTrue();
        assertThat(SmtpIntake.plausibleSender("jörg@bücher.example")).isTrue();
        assertThat(SmtpIntake.plausibleSender("no-at-sign")).isFalse();
        assertThat(SmtpIntake.plausibleSender("a b@example.org")).isFalse();
    }

    private JsonNode onlyMessage() {
        JsonNode list = api.get("/v1/messages/").json().get("data");
        assertThat(list).hasSize(1);
        return api.get("/v1/messages/" + list.get(0).get("id").asText() + "/").json();
    }

    @Test
    void bdat_notOffered_isRefusedAndAHalfSentChunkStoresNothing() throws Exception {
        try (SmtpDialog smtp = dialog()) {
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<a@example.org>");
            smtp.command("RCPT TO:<" + node.inboxAddress() + ">");

            SmtpDialog.Reply bdat = smtp.command("BDAT 20 LAST");

            assertThat(bdat.text()).startsWith("502 5.5.1");
        }
        assertThat(api.get("/v1/messages/").json().get("data")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MAIL FROM:<a@example.org> RET=HDRS | 555 5.5.4",
        "MAIL FROM:<a@example.org> FOO=BAR | 555 5.5.4",
        "MAIL FROM:<a@example.org> SIZE=abc | 501 5.5.4",
        "MAIL FROM:<a@example.org> SIZE=-5 | 501 5.5.4",
        "MAIL FROM:<a@example.org> BODY=8BITMIME SMTPUTF8 SIZE=100 | 250"})
    void mail_parameters_onlyThoseOfOfferedExtensionsPass(String command, String reply)
            throws Exception {
        try (SmtpDialog smtp = dialog()) {
            smtp.command("EHLO client.example");

            assertThat(smtp.command(command).text()).startsWith(reply);
        }
    }

    @Test
    void data_empty_isRefusedAndNothingIsStored() throws Exception {
        try (SmtpDialog smtp = dialog()) {
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<a@example.org>");
            smtp.command("RCPT TO:<" + node.inboxAddress() + ">");
            smtp.command("DATA");

            assertThat(smtp.command(".").text()).startsWith("554 5.6.0");
        }
        assertThat(api.get("/v1/messages/").json().get("data")).isEmpty();
    }

    @Test
    void rcpt_unknownAddressWithControlBytes_isEchoedWithoutThem() throws Exception {
        try (SmtpDialog smtp = dialog()) {
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<a@example.org>");

            String reply = smtp.command("RCPT TO:<a\u0001evil@example.org>").text();

            assertThat(reply).startsWith("550 5.1.1").doesNotContain("\u0001")
                    .contains("a?evil@example.org");
        }
    }

    @Test
    void connect_oneAddressAtItsCap_isToldToRetryAndOthersStillGetIn() throws Exception {
        int cap = ServerConfig.DEFAULT_SMTP_MAX_PER_ADDRESS;
        List<SmtpDialog> held = new ArrayList<>();
        try {
            for (int i = 0; i < cap; i++) {
                held.add(dialog());
            }

            try (SmtpDialog extra = new SmtpDialog(node.server().smtpPort())) {
                assertThat(extra.reply().text()).startsWith("421 4.7.0");
            }

            held.remove(0).close();
            TestServer.await(() -> greets(), Duration.ofSeconds(10),
                    "a slot to free up after a client left");
        } finally {
            for (SmtpDialog dialog : held) {
                dialog.close();
            }
        }
    }

    @Test
    void mail_afterIdleClientsLeft_isAcceptedAsBefore() throws Exception {
        for (int i = 0; i < ServerConfig.DEFAULT_SMTP_MAX_PER_ADDRESS + 5; i++) {
            try (SmtpDialog smtp = dialog()) {
                smtp.command("QUIT");
            }
        }

        String mail = Mails.plain("<after-1@example.org>", "a@example.org", node.inboxAddress(),
                "Still open").body("Body.").build();
        assertThat(node.sendMail("a@example.org", mail).code()).isEqualTo(250);
    }

    private boolean greets() {
        try (SmtpDialog again = new SmtpDialog(node.server().smtpPort())) {
            return again.reply().code() == 220;
        } catch (IOException e) {
            return false;
        }
    }

    private SmtpDialog dialog() throws Exception {
        SmtpDialog smtp = new SmtpDialog(node.server().smtpPort());
        assertThat(smtp.reply().code()).isEqualTo(220);
        return smtp;
    }

    private static byte[] dotTerminated(String mail) {
        return SmtpSender.dotStuffed(mail.getBytes(StandardCharsets.UTF_8));
    }
}
