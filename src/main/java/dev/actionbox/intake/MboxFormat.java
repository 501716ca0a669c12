package dev.actionbox.intake;

/**
 * How an mbox file escaped body lines that look like its separator. Both put {@code >} before
 * a body line starting with {@code From }; they differ in lines that already started with
 * {@code >From }: mboxrd quotes them once more, mboxo leaves them alone, so reading must
 * know which it was to give back the lines as written.
 */
public enum MboxFormat {
    /** Every {@code >...>From } line lost one {@code >}: the format of most current tools. */
    MBOXRD,
    /** Only {@code >From } lines lose their {@code >}; deeper quoting is kept as it is. */
    MBOXO;

    /** How many bytes to drop from the start of a body line: 1 for an escaped line, else 0. */
    int unescapedOffset(byte[] line, int start, int end) {
        int position = start;
        while (position < end && line[position] == '>') {
            position++;
        }
        int quotes = position - start;
        boolean escapedFrom = quotes > 0 && startsWithFrom(line, position, end);
        if (!escapedFrom) {
            return 0;
        }
        return this == MBOXRD || quotes == 1 ? 1 : 0;
    }

    static boolean startsWithFrom(byte[] line, int position, int end) {
        return end - position >= 5 && line[position] == 'F' && line[position + 1] == 'r'
                && line[position + 2] == 'o' && line[position + 3] == 'm'
                && line[position + 4] == ' ';
    }
}
