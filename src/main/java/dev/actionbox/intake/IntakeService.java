package dev.actionbox.intake;

import dev.actionbox.mail.MessageParser;
import dev.actionbox.mail.ParsedMessage;
import dev.actionbox.message.Arrival;
import dev.actionbox.message.MessageStore;
import dev.actionbox.message.StoredMessage;
import dev.actionbox.message.TopHeaders;
import dev.actionbox.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way mail gets in: SMTP, upload and import all end here. A message is parsed outside
 * the transaction and committed with everything it causes in one; only then does the caller
 * acknowledge it. Thread-safe.
 */
public final class IntakeService {

    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);
    private static final int UNIQUE_RACE_RETRIES = 3;
    private static final Set<String> NOTED_HEADERS = Set.of("x-loop", "return-path",
            "thread-topic", "thread-index");

    /** One inbox a message is delivered to. */
    public record Destination(String inboxId, String address) {
    }

    private final Store store;
    private final MessageParser parser;
    private final Runnable onAccepted;
    private final MeterRegistry metrics;

    /**
     * @param onAccepted called after a commit, to wake the workers of this node at once
     */
    public IntakeService(Store store, MessageParser parser, Runnable onAccepted) {
        this(store, parser, onAccepted, Metrics.globalRegistry);
    }

    /** @param metrics where each arrival is counted by way in and outcome */
    public IntakeService(Store store, MessageParser parser, Runnable onAccepted,
            MeterRegistry metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.store = Objects.requireNonNull(store, "store");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.onAccepted = Objects.requireNonNull(onAccepted, "onAccepted");
    }

    /**
     * Parses and commits a message for each destination inbox. A message the parser cannot
     * read is still stored raw, with its parse error.
     *
     * @param envelopeFrom the SMTP MAIL FROM, or null when the message came without an
     *        envelope (upload, import); then its Return-Path field stands in for it
     * @return one result per destination, in order
     * @throws IntakeException when the store could not commit it; nothing was accepted then
     */
    public List<StoredMessage> accept(List<Destination> destinations, String envelopeFrom,
            byte[] raw, String via) {
        ParsedMessage parsed = parser.parse(raw);
        if (parsed.parseError() != null) {
            log.warn("Storing malformed message with its raw bytes, via={} sizeBytes={} "
                    + "reason={}",
                    via, raw.length, parsed.parseError());
        }
        TopHeaders headers = TopHeaders.scan(raw, NOTED_HEADERS);
        String sender = envelopeFrom != null ? envelopeFrom
                : headers.get("return-path").map(IntakeService::unbracket).orElse(null);
        String dedupeKey = MessageStore.dedupeKey(parsed, raw);

        List<StoredMessage> stored = new ArrayList<>();
        for (Destination destination : destinations) {
            Arrival arrival = new Arrival(destination.inboxId(), destination.address(), sender,
                    via, dedupeKey, headers);
            stored.add(commit(arrival, raw, parsed));
        }
        onAccepted.run();
        return stored;
    }

    private static String unbracket(String returnPath) {
        return returnPath.replace("<", "").replace(">", "").strip();
    }

    private StoredMessage commit(Arrival arrival, byte[] raw, ParsedMessage parsed) {
        for (int attempt = 1; ; attempt++) {
            try {
                StoredMessage message = store.inTransaction(
                        h -> MessageStore.insert(h, arrival, raw, parsed));
                logOutcome(arrival, message, raw.length);
                count(arrival.via(), message.outcome().name().toLowerCase(Locale.ROOT));
                return message;
            } catch (RuntimeException e) {
                // Two deliveries of the same message racing: the loser finds the winner's row.
                if (Store.isUniqueViolation(e) && attempt < UNIQUE_RACE_RETRIES) {
                    continue;
                }
                count(arrival.via(), "not_committed");
                throw new IntakeException("The store could not commit the message: "
                        + rootMessage(e), e);
            }
        }
    }

    private void count(String via, String outcome) {
        Counter.builder("actionbox.messages.received")
                .description("Messages that arrived, by way in (smtp, upload, import) and "
                        + "outcome; not_committed ones were refused for the sender to retry")
                .tag("via", via)
                .tag("outcome", outcome)
                .register(metrics)
                .increment();
    }

    private static void logOutcome(Arrival arrival, StoredMessage message, int size) {
        switch (message.outcome()) {
            // MTA retries and re-imports make duplicates all the time; the metric counts them.
            case DUPLICATE -> log.debug("Duplicate message not stored again, via={} messageId={} "
                    + "inbox={}", arrival.via(), message.id(), arrival.inboxId());
            case IGNORED -> log.info("Message not stored, via={} inbox={} reason={}",
                    arrival.via(), arrival.inboxId(), message.reason());
            default -> log.debug("Message stored, via={} messageId={} sizeBytes={}",
                    arrival.via(), message.id(), size);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
