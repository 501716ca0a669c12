package dev.actionbox.intake;

import dev.actionbox.mail.MessageParser;
import dev.actionbox.mail.ParsedMessage;
import dev.actionbox.message.MessageStore;
import dev.actionbox.message.StoredMessage;
import dev.actionbox.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    /** One inbox a message is delivered to. */
    public record Destination(String inboxId, String address) {
    }

    private final Store store;
    private final MessageParser parser;
    private final Runnable onAccepted;

    /**
     * @param onAccepted called after a commit, to wake the workers of this node at once
     */
    public IntakeService(Store store, MessageParser parser, Runnable onAccepted) {
        this.store = Objects.requireNonNull(store, "store");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.onAccepted = Objects.requireNonNull(onAccepted, "onAccepted");
    }

    /**
     * Parses and commits a message for each destination inbox. A message the parser cannot
     * read is still stored raw, with its parse error.
     *
     * @throws IntakeException when the store could not commit it; nothing was accepted then
     */
    public List<StoredMessage> accept(List<Destination> destinations, String envelopeFrom,
            byte[] raw, String via) {
        ParsedMessage parsed = parser.parse(raw);
        if (parsed.parseError() != null) {
            log.warn("Storing unreadable message raw, via={} sizeBytes={} reason={}",
                    via, raw.length, parsed.parseError());
        }
        List<StoredMessage> stored = new ArrayList<>();
        for (Destination destination : destinations) {
            stored.add(commit(destination, envelopeFrom, raw, parsed, via));
        }
        onAccepted.run();
        return stored;
    }

    private StoredMessage commit(Destination destination, String envelopeFrom, byte[] raw,
            ParsedMessage parsed, String via) {
        for (int attempt = 1; ; attempt++) {
            try {
                StoredMessage message = store.inTransaction(h -> MessageStore.insert(h,
                        destination.inboxId(), destination.address(), envelopeFrom, raw, parsed,
                        via));
                if (message.duplicate()) {
                    log.info("Duplicate message ignored, via={} messageId={} inbox={}",
                            via, message.id(), destination.inboxId());
                } else {
                    log.debug("Message stored, via={} messageId={} sizeBytes={}",
                            via, message.id(), raw.length);
                }
                return message;
            } catch (RuntimeException e) {
                // Two deliveries of the same message racing: the loser finds the winner's row.
                if (Store.isUniqueViolation(e) && attempt < UNIQUE_RACE_RETRIES) {
                    continue;
                }
                throw new IntakeException("The store could not commit the message: "
                        + rootMessage(e), e);
            }
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
