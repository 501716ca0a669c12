package dev.actionbox.mail;

/**
 * Joins format=flowed text (RFC 3676): a line ending in a space continues on the next line.
 * Quote depth is kept; signature separators ("-- ") are never joined.
 */
final class FlowedText {

    private FlowedText() {
    }

    static String unflow(String text, boolean delSp) {
        StringBuilder out = new StringBuilder(text.length());
        boolean continuing = false;
        for (String line : text.split("\n", -1)) {
            String content = line;
            if (continuing) {
                content = stripQuotes(content);
                // RFC 3676 section 4.4: space-stuffing protects lines starting with a space.
                if (content.startsWith(" ")) {
                    content = content.substring(1);
                }
            } else if (content.startsWith(" ")) {
                content = content.substring(1);
            }
            boolean flowed = content.endsWith(" ") && !content.equals("-- ")
                    && !stripQuotes(content).equals("-- ");
            if (flowed && delSp) {
                content = content.substring(0, content.length() - 1);
            }
            out.append(content);
            if (!flowed) {
                out.append('\n');
            }
            continuing = flowed;
        }
        return out.length() > 0 ? out.substring(0, out.length() - 1) : "";
    }

    private static String stripQuotes(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == '>') {
            i++;
        }
        return line.substring(i);
    }
}
