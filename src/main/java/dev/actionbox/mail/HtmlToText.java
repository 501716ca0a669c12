package dev.actionbox.mail;

import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Renders an HTML body as readable plain text: paragraphs and block elements on their own
 * lines, {@code <br>} as a line break, list items with a dash, link texts kept, and scripts,
 * styles and the document head left out. Entities are decoded by jsoup.
 */
final class HtmlToText {

    private static final Set<String> SKIPPED =
            Set.of("script", "style", "head", "title", "noscript", "template", "svg", "object");

    private static final Set<String> BLOCKS = Set.of(
            "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr",
            "blockquote", "pre", "address", "section", "article", "header", "footer", "hr",
            "dl", "dt", "dd", "form", "fieldset", "center", "figure", "main", "nav", "aside");

    private static final Set<String> PARAGRAPHS =
            Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "ul", "ol");

    private HtmlToText() {
    }

    static String convert(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Element body = Jsoup.parse(html).body();
        Renderer renderer = new Renderer();
        NodeTraversor.traverse(renderer, body);
        return tidy(renderer.out.toString());
    }

    /** Trims each line, keeps at most one blank line in a row, and trims the whole. */
    private static String tidy(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int blankRun = 0;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            blankRun = trimmed.isEmpty() ? blankRun + 1 : 0;
            if (blankRun <= 1) {
                out.append(trimmed).append('\n');
            }
        }
        return out.toString().strip();
    }

    private static final class Renderer implements NodeVisitor {
        private final StringBuilder out = new StringBuilder();
        private int skipDepth;
        private int preDepth;
        private int quoteDepth;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof Element element) {
                String tag = element.normalName().toLowerCase(Locale.ROOT);
                if (SKIPPED.contains(tag) || skipDepth > 0) {
                    skipDepth++;
                    return;
                }
                openElement(tag);
            } else if (node instanceof TextNode text && skipDepth == 0) {
                appendText(text);
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (!(node instanceof Element element)) {
                return;
            }
            if (skipDepth > 0) {
                skipDepth--;
                return;
            }
            String tag = element.normalName();
            if (tag.equals("pre")) {
                preDepth--;
            }
            if (tag.equals("blockquote")) {
                quoteDepth--;
            }
            if (PARAGRAPHS.contains(tag)) {
                out.append("\n\n");
            } else if (BLOCKS.contains(tag)) {
                newLine();
            } else if (tag.equals("td") || tag.equals("th")) {
                out.append(' ');
            }
        }

        private void openElement(String tag) {
            switch (tag) {
                case "br" -> out.append('\n');
                case "li" -> {
                    newLine();
                    out.append("- ");
                }
                case "pre" -> {
                    preDepth++;
                    newLine();
                }
                case "blockquote" -> {
                    newLine();
                    quoteDepth++;
                }
                case "hr" -> {
                    newLine();
                    out.append("---\n");
                }
                default -> {
                    if (BLOCKS.contains(tag)) {
                        newLine();
                    }
                }
            }
        }

        private void appendText(TextNode text) {
            if (quoteDepth > 0 && !text.isBlank() && atLineStart()) {
                // Quoted history gets the '>' marks a plain-text client would show, so the
                // visible-text extractor can tell it from what the sender wrote.
                out.append("> ".repeat(quoteDepth));
            }
            if (preDepth > 0) {
                out.append(text.getWholeText());
                return;
            }
            String whole = text.getWholeText();
            boolean space = out.length() == 0 || out.charAt(out.length() - 1) == '\n'
                    || out.charAt(out.length() - 1) == ' ';
            for (int i = 0; i < whole.length(); i++) {
                char c = whole.charAt(i);
                boolean blank = Character.isWhitespace(c) || c == '\u00a0';
                if (!blank) {
                    out.append(c);
                } else if (!space) {
                    out.append(' ');
                }
                space = blank;
            }
        }

        private boolean atLineStart() {
            return out.length() == 0 || out.charAt(out.length() - 1) == '\n';
        }

        private void newLine() {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }
    }
}
