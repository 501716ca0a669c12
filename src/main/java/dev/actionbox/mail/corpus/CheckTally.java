package dev.actionbox.mail.corpus;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the expectations a check met and missed, per column or key, and prints mismatches as
 * they are found. Not thread safe.
 */
final class CheckTally {

    private static final int MAX_SHOWN = 300;

    private final PrintStream out;
    private final Map<String, int[]> byColumn = new TreeMap<>();
    private int passed;
    private int failed;

    CheckTally(PrintStream out) {
        this.out = out;
    }

    void pass(String column) {
        passed++;
        byColumn.computeIfAbsent(column, k -> new int[2])[0]++;
    }

    void fail(String file, String column, Object expected, Object got) {
        failed++;
        byColumn.computeIfAbsent(column, k -> new int[2])[1]++;
        out.println("MISMATCH " + file + " [" + column + "] expected=" + show(expected)
                + " got=" + show(got));
    }

    void check(boolean ok, String file, String column, Object expected, Object got) {
        if (ok) {
            pass(column);
        } else {
            fail(file, column, expected, got);
        }
    }

    int passed() {
        return passed;
    }

    int failed() {
        return failed;
    }

    void printColumns() {
        byColumn.forEach((column, counts) -> out.println(
                "  " + column + ": " + counts[0] + " passed, " + counts[1] + " failed"));
    }

    private static String show(Object value) {
        String text = String.valueOf(value).replace("\r", "\\r").replace("\n", "\\n");
        return "«" + (text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…") + "»";
    }
}
