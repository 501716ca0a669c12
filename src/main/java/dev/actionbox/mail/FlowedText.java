package dev.actionbox.mail;

/**
 * Joins format=flowed text (RFC 3676): a line ending in a space continues on the next line of
 * the same quote depth. Signature separators ("-- ") are never joined.
 */
final class FlowedText {

    private FlowedText() {
    }

    static String unflow(String text, boolean delSp) {
        StringBuilder out = new StringBuilder(text.length());
        boolean continuing = false;
        int previousDepth = 0;
        for (String line : text.split("\n", -1)) {
            int depth = quoteDepth(line);
            String content = line.substring(depth);
            // RFC 3676 section 4.4: space-stuffing protects lines starting with a space.
            if (content.startsWith(" ")) {
                content = content.substring(1);
            }
            if (continuing && depth != previousDepth) {
                // Section 4.5: a flowed line followed by another quote depth ends the paragraph.
                out.append('\n');
                continuing = false;
            }
            if (!continuing) {
                out.append(">".repeat(depth));
                if (depth > 0) {
                    out.append(' ');
                }
            }

            boolean flowed = content.endsWith(" ") && !content.equals("-- ");
            if (flowed && delSp) {
                content = content.substring(0, content.length() - 1);
            }
            out.append(content);
            if (!flowed) {
                out.append('\n');
            }
            continuing = flowed;
            previousDepth = depth;
        }
        return out.length() > 0 && !continuing ? out.substring(0, out.length() - 1)
                : out.toString();
    }

    private static int quoteDepth(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == '>') {
            i++;
        }
        return i;
    }
}
