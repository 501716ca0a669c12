package dev.actionbox.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Walks one message with Mime4j's streaming tokenizer and collects headers, body texts and
 * attachments into a {@link MessageContent}. Forwarded messages (message/rfc822) are not
 * descended into by the tokenizer: their bytes become an attachment and are read by a nested
 * reader, one level deeper. One instance reads one message; not thread safe.
 */
final class MessageReader {

    private final ParsePolicy policy;
    private final int depth;
    private final ParseWarnings warnings = new ParseWarnings();
    private final MessageContent content;

    private final Deque<Multipart> multiparts = new ArrayDeque<>();
    private List<HeaderField> fields = new ArrayList<>();
    private int headerBytes;
    private boolean droppedHeaders;
    private PartHeaders currentPart = PartHeaders.NONE;
    private int headerBlocks;
    private int multipartIds;
    private int bodyParts;

    MessageReader(ParsePolicy policy, int depth) {
        this.policy = policy;
        this.depth = depth;
        this.content = new MessageContent(policy, depth, warnings);
    }

    ParsedMessage read(byte[] raw) {
        if (raw.length == 0) {
            content.fail("the message is empty");
            return content.build();
        }

        MimeTokenStream stream = new MimeTokenStream(config(), new WarningMonitor(warnings), null);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        int start = envelopeLineEnd(raw);
        if (start > 0) {
            warnings.add("an mbox \"From \" envelope line precedes the header; skipped");
        }
        int blank = leadingBlankLinesEnd(raw, start);
        if (blank > start) {
            warnings.add("blank lines precede the header; skipped");
            start = blank;
        }
        stream.parse(new ByteArrayInputStream(raw, start, raw.length - start));
        try {
            walk(stream);
        } catch (MimeException | IOException e) {
            content.fail("the MIME structure could not be read: " + e.getMessage());
        } catch (StopReading e) {
            warnings.add(e.getMessage());
        }
        if (headerBlocks == 0 || onlyTraceFields(content.messageFields())) {
            warnings.add("the message has no header fields");
        }
        return content.build();
    }

