package dev.actionbox.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads an address header (From, To, Cc, Reply-To) into mailboxes. Forgiving by design: groups
 * are flattened, comments become names when there is no other name, an unquoted "Last, First"
 * before an angle address is kept together, and entries without any address are skipped.
 */
final class AddressListParser {

    private static final int MAX_ADDRESSES = 1000;

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private AddressListParser() {
    }

    /**
     * @param value the unfolded header value with 8-bit bytes decoded but encoded-words kept,
     *     so that an encoded comma inside a display name cannot split it
     */
    static List<MailAddress> parse(String value, ParseWarnings warnings, String where) {
        List<MailAddress> result = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return result;
        }

        List<String> entries = mergeSplitNames(splitEntries(value));
        for (String entry : entries) {
            if (result.size() >= MAX_ADDRESSES) {
                warnings.add(where + " lists over " + MAX_ADDRESSES + " addresses; rest ignored");
                break;
            }
            MailAddress address = parseMailbox(entry, warnings, where);
            if (address != null) {
                result.add(address);
            }
        }
        return result;
    }

    private static MailAddress parseMailbox(String entry, ParseWarnings warnings, String where) {
        String text = stripGroupName(entry).strip();
        if (text.isEmpty()) {
            return null;
        }

        int open = lastIndexOutsideQuotes(text, '<');
        int close = open < 0 ? -1 : text.indexOf('>', open);
        String address;
        String name;
        if (open >= 0) {
            address = text.substring(open + 1, close < 0 ? text.length() : close);
            name = text.substring(0, open);
            if (name.isBlank() && close >= 0) {
                name = commentOf(text.substring(close + 1));
            }
        } else {
            String comment = commentOf(text);
            address = removeComments(text);
            name = comment;
        }

        address = cleanAddress(address);
        if (address.isEmpty()) {
            return null;
        }
        String display = EncodedWordDecoder.decode(unquote(name.strip()), warnings, where);
        display = HeaderText.clean(display).strip();
        return new MailAddress(display.isEmpty() ? null : display, address);
    }

    private static String cleanAddress(String raw) {
        String address = removeComments(raw).strip();
        if (address.regionMatches(true, 0, "mailto:", 0, 7)) {
            address = address.substring(7);
        }
        address = WHITE_SPACE.matcher(address.replace("\"", "")).replaceAll("");
        // Source routes (RFC 5322 obs-route, "@relay:user@host") are dropped.
        int colon = address.indexOf(':');
        if (address.startsWith("@") && colon > 0) {
            address = address.substring(colon + 1);
        }
        return HeaderText.clean(address);
    }

    /** "Undisclosed recipients:;" and "team: a@x, b@y;" name a group; keep only members. */
    private static String stripGroupName(String entry) {
        int colon = indexOutsideQuotes(entry, ':');
        int angle = indexOutsideQuotes(entry, '<');
        int at = entry.indexOf('@');
        boolean group = colon >= 0 && (angle < 0 || colon < angle) && (at < 0 || colon < at);
        String rest = group ? entry.substring(colon + 1) : entry;
        return rest.replace(";", "");
    }

    /** Splits at ',' and ';' outside quotes, angle brackets and comments. */
    private static List<String> splitEntries(String value) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean angle = false;
        int comment = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"' && comment == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                comment++;
            } else if (!quoted && c == ')' && comment > 0) {
                comment--;
            } else if (!quoted && comment == 0 && c == '<') {
                angle = true;
            } else if (!quoted && comment == 0 && c == '>') {
                angle = false;
            }
            boolean separator = (c == ',' || c == ';') && !quoted && !angle && comment == 0;
            if (separator) {
                entries.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        entries.add(current.toString());
        return entries;
    }

    /** Rejoins "Doe" and "John <john@x>" when a sender forgot to quote "Doe, John". */
    private static List<String> mergeSplitNames(List<String> entries) {
        List<String> merged = new ArrayList<>();
        String carry = null;
        for (String entry : entries) {
            String joined = carry == null ? entry : carry + "," + entry;
            boolean bareWords = !joined.contains("@") && !joined.contains("<")
                    && !joined.contains(":") && !joined.isBlank();
            if (bareWords) {
                carry = joined;
                continue;
            }
            merged.add(joined);
            carry = null;
        }
        if (carry != null) {
            merged.add(carry);
        }
        return merged;
    }

    private static String commentOf(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        return open >= 0 && close > open ? text.substring(open + 1, close) : "";
    }

    private static String removeComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && depth == 0) {
                quoted = !quoted;
            }
            if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String unquote(String name) {
        String text = name;
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        } else if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.replace("\\\"", "\"").replace("\\\\", "\\").replace("\"", "");
    }

    private static int indexOutsideQuotes(String text, char wanted) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOutsideQuotes(String text, char wanted) {
        boolean quoted = false;
        int last = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                last = i;
            }
        }
        return last;
    }
}
