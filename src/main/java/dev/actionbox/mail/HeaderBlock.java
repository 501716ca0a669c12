package dev.actionbox.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Collects the fields of one header block within the header limits of the {@link ParsePolicy}.
 * A field past a limit is dropped with a warning, except in the message's own header for the
 * fields it cannot do without (see {@link OversizedHeaderField}): the first of each such name is
 * kept, cut to size when it is too long, so that a giant field costs no more memory than a
 * normal one. One instance reads one block; not thread safe.
 */
final class HeaderBlock {

    private static final String KEPT_NAMES =
            "Subject, From, To, Cc, Message-ID, In-Reply-To and References";

    private final ParsePolicy policy;
    private final ParseWarnings warnings;
    private final boolean messageHeader;
    private final List<HeaderField> fields = new ArrayList<>();
    private final Set<String> keptNames = new HashSet<>();
    private int keptBytes;
    private boolean full;

    HeaderBlock(ParsePolicy policy, ParseWarnings warnings, boolean messageHeader) {
        this.policy = policy;
        this.warnings = warnings;
        this.messageHeader = messageHeader;
    }

    List<HeaderField> fields() {
        return fields;
    }

    void add(Field field) {
        String name = HeaderText.clean(field.getName()).strip();
        String lowerName = name.toLowerCase(Locale.ROOT);
        ByteSequence raw = rawOf(field);
        boolean needed = messageHeader && OversizedHeaderField.isKept(lowerName)
                && !keptNames.contains(lowerName);
        boolean oversized = raw.length() > policy.maxHeaderFieldBytes();

        if (oversized && !needed) {
            warnings.add("header field " + ParseWarnings.excerpt(name) + " of " + raw.length()
                    + " bytes exceeds maxHeaderFieldBytes=" + policy.maxHeaderFieldBytes()
                    + "; dropped");
            return;
        }
        if (!needed && isFull(raw.length())) {
            return;
        }

        int valueStart = valueStart(field, raw);
        byte[] value = oversized
                ? cut(name, lowerName, raw, valueStart)
                : bytes(raw, valueStart, raw.length());
        // Only kept fields count: one dropped giant must not push out the fields after it.
        keptBytes += oversized ? value.length : raw.length();
        keptNames.add(lowerName);
        warnOfNul(name, value);
        fields.add(new HeaderField(name, value, oversized));
    }

    /** The bytes {@code from} (inclusive) to {@code to} (exclusive) of the sequence. */
    static byte[] bytes(ByteSequence sequence, int from, int to) {
        byte[] out = new byte[Math.max(0, to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = sequence.byteAt(from + i);
        }
        return out;
    }

    private byte[] cut(String name, String lowerName, ByteSequence raw, int valueStart) {
        int budget = policy.maxHeaderFieldBytes();
        warnings.addLimit("header field " + ParseWarnings.excerpt(name) + " of " + raw.length()
                + " bytes exceeds maxHeaderFieldBytes=" + budget + "; "
                + OversizedHeaderField.whatIsKept(lowerName, budget));
        return OversizedHeaderField.keptValue(lowerName, raw, valueStart, budget);
    }

    private boolean isFull(int length) {
        if (!full && keptBytes + length <= policy.maxHeaderBytes()
                && fields.size() < policy.maxHeaderCount()) {
            return false;
        }
        if (!full) {
            full = true;
            String warning = "header block exceeds maxHeaderBytes=" + policy.maxHeaderBytes()
                    + " or maxHeaderCount=" + policy.maxHeaderCount() + "; later fields dropped";
            if (messageHeader) {
                warnings.addLimit(warning + " except the first " + KEPT_NAMES);
            } else {
                warnings.add(warning);
            }
        }
        return true;
    }

    private void warnOfNul(String name, byte[] value) {
        for (byte b : value) {
            if (b == 0) {
                warnings.add("header field " + ParseWarnings.excerpt(name)
                        + " contains a NUL byte; removed");
                return;
            }
        }
    }

    /** The field as read; a field that Mime4j did not keep raw is rebuilt from its value. */
    private static ByteSequence rawOf(Field field) {
        if (field instanceof RawField && field.getRaw() != null) {
            return field.getRaw();
        }
        return new ByteArrayBuffer(field.getBody().getBytes(StandardCharsets.ISO_8859_1), false);
    }

    private static int valueStart(Field field, ByteSequence raw) {
        if (field instanceof RawField rawField && field.getRaw() != null) {
            return Math.min(raw.length(), rawField.getDelimiterIdx() + 1);
        }
        return 0;
    }
}
