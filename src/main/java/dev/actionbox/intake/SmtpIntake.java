package dev.actionbox.intake;

import dev.actionbox.inbox.InboxService;
import dev.actionbox.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.TooMuchDataException;
import org.subethamail.smtp.server.SMTPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The SMTP listener. It answers 250 to DATA only after the message is committed; when the
 * store cannot commit, the sender gets 451 and its MTA retries later.
 */
public final class SmtpIntake implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpIntake.class);

    private final SMTPServer server;

    public SmtpIntake(String host, int port, long maxMessageBytes, IntakeService intake,
            InboxService inboxes) throws IOException {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(inboxes, "inboxes");
        this.server = SMTPServer.port(port)
                .bindAddress(InetAddress.getByName(host))
                .hostName("actionbox")
                .softwareName("Actionbox")
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, maxMessageBytes))
                .maxRecipients(100)
                .connectionTimeout(5, java.util.concurrent.TimeUnit.MINUTES)
                .messageHandlerFactory(ctx -> new Session(ctx, intake, inboxes, maxMessageBytes))
                .build();
    }

    public void start() {
        server.start();
        log.info("SMTP listening, address={}:{}", host(), port());
    }

    public int port() {
        return server.getPortAllocated();
    }

    public String host() {
        return server.getBindAddress().map(InetAddress::getHostAddress).orElse("0.0.0.0");
    }

    @Override
    public void close() {
        server.stop();
    }

    /** One SMTP transaction: MAIL, RCPT..., DATA. */
    private static final class Session implements MessageHandler {
        private final MessageContext context;
        private final IntakeService intake;
        private final InboxService inboxes;
        private final long maxMessageBytes;
        private final List<IntakeService.Destination> destinations = new ArrayList<>();
        private String envelopeFrom;

        Session(MessageContext context, IntakeService intake, InboxService inboxes,
                long maxMessageBytes) {
            this.context = context;
            this.intake = intake;
            this.inboxes = inboxes;
            this.maxMessageBytes = maxMessageBytes;
        }

        @Override
        public void from(String from) {
            this.envelopeFrom = from == null ? "" : from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            Optional<String> inbox;
            try {
                inbox = inboxes.resolve(recipient);
            } catch (RuntimeException e) {
                log.atLevel(deferralLevel(e)).log("Deferred recipient, the store is unreachable, "
                        + "remote={} reason={}", context.getRemoteAddress(), e.getMessage());
                throw new RejectException(451, "4.3.0 Temporary storage failure, try again later");
            }
            if (inbox.isEmpty()) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: no such inbox here");
            }
            boolean known = destinations.stream().anyMatch(d -> d.inboxId().equals(inbox.get()));
            if (!known) {
                destinations.add(new IntakeService.Destination(inbox.get(),
                        recipient.trim().toLowerCase(java.util.Locale.ROOT)));
            }
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            byte[] raw = readAll(data);
            try {
                intake.accept(destinations, envelopeFrom, raw, "smtp");
            } catch (IntakeException e) {
                log.atLevel(deferralLevel(e)).log("Deferred message, the store could not commit "
                        + "it; the sender will retry, remote={} sizeBytes={} reason={}",
                        context.getRemoteAddress(), raw.length, e.getMessage());
                throw new RejectException(451, "4.3.0 Temporary storage failure, try again later");
            }
            return null;
        }

        /**
         * While the store is down it logs the outage once, and a line per deferred message
         * would flood the log; other failures are errors someone must look at.
         */
        private static Level deferralLevel(RuntimeException e) {
            return Store.isUnavailable(e) ? Level.DEBUG : Level.ERROR;
        }

        private byte[] readAll(InputStream data) throws IOException {
            byte[] raw = data.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxMessageBytes + 1));
            if (raw.length > maxMessageBytes) {
                log.info("Rejected message, reason=too_large limitBytes={} remote={}",
                        maxMessageBytes, context.getRemoteAddress());
                throw new TooMuchDataException("5.3.4 Message size exceeds fixed limit of "
                        + maxMessageBytes + " bytes");
            }
            return raw;
        }

        @Override
        public void done() {
        }
    }
}
