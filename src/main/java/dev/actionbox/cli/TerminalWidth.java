package dev.actionbox.cli;

/**
 * How many columns a terminal gives text. Padding by char count puts a table out of line as
 * soon as a cell holds Chinese, Japanese, Korean, full-width forms or emoji, which take two
 * columns each (an emoji is also two chars), or a combining accent, which takes none.
 */
final class TerminalWidth {

    private static final String ELLIPSIS = "…";

    /** Ranges of East Asian Wide and Fullwidth code points (UAX #11), first and last. */
    private static final int[][] WIDE = {
        {0x1100, 0x115F}, // Hangul Jamo leading consonants
        {0x2E80, 0x303E}, // CJK radicals, Kangxi radicals, CJK symbols and punctuation
        {0x3041, 0x33FF}, // Hiragana, Katakana, Bopomofo, Hangul Jamo, enclosed CJK
        {0x3400, 0x4DBF}, // CJK extension A
        {0x4E00, 0x9FFF}, // CJK unified ideographs
        {0xA000, 0xA4CF}, // Yi
        {0xA960, 0xA97F}, // Hangul Jamo extended A
        {0xAC00, 0xD7A3}, // Hangul syllables
        {0xF900, 0xFAFF}, // CJK compatibility ideographs
        {0xFE10, 0xFE19}, // vertical forms
        {0xFE30, 0xFE6F}, // CJK compatibility forms, small form variants
        {0xFF00, 0xFF60}, // full-width ASCII
        {0xFFE0, 0xFFE6}, // full-width signs
        {0x1AFF0, 0x1B2FF}, // Kana supplement and extensions
        {0x1F004, 0x1F004}, // mahjong red dragon, an emoji
        {0x1F0CF, 0x1F0CF}, // joker card, an emoji
        {0x1F18E, 0x1F18E}, // AB button
        {0x1F191, 0x1F19A}, // squared CL .. VS
        {0x1F200, 0x1F2FF}, // enclosed ideographic supplement
        {0x1F300, 0x1F64F}, // pictographs, emoticons
        {0x1F680, 0x1F6FF}, // transport and map symbols
        {0x1F900, 0x1F9FF}, // supplemental symbols and pictographs
        {0x1FA70, 0x1FAFF}, // symbols and pictographs extended A
        {0x20000, 0x3FFFD}, // CJK extensions B and later, planes 2 and 3
    };

    private TerminalWidth() {
    }

    static int of(String text) {
        return text.codePoints().map(TerminalWidth::of).sum();
    }

    static int of(int codePoint) {
        if (isZeroWidth(codePoint)) {
            return 0;
        }
        return isWide(codePoint) ? 2 : 1;
    }

    /**
     * The text cut to at most {@code columns} columns, ending in an ellipsis when it was cut.
     * It cuts between code points, so a surrogate pair stays whole, and a combining mark stays
     * with the character it follows.
     */
    static String clip(String text, int columns) {
        if (of(text) <= columns) {
            return text;
        }
        int room = columns - of(ELLIPSIS);
        StringBuilder clipped = new StringBuilder();
        int used = 0;
        for (int codePoint : text.codePoints().toArray()) {
            int width = of(codePoint);
            if (used + width > room) {
                break;
            }
            clipped.appendCodePoint(codePoint);
            used += width;
        }
        return clipped.append(ELLIPSIS).toString();
    }

    /** The text followed by spaces up to {@code columns} columns. */
    static String pad(String text, int columns) {
        return text + " ".repeat(Math.max(0, columns - of(text)));
    }

    /**
     * Marks drawn over the character before them, invisible format characters, and the Hangul
     * vowels and finals that join a leading consonant into one syllable.
     */
    private static boolean isZeroWidth(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT || (codePoint >= 0x1160 && codePoint <= 0x11FF);
    }

    private static boolean isWide(int codePoint) {
        if (codePoint < WIDE[0][0]) {
            return false;
        }
        for (int[] range : WIDE) {
            if (codePoint >= range[0] && codePoint <= range[1]) {
                return true;
            }
        }
        return false;
    }
}
