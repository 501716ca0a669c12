package dev.actionbox.workflow;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {{path}}} placeholders from an event payload. */
final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    private Templates() {
    }

    /** A missing value becomes an empty string. */
    static String render(String template, Map<String, Object> payload) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = PayloadPath.get(payload, matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    value == null ? "" : String.valueOf(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