    /**
     * Messages taken from mbox files start with a "From sender date" envelope line that is not
     * a header field; returns the offset after it, or 0 when there is none.
     */
    private static int envelopeLineEnd(byte[] raw) {
        boolean envelope = raw.length > 5 && raw[0] == 'F' && raw[1] == 'r' && raw[2] == 'o'
                && raw[3] == 'm' && raw[4] == ' ';
        if (!envelope) {
            return 0;
        }
        for (int i = 5; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * Returns the offset after white-space-only lines at {@code from}, when a header field
     * follows them; otherwise {@code from}, as the blank line then really starts the body.
     */
    private static int leadingBlankLinesEnd(byte[] raw, int from) {
        int pos = from;
        int lineStart = from;
        while (pos < raw.length && (raw[pos] == ' ' || raw[pos] == '\t' || raw[pos] == '\r'
                || raw[pos] == '\n')) {
            if (raw[pos] == '\n') {
                lineStart = pos + 1;
            }
            pos++;
        }
        if (lineStart == from) {
            return from;
        }
        int colon = lineStart;
        while (colon < raw.length && colon - lineStart < 80 && raw[colon] > ' '
                && raw[colon] != ':') {
            colon++;
        }
        boolean headerFollows = colon < raw.length && raw[colon] == ':' && colon > lineStart;
        return headerFollows ? lineStart : from;
    }

    private MimeConfig config() {
        // Limits are enforced here rather than by Mime4j, whose limits abort the whole parse:
        // an oversized header field is dropped with a warning and the message is still read.
        return MimeConfig.custom()
                .setStrictParsing(false)
                .setMaxLineLen(-1)
                .setMaxHeaderLen(-1)
                .setMaxHeaderCount(-1)
                .setMaxContentLen(-1)
                .setMalformedHeaderStartsBody(true)
                .build();
    }

    private void walk(MimeTokenStream stream) throws MimeException, IOException {
        for (EntityState state = stream.getState();
                state != EntityState.T_END_OF_STREAM;
                state = stream.next()) {
            switch (state) {
                case T_START_HEADER -> startHeader();
                case T_FIELD -> addField(stream.getField());
                case T_END_HEADER -> endHeader();
                case T_START_MULTIPART -> startMultipart(stream);
                case T_END_MULTIPART -> multiparts.pollFirst();
                case T_BODY -> readBody(stream);
                default -> {
                    // Preamble, epilogue and entity boundaries carry nothing we keep.
                }
            }
        }
    }

    private void startHeader() {
        fields = new ArrayList<>();
        headerBytes = 0;
        droppedHeaders = false;
    }

    private void addField(Field field) {
        ByteSequence raw = field.getRaw();
        int length = raw == null ? field.getBody().length() : raw.length();
        String name = HeaderText.clean(field.getName()).strip();
        if (length > policy.maxHeaderFieldBytes()) {
            warnings.add("header field " + shorten(name) + " of " + length
                    + " bytes exceeds maxHeaderFieldBytes=" + policy.maxHeaderFieldBytes()
                    + "; dropped");
            return;
        }
        // Only kept fields count: one dropped giant must not push out the fields after it.
        headerBytes += length;
        if (headerBytes > policy.maxHeaderBytes() || fields.size() >= policy.maxHeaderCount()) {
            if (!droppedHeaders) {
                warnings.add("header block exceeds maxHeaderBytes=" + policy.maxHeaderBytes()
                        + " or maxHeaderCount=" + policy.maxHeaderCount()
                        + "; later fields dropped");
            }
            droppedHeaders = true;
            return;
        }

        byte[] value = valueBytes(field, raw);
        for (byte b : value) {
            if (b == 0) {
                warnings.add("header field " + shorten(name) + " contains a NUL byte; removed");
                break;
            }
        }
        fields.add(new HeaderField(name, value));
    }

    private static byte[] valueBytes(Field field, ByteSequence raw) {
        if (field instanceof RawField rawField && raw != null) {
            byte[] all = raw.toByteArray();
            int start = Math.min(all.length, rawField.getDelimiterIdx() + 1);
            return java.util.Arrays.copyOfRange(all, start, all.length);
        }
        return field.getBody().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void endHeader() {
        headerBlocks++;
        String where = headerBlocks == 1 ? "message header" : "part " + bodyParts + " header";
        currentPart = PartHeaders.read(fields, warnings, where);
        if (headerBlocks == 1) {
            content.setMessageFields(fields, currentPart);
        }
    }

    private void startMultipart(MimeTokenStream stream) {
        if (multiparts.size() >= policy.maxDepth()) {
            throw new StopReading("multipart nesting exceeds maxDepth=" + policy.maxDepth()
                    + "; deeper parts were not read");
        }
        String subtype = stream.getBodyDescriptor().getSubType();
        multiparts.push(new Multipart(
                subtype == null ? "mixed" : subtype.toLowerCase(Locale.ROOT), ++multipartIds));
    }

    private void readBody(MimeTokenStream stream) throws IOException {
        bodyParts++;
        if (bodyParts > policy.maxParts()) {
            throw new StopReading("the message has more than maxParts=" + policy.maxParts()
                    + " parts; later parts were not read");
        }

        String type = effectiveType(stream);
        byte[] data = decodedBody(stream);
        content.addPart(new BodyPart(bodyParts, type, currentPart, data,
                nearest("alternative"), nearest("related") > 0, parentSubtype()));
    }

    private String effectiveType(MimeTokenStream stream) {
        String declared = currentPart.mimeType();
        if (declared.startsWith("multipart/")) {
            warnings.add("part " + bodyParts + " is " + declared
                    + " without a usable boundary; read as text");
            return "text/plain";
        }
        if (!declared.isEmpty()) {
            return declared;
        }
        if (!currentPart.contentType().value().isEmpty()) {
            warnings.add("part " + bodyParts + " has an unreadable Content-Type '"
                    + shorten(currentPart.contentType().value()) + "'; read as text");
            return "text/plain";
        }
        // RFC 2046 section 5.1.5: parts of a multipart/digest default to message/rfc822.
        String implied = stream.getBodyDescriptor().getMimeType();
        return "message/rfc822".equalsIgnoreCase(implied) ? "message/rfc822" : "text/plain";
    }

    private byte[] decodedBody(MimeTokenStream stream) throws IOException {
        String encoding = currentPart.transferEncoding();
        if (UuDecoder.isUuencodeTransferEncoding(encoding)) {
            byte[] raw = readAll(stream.getInputStream());
            return UuDecoder.decodeBody(raw);
        }
        return readAll(stream.getDecodedInputStream());
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    /** The id of the nearest enclosing multipart of that subtype, or 0. */
    private int nearest(String subtype) {
        for (Multipart multipart : multiparts) {
            if (multipart.subtype().equals(subtype)) {
                return multipart.id();
            }
        }
        return 0;
    }

    private String parentSubtype() {
        Multipart parent = multiparts.peekFirst();
        return parent == null ? "" : parent.subtype();
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    private record Multipart(String subtype, int id) {
    }

    /**
     * True when no field is the sender's own: the trace fields that relays and our SMTP
     * listener put on top ({@code Received}, {@code Return-Path}, ...) do not make a header.
     */
    private static boolean onlyTraceFields(List<HeaderField> fields) {
        return fields.stream().map(HeaderField::lowerName).allMatch(name ->
                name.equals("received") || name.equals("return-path")
                        || name.equals("delivered-to") || name.equals("x-original-to"));
    }

    /** Ends the walk early when a limit of the policy is reached; what was read is kept. */
    private static final class StopReading extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopReading(String message) {
            super(message, null, false, false);
        }
    }

    /** Turns Mime4j's tolerated defects into warnings instead of failing the parse. */
    private static final class WarningMonitor extends DecodeMonitor {
        private final ParseWarnings warnings;

        WarningMonitor(ParseWarnings warnings) {
            this.warnings = warnings;
        }

        @Override
        public boolean warn(String message, String dropDesc) {
            warnings.add("mime: " + message);
            return false;
        }

        @Override
        public boolean isListening() {
            return true;
        }
    }
}
