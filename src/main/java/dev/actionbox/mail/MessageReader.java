package dev.actionbox.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Walks one message with Mime4j's streaming tokenizer and collects headers, body texts and
 * attachments into a {@link MessageContent}. Forwarded messages (message/rfc822) are not
 * descended into by the tokenizer: their bytes become an attachment and are read by a nested
 * reader, one level deeper. Parts past the maxParts or maxDepth limits are skipped, not read,
 * and the walk goes on, so that what follows them is read and a broken structure after them is
 * still found. One instance reads one message; not thread safe.
 */
final class MessageReader {

    /**
     * Parts past maxParts cost Mime4j's walk but nothing of ours; past this many times maxParts
     * the walk stops, so that millions of tiny parts cannot keep the parser busy for seconds.
     */
    private static final long PARTS_WALKED_PER_LIMIT = 10;

    private final ParsePolicy policy;
    private final int depth;
    private final ParseWarnings warnings = new ParseWarnings();
    private final MessageContent content;

    private final Deque<Multipart> multiparts = new ArrayDeque<>();
    private HeaderBlock header;
    private PartHeaders currentPart = PartHeaders.NONE;
    private int headerBlocks;
    private int multipartIds;
    private int bodyParts;
    private int deepMultiparts;
    private long deepBytes;
    private int firstDeepAfterPart;
    private boolean stopped;

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
        }
        reportSkippedParts();
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
        // an oversized header field is cut or dropped with a warning and the message is read.
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
                state != EntityState.T_END_OF_STREAM && !stopped;
                state = stream.next()) {
            switch (state) {
                case T_START_HEADER -> startHeader();
                case T_FIELD -> header.add(stream.getField());
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
        header = new HeaderBlock(policy, warnings, headerBlocks == 0);
    }

    private void endHeader() {
        headerBlocks++;
        String where = headerBlocks == 1 ? "message header" : "part " + bodyParts + " header";
        currentPart = PartHeaders.read(header.fields(), warnings, where);
        if (headerBlocks == 1) {
            content.setMessageFields(header.fields(), currentPart);
        }
    }

    private void startMultipart(MimeTokenStream stream) throws IOException {
        String subtype = stream.getBodyDescriptor().getSubType();
        multiparts.push(new Multipart(
                subtype == null ? "mixed" : subtype.toLowerCase(Locale.ROOT), ++multipartIds));
        if (multiparts.size() > policy.maxDepth()) {
            skipDeepMultipart(stream);
        }
    }

    /**
     * Reading a multipart's content at its start makes Mime4j end it without walking its parts,
     * so nesting past the limit costs one pass over its bytes and no state per level.
     */
    private void skipDeepMultipart(MimeTokenStream stream) throws IOException {
        long bytes = stream.getInputStream().transferTo(OutputStream.nullOutputStream());

        if (deepMultiparts == 0) {
            firstDeepAfterPart = bodyParts;
        }
        deepMultiparts++;
        deepBytes += bytes;
    }

    private void readBody(MimeTokenStream stream) throws IOException {
        bodyParts++;
        if (bodyParts > policy.maxParts()) {
            // Mime4j skips a body that is not read.
            stopped = bodyParts >= policy.maxParts() * PARTS_WALKED_PER_LIMIT;
            return;
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
            String value = ParseWarnings.excerpt(currentPart.contentType().value());
            warnings.add("part " + bodyParts + " has an unreadable Content-Type '" + value
                    + "'; read as text");
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

    /**
     * Says which limits left parts out and what is missing, once per limit (the counts are
     * known only at the end of the walk).
     */
    private void reportSkippedParts() {
        if (deepMultiparts == 1) {
            warnings.addLimit("multipart nesting exceeds maxDepth=" + policy.maxDepth()
                    + ": a multipart nested deeper (" + deepBytes + " bytes " + deepPosition()
                    + ") was not read, so any text and attachments in it are missing");
            content.notePartsLeftOut();
        } else if (deepMultiparts > 1) {
            warnings.addLimit("multipart nesting exceeds maxDepth=" + policy.maxDepth() + ": "
                    + deepMultiparts + " multiparts nested deeper (" + deepBytes
                    + " bytes in all, the first " + deepPosition() + ") were not read,"
                    + " so any text and attachments in them are missing");
            content.notePartsLeftOut();
        }
        if (bodyParts > policy.maxParts()) {
            String count = stopped ? "at least " + bodyParts : String.valueOf(bodyParts);
            warnings.addLimit("the message has " + count + " body parts, more than maxParts="
                    + policy.maxParts() + "; part " + (policy.maxParts() + 1) + " and later"
                    + " were not read, so any text and attachments in them are missing");
            content.notePartsLeftOut();
        }
    }

    private String deepPosition() {
        return firstDeepAfterPart == 0 ? "before any part" : "after part " + firstDeepAfterPart;
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
