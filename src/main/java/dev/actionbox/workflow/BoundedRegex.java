package dev.actionbox.workflow;

import com.google.re2j.Pattern;

/**
 * Runs a workflow's {@code matches} pattern with a budget. RE2 never backtracks, but its time
 * still grows with text length times pattern size, and a pattern such as
 * {@code (A{1000}){1000}} is large: one hostile workflow could otherwise hold a worker for
 * hours. The text is cut to {@link #MAX_TEXT_CHARS} and a match that runs past
 * {@link #BUDGET_NANOS} counts as no match.
 */
final class BoundedRegex {

    static final int MAX_TEXT_CHARS = 100_000;
    static final long BUDGET_NANOS = 200_000_000L;

    private BoundedRegex() {
    }

    /** @throws TimeoutException when the match ran out of its time budget */
    static boolean find(String pattern, String text) {
        String bounded = text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
        Deadline input = new Deadline(bounded, System.nanoTime() + BUDGET_NANOS);
        return Pattern.compile(pattern).matcher(input).find();
    }

    /** The match took longer than its budget. */
    static final class TimeoutException extends RuntimeException {
        TimeoutException() {
            super("the pattern ran longer than " + BUDGET_NANOS / 1_000_000 + " ms");
        }
    }

    /**
     * The text as RE2 reads it, one character at a time; every read past the deadline stops
     * the match. RE2's work per character is bounded by the pattern size, so checks come often.
     */
    private static final class Deadline implements CharSequence {
        private final String text;
        private final long deadline;
        private int reads;

        Deadline(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 255) == 0 && System.nanoTime() > deadline) {
                throw new TimeoutException();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
