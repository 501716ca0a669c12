package dev.actionbox.message;

import dev.actionbox.mail.ParsedMessage;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises mail that an inbox's own automation sent and that came back to it: storing it
 * would start a loop (a notification making a task making a notification...).
 */
final class LoopGuard {

    private LoopGuard() {
    }

    /** Why the message must not be stored, or empty when it is ordinary mail. */
    static Optional<String> loopReason(Arrival arrival, ParsedMessage parsed) {
        String inbox = arrival.inboxAddress() == null ? null
                : arrival.inboxAddress().toLowerCase(Locale.ROOT);
        if (inbox == null || inbox.startsWith("*")) {
            return Optional.empty();
        }
        // X-Loop names the mailbox that already handled the message (a convention of
        // procmail, Request Tracker and most helpdesks): it has been here before.
        Optional<String> xLoop = arrival.headers().get("x-loop");
        if (xLoop.isPresent() && names(xLoop.get(), inbox)) {
            return Optional.of("mail loop: X-Loop names this inbox (" + inbox + ")");
        }
        boolean fromInbox = parsed.from() != null && inbox.equals(parsed.from().normalized());
        if (fromInbox && parsed.flags().autoSubmitted()) {
            return Optional.of("mail loop: an automatic message from this inbox to itself");
        }
        return Optional.empty();
    }

    private static boolean names(String headerValue, String address) {
        return Arrays.stream(headerValue.toLowerCase(Locale.ROOT).split("[\\s,;<>]+"))
                .anyMatch(address::equals);
    }
}
