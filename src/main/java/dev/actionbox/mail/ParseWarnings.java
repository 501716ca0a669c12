package dev.actionbox.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the defects tolerated while one message is read. Capped so that a message with
 * thousands of broken parts cannot grow the list without bound; the cap itself is recorded.
 * Not thread safe: one instance belongs to one parse.
 */
final class ParseWarnings {

    private static final int MAX_WARNINGS = 50;
    private static final int MAX_EXCERPT_CHARS = 60;

    private final List<String> warnings = new ArrayList<>();
    private boolean capped;

    void add(String warning) {
        if (warnings.contains(warning)) {
            return;
        }
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(warning);
        } else if (!capped) {
            capped = true;
            warnings.add("more defects were found; only the first " + MAX_WARNINGS + " are listed");
        }
    }

    /**
     * Records that a limit of the {@link ParsePolicy} left part of the message out. Kept past
     * the cap, because it says what the message is missing; callers add each limit once or a
     * few times, never once per part.
     */
    void addLimit(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    List<String> asList() {
        return List.copyOf(warnings);
    }

    /** The start of a value taken from the message, short enough to quote in a warning. */
    static String excerpt(String text) {
        return text.length() <= MAX_EXCERPT_CHARS
                ? text : text.substring(0, MAX_EXCERPT_CHARS) + "...";
    }
}
