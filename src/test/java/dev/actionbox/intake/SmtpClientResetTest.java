package dev.actionbox.intake;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.AppenderBase;
import dev.actionbox.support.Http;
import dev.actionbox.support.Mails;
import dev.actionbox.support.SmtpDialog;
import dev.actionbox.support.TestServer;
import dev.actionbox.support.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A client that resets the connection in the middle of DATA, under the logging set-up that
 * ships: one line an operator can read per reset, no stack trace, and nothing stored.
 */
class SmtpClientResetTest {

    private static final int RESETS = 3;

    @TempDir
    Path dataDir;

    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    private TestServer node;
    private boolean nodeClosed;

    @BeforeEach
    void start() throws Exception {
        useShippedLogging();
        node = TestServer.start(dataDir, TestStores.fresh(dataDir), "127.0.0.1/32", 64 * 1024,
                null);
    }

    @AfterEach
    void stop() throws Exception {
        if (!nodeClosed) {
            node.close();
        }
        logging.reset();
        new ContextInitializer(logging).autoConfig();
    }

    @Test
    void data_clientResetsMidMessage_oneInfoLineEachNoStackTraceAndNothingStored()
            throws Exception {
        for (int i = 0; i < RESETS; i++) {
            goAwayDuringData(SmtpDialog::abort);
        }

        assertOneQuietLineEachAndNothingStored(RESETS);
    }

    @Test
    void data_clientClosesMidMessage_treatedLikeAReset() throws Exception {
        goAwayDuringData(SmtpDialog::close);

        assertOneQuietLineEachAndNothingStored(1);
    }

    @Test
    void shippedLogging_sessionsThatFailOtherwise_stillLogged() {
        // "Unexpected error in the SMTP handler thread" is how our handlers' bugs surface.
        assertThat(logging.getLogger("org.subethamail.smtp.server.Session")
                .isEnabledFor(Level.ERROR)).isTrue();
        assertThat(logging.getLogger(SmtpIntake.class).isEnabledFor(Level.INFO)).isTrue();
    }

    private void goAwayDuringData(Ending ending) throws Exception {
        byte[] part = Mails.plain("<cut-1@example.org>", "a@example.org", node.inboxAddress(),
                "Cut off").body("x".repeat(3000)).build().getBytes(StandardCharsets.UTF_8);
        SmtpDialog smtp = new SmtpDialog(node.server().smtpPort());
        assertThat(smtp.reply().code()).isEqualTo(220);
        smtp.command("EHLO client.example");
        smtp.command("MAIL FROM:<a@example.org>");
        smtp.command("RCPT TO:<" + node.inboxAddress() + ">");
        assertThat(smtp.command("DATA").code()).isEqualTo(354);
        smtp.write(part);
        // Gives the listener time to read what was sent, so the line has bytes to report.
        Thread.sleep(200);

        ending.end(smtp);
    }

    private void assertOneQuietLineEachAndNothingStored(int expected) throws Exception {
        TestServer.await(() -> wentAway().size() == expected, Duration.ofSeconds(10),
                "a line per lost connection");
        Http api = node.http(node.token("admin"));
        assertThat(api.get("/v1/messages/").json().get("data")).isEmpty();
        int rawRows = node.server().store().read(h -> h.createQuery(
                "SELECT COUNT(*) FROM message_raw").mapTo(Integer.class).one());
        assertThat(rawRows).isZero();

        // Stopping waits for the sessions, so whatever the library logs for them is in.
        node.close();
        nodeClosed = true;

        assertThat(wentAway()).hasSize(expected).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getThrowableProxy()).isNull();
            assertThat(event.getFormattedMessage())
                    .containsPattern("remote=/?127\\.0\\.0\\.1:\\d+")
                    .containsPattern("receivedBytes=[1-9]\\d*");
        });
        assertThat(events).noneMatch(event -> event.getThrowableProxy() != null);
        assertThat(events).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
    }

    /** How the client leaves. */
    private interface Ending {
        void end(SmtpDialog smtp) throws Exception;
    }

    private List<ILoggingEvent> wentAway() {
        return events.stream()
                .filter(e -> e.getLoggerName().equals(SmtpIntake.class.getName()))
                .filter(e -> e.getFormattedMessage().contains("went away"))
                .toList();
    }

    /** The levels of src/main/resources/logback.xml, with this test's list as the output. */
    private void useShippedLogging() throws Exception {
        logging.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(logging);
        configurator.doConfigure(SmtpIntake.class.getResource("/logback.xml"));
        Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        AppenderBase<ILoggingEvent> list = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                events.add(event);
            }
        };
        list.setContext(logging);
        list.start();
        root.addAppender(list);
    }
}
