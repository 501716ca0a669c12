package dev.actionbox.intake;

import dev.actionbox.inbox.InboxService;
import dev.actionbox.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The SMTP listener. It answers 250 to DATA only after the message is committed; when the
 * store cannot commit, the sender gets 451 and its MTA retries later. It offers SIZE,
 * PIPELINING, 8BITMIME and SMTPUTF8; a message over the size limit is refused with 552, at
 * MAIL when its declared SIZE is too large, else after its data, and nothing of it is kept.
 */
public final class SmtpIntake implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpIntake.class);
    private static final String HOST_NAME = "actionbox";
    /**
     * How much more than the limit a sender may push after passing it before the connection is
     * dropped instead of answered: reading it costs time, not memory.
     */
    private static final long DRAIN_CAP_BYTES = 256L * 1024 * 1024;

    private final SMTPServer server;

    public SmtpIntake(String host, int port, long maxMessageBytes, int maxPerAddress,
            IntakeService intake, InboxService inboxes) throws IOException {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(inboxes, "inboxes");
        long limit = Math.min(Integer.MAX_VALUE - 1024, maxMessageBytes);
        this.server = SMTPServer.port(port)
                .bindAddress(InetAddress.getByName(host))
                .hostName(HOST_NAME)
                .softwareName("Actionbox")
                .maxMessageSize((int) limit)
                .maxRecipients(100)
                .connectionTimeout(5, TimeUnit.MINUTES)
                .sessionHandler(new ConnectionsPerAddress(maxPerAddress))
                // Our own Received field: the library's looks up the client's host name in DNS
                // on every message, which can stall intake when DNS is slow.
                .insertReceivedHeaders(false)
                .fromAddressValidator(SmtpIntake::plausibleSender)
                .messageHandlerFactory(ctx -> new Session(ctx, intake, inboxes, limit))
                .build();
        SmtpCommands.install(server.getCommandHandler(), HOST_NAME, limit);
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

    /**
     * Inbound mail comes from every kind of MTA, so MAIL FROM is taken leniently: the null
     * sender, or anything with an @ and no white space or control characters. UTF-8 local
     * parts (SMTPUTF8, RFC 6531) pass.
     */
    static boolean plausibleSender(String address) {
        if (address.isEmpty()) {
            return true;
        }
        int at = address.lastIndexOf('@');
        return at > 0 && at < address.length() - 1
                && address.codePoints().noneMatch(c -> c <= ' ' || c == 0x7F);
    }

    /** One SMTP transaction: MAIL, RCPT..., DATA. */
    private static final class Session implements MessageHandler, SmtpCommands.Transaction {
        private final MessageContext context;
        private final IntakeService intake;
        private final InboxService inboxes;
        private final long maxMessageBytes;
        private final List<IntakeService.Destination> destinations = new ArrayList<>();
        private String envelopeFrom;
        private boolean dataRefused;

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
                throw new RejectException(550, "5.1.1 <" + SmtpCommands.echoed(recipient, 256)
                        + ">: no such inbox here");
            }
            boolean known = destinations.stream().anyMatch(d -> d.inboxId().equals(inbox.get()));
            if (!known) {
                destinations.add(new IntakeService.Destination(inbox.get(),
                        recipient.trim().toLowerCase(Locale.ROOT)));
            }
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            dataRefused = true;
            CountingInputStream counted = new CountingInputStream(data);
            byte[] raw = readAllOrNoteTheLoss(counted);
            if (counted.count() == 0) {
                // Nothing to act on; storing it would only make an empty task.
                throw new RejectException(554, "5.6.0 The message is empty; nothing was stored");
            }
            try {
                intake.accept(destinations, envelopeFrom, raw, "smtp");
            } catch (IntakeException e) {
                log.atLevel(deferralLevel(e)).log("Deferred message, the store could not commit "
                        + "it; the sender will retry, remote={} sizeBytes={} reason={}",
                        context.getRemoteAddress(), raw.length, e.getMessage());
                throw new RejectException(451, "4.3.0 Temporary storage failure, try again later");
            }
            dataRefused = false;
            return null;
        }

        /**
         * While the store is down it logs the outage once, and a line per deferred message
         * would flood the log; other failures are errors someone must look at.
         */
        private static Level deferralLevel(RuntimeException e) {
            return Store.isUnavailable(e) ? Level.DEBUG : Level.ERROR;
        }

        @Override
        public boolean dataRefused() {
            return dataRefused;
        }

        /**
         * A client that goes away in the middle of DATA is normal on the internet: it was
         * told nothing, so its MTA sends again. The line says so; the exception goes on so
         * that the library ends the session, and nothing of the message is kept.
         */
        private byte[] readAllOrNoteTheLoss(CountingInputStream data)
                throws IOException, RejectException {
            try {
                return readAll(data);
            } catch (IOException e) {
                log.info("SMTP client went away during DATA; the partial message was not stored "
                        + "and the sender will retry it, remote={} receivedBytes={} reason={}",
                        context.getRemoteAddress(), data.count(), e.getMessage());
                throw e;
            }
        }

        private byte[] readAll(InputStream data) throws IOException, RejectException {
            try {
                return MessageBytes.read(data, receivedField(), maxMessageBytes, DRAIN_CAP_BYTES);
            } catch (MessageBytes.TooLargeException e) {
                log.info("Rejected message, reason=too_large limitBytes={} remote={} drained={}",
                        maxMessageBytes, context.getRemoteAddress(), e.drained());
                String reply = SmtpCommands.tooLarge(maxMessageBytes);
                // The library answers a reject only after the whole DATA was read; when the
                // sender goes on and on, the connection is closed with the same answer.
                throw e.drained() ? new RejectException(552, reply)
                        : new DropConnectionException(552, reply);
            }
        }

        /** The trace field of RFC 5321 section 4.4 for this hop. */
        private byte[] receivedField() {
            String helo = context.getHelo().orElse("unknown").replaceAll("[^\\x21-\\x7e]", "");
            String field = "Received: from " + helo + " (" + address(context.getRemoteAddress())
                    + ")\r\n\tby " + HOST_NAME + " (Actionbox) with ESMTP id "
                    + context.getSessionId() + ";\r\n\t"
                    + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n";
            return field.getBytes(StandardCharsets.US_ASCII);
        }

        private static String address(SocketAddress remote) {
            if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
                return "[" + inet.getAddress().getHostAddress() + "]";
            }
            return "[unknown]";
        }

        @Override
        public void done() {
        }
    }
}
