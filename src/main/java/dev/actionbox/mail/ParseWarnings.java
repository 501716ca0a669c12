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

    List<String> asList() {
        return List.copyOf(warnings);
    }
}
