package dev.actionbox.mail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers what {@link MessageReader} finds (header fields, body texts, files, calendar and
 * delivery reports) and turns it into a {@link ParsedMessage}. Decides which parts are the body
 * and which are attachments, and which attachments are inline images. Not thread safe.
 */
final class MessageContent {

    private static final Pattern IMG_SOURCE = Pattern.compile(
            "<img\\b[^>]*?\\bsrc\\s*=\\s*[\"']?([^\"'\\s>]+)", Pattern.CASE_INSENSITIVE);

    private final ParsePolicy policy;
    private final int depth;
    private final ParseWarnings warnings;

    private List<HeaderField> messageFields = List.of();
    private PartHeaders messageHeaders = PartHeaders.NONE;
    private final List<TextSegment> segments = new ArrayList<>();
    private final List<PendingFile> files = new ArrayList<>();
    private final List<ForwardedMessage> forwarded = new ArrayList<>();
    private CalendarInvite calendar;
    private String deliveryStatus;
    private String originalHeaders;
    private String charsetHint;
    private String parseError;
    private boolean partsLeftOut;

    MessageContent(ParsePolicy policy, int depth, ParseWarnings warnings) {
        this.policy = policy;
        this.depth = depth;
        this.warnings = warnings;
    }

    void fail(String reason) {
        if (parseError == null) {
            parseError = reason;
        }
    }

    void setMessageFields(List<HeaderField> fields, PartHeaders headers) {
        messageFields = List.copyOf(fields);
        messageHeaders = headers;
        noteCharset(headers.charset());
    }

    List<HeaderField> messageFields() {
        return messageFields;
    }

    /** Notes that a limit of the policy left parts unread, which may hold the text. */
    void notePartsLeftOut() {
        partsLeftOut = true;
    }

    /** Routes one leaf part to the body, the files, or the report it belongs to. */
    void addPart(BodyPart part) {
        switch (part.type()) {
            case "text/plain", "text/html" -> addTextPart(part);
            case "text/calendar" -> addCalendar(part);
            case "message/rfc822", "message/global" -> addForwarded(part);
            case "message/delivery-status", "message/global-delivery-status" -> {
                deliveryStatus = asText(part);
                addFile(part);
            }
            case "text/rfc822-headers", "message/rfc822-headers", "message/global-headers" -> {
                originalHeaders = asText(part);
                addFile(part);
            }
            case "application/ms-tnef", "application/vnd.ms-tnef" -> addTnef(part);
            case "application/pgp-signature", "application/pkcs7-signature",
                    "application/x-pkcs7-signature" -> addSignature(part);
            default -> {
                if ("winmail.dat".equalsIgnoreCase(part.headers().filename())) {
                    addTnef(part);
                } else {
                    addFile(part);
                }
            }
        }
    }

    private void addTextPart(BodyPart part) {
        boolean body = isBodyText(part);
        if (body) {
            addText(part, "part " + part.index());
        }
        if (!body || part.headers().filename() != null) {
            addFile(part);
        }
    }

    private void addCalendar(BodyPart part) {
        String ics = LenientTextDecoder.decode(
                part.data(), part.headers().charset(), warnings, "part " + part.index());
        if (calendar == null) {
            calendar = CalendarInviteReader.read(ics, part.headers().contentType().param("method"));
        }
        String name = part.headers().filename();
        files.add(PendingFile.of(part,
                name == null ? "invite.ics" : FileNames.sanitize(name), part.type()));
    }

    /** The signature of a multipart/signed message is no file the sender attached. */
    private void addSignature(BodyPart part) {
        if (!part.parentSubtype().equals("signed")) {
            addFile(part);
        }
    }

    /** Delivery reports and header dumps are ASCII by RFC 3464; UTF-8 covers RFC 6533. */
    private String asText(BodyPart part) {
        return LenientTextDecoder.decode(part.data(), "utf-8", warnings, "part " + part.index());
    }

    /**
     * A text part is body text unless it is marked as an attachment or named as a file without
     * being shown inline. A message that is a single text part is always read as its body, as
     * every mail client shows it. A named part that is body text is also kept as a file.
     */
    private static boolean isBodyText(BodyPart part) {
        PartHeaders headers = part.headers();
        if (part.parentSubtype().isEmpty()) {
            return true;
        }
        if (headers.isAttachmentDisposition()) {
            return false;
        }
        return headers.filename() == null || headers.isInlineDisposition();
    }

    private void addText(BodyPart part, String where) {
        String charset = part.headers().charset();
        noteCharset(charset);
        byte[] data = part.data();
        if (data.length > policy.maxTextChars()) {
            warnings.add(where + " has " + data.length + " bytes of text, more than maxTextChars="
                    + policy.maxTextChars() + "; only the start is read as text");
            data = java.util.Arrays.copyOf(data, policy.maxTextChars());
        }
        String text = LenientTextDecoder.decode(data, charset, warnings, where);
        boolean html = part.type().equals("text/html");
        if (!html) {
            text = normalizeNewlines(text);
            if ("flowed".equalsIgnoreCase(part.headers().contentType().param("format"))) {
                String delsp = part.headers().contentType().param("delsp");
                text = FlowedText.unflow(text, "yes".equalsIgnoreCase(delsp));
            }
            text = takeUuencodedFiles(text, part);
        }

        TextSegment segment = segmentFor(part.alternativeId());
        if (html && segment.html == null) {
            segment.html = text;
        } else if (!html && segment.plain == null) {
            segment.plain = text;
        } else {
            TextSegment extra = new TextSegment(0);
            segments.add(extra);
            if (html) {
                extra.html = text;
            } else {
                extra.plain = text;
            }
        }
    }

    private String takeUuencodedFiles(String text, BodyPart part) {
        UuDecoder.Extraction extraction = UuDecoder.extract(text);
        for (UuDecoder.UuFile file : extraction.files()) {
            files.add(PendingFile.loose(FileNames.sanitize(file.name()), file.content()));
        }
        return extraction.text();
    }

    private TextSegment segmentFor(int alternativeId) {
        if (alternativeId > 0) {
            for (TextSegment segment : segments) {
                if (segment.alternativeId == alternativeId) {
                    return segment;
                }
            }
        }
        TextSegment segment = new TextSegment(alternativeId);
        segments.add(segment);
        return segment;
    }

    private void addForwarded(BodyPart part) {
        ForwardedMessage message;
        if (depth + 1 >= policy.maxDepth()) {
            warnings.add("forwarded message in part " + part.index()
                    + " is nested deeper than maxDepth=" + policy.maxDepth()
                    + "; not read, so its subject, sender and text are missing");
            partsLeftOut = true;
            message = new ForwardedMessage("", null, null, "");
        } else {
            // Limitation: the inner message's warnings stay with it and are not copied here.
            ParsedMessage inner = new MessageReader(policy, depth + 1).read(part.data());
            message = new ForwardedMessage(
                    inner.subject(), inner.from(), inner.messageId(), inner.textFull());
        }
        forwarded.add(message);

        String name = part.headers().filename();
        if (name == null) {
            String subject = FileNames.sanitize(message.subject());
            name = subject.isEmpty() ? "forwarded.eml" : subject + ".eml";
        }
        files.add(PendingFile.of(part, name, "message/rfc822"));
    }

    private void addTnef(BodyPart part) {
        List<TnefReader.TnefFile> inner = TnefReader.read(part.data());
        if (inner.isEmpty()) {
            addFile(part);
            return;
        }
        for (TnefReader.TnefFile file : inner) {
            files.add(PendingFile.loose(FileNames.sanitize(file.name()), file.content()));
        }
    }

    private void addFile(BodyPart part) {
        String name = part.headers().filename();
        files.add(PendingFile.of(part, name == null ? null : FileNames.sanitize(name),
                part.type()));
    }

    private void noteCharset(String charset) {
        boolean useful = charset != null && !charset.isBlank()
                && !charset.equalsIgnoreCase("us-ascii") && !charset.equalsIgnoreCase("utf-8");
        if (charsetHint == null && useful) {
            charsetHint = charset;
        }
    }

    ParsedMessage build() {
        HeaderLookup headers = new HeaderLookup(messageFields, charsetHint, warnings);
        String textFull = joinText();
        String html = joinHtml();
        List<ParsedAttachment> attachments = finishFiles(html);
        if (partsLeftOut && textFull.isEmpty()) {
            warnings.addLimit("no text was found in the parts that were read; any text the"
                    + " message has lies in the parts left out at a limit");
        }

        String subject = java.util.Objects.requireNonNullElse(headers.decoded("subject"), "");
        if (headers.isCut("subject")) {
            subject = OversizedHeaderField.cutSubject(subject);
        }
        MailAddress from = firstOrNull(headers.addresses("from"));
        if (from == null) {
            from = firstOrNull(headers.addresses("sender"));
        }
        List<MailAddress> to = headers.addresses("to");
        MailFlags flags = detectFlags(headers, subject, from);

        return new ParsedMessage(
                MessageIds.messageId(headers.raw("message-id")),
                from,
                to,
                headers.addresses("cc"),
                headers.addresses("reply-to"),
                subject,
                MailDateParser.parse(headers.raw("date")),
                VisibleTextExtractor.extract(textFull),
                textFull,
                html,
                attachments,
                firstOrNull(MessageIds.parse(headers.raw("in-reply-to"))),
                MessageIds.parse(headers.raw("references")),
                flags,
                headers.decoded("list-id"),
                headers.decoded("authentication-results"),
                warnings.asList(),
                parseError,
                forwarded,
                calendar,
                flags.bounce() ? bounceInfo(textFull, to) : null);
    }

    private MailFlags detectFlags(HeaderLookup headers, String subject, MailAddress from) {
        String reportType = messageHeaders.mimeType().equals("multipart/report")
                ? messageHeaders.contentType().param("report-type") : null;
        return MachineMailDetector.detect(headers::decoded, subject,
                from == null ? null : from.address(),
                reportType == null ? null : reportType.toLowerCase(Locale.ROOT),
                deliveryStatus != null);
    }

    private BounceInfo bounceInfo(String textFull, List<MailAddress> to) {
        List<String> ours = to.stream().map(MailAddress::address).toList();
        BounceInfo info = BounceReportReader.read(deliveryStatus, originalHeaders, textFull, ours);
        if (info.originalMessageId() == null && !forwarded.isEmpty()) {
            info = new BounceInfo(info.recipient(), info.status(), info.action(),
                    forwarded.get(0).messageId());
        }
        return info;
    }

    private String joinText() {
        StringBuilder out = new StringBuilder();
        for (TextSegment segment : segments) {
            String text = segment.plain != null ? segment.plain : HtmlToText.convert(segment.html);
            if (text.isBlank()) {
                continue;
            }
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(text.strip());
        }
        if (out.length() == 0) {
            appendForwardedTexts(out);
        }
        return limit(out.toString(), "text");
    }

    /**
     * A message with no text of its own that carries messages (a digest, or a forward sent as
     * nothing but an attachment) is read as the text of those messages.
     */
    private void appendForwardedTexts(StringBuilder out) {
        for (ForwardedMessage message : forwarded) {
            if (message.text().isBlank()) {
                continue;
            }
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(message.text().strip());
        }
    }

    private String joinHtml() {
        StringBuilder out = new StringBuilder();
        for (TextSegment segment : segments) {
            if (segment.html != null) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(segment.html);
            }
        }
        return out.length() == 0 ? null : limit(out.toString(), "HTML");
    }

    private String limit(String text, String what) {
        if (text.length() <= policy.maxTextChars()) {
            return text;
        }
        warnings.add("the " + what + " exceeds maxTextChars=" + policy.maxTextChars()
                + "; cut");
        return text.substring(0, policy.maxTextChars());
    }

    private List<ParsedAttachment> finishFiles(String html) {
        Set<String> cids = new HashSet<>();
        Set<String> sources = new HashSet<>();
        if (html != null) {
            Matcher m = IMG_SOURCE.matcher(html);
            while (m.find()) {
                String src = m.group(1);
                if (src.regionMatches(true, 0, "cid:", 0, 4)) {
                    cids.add(src.substring(4).toLowerCase(Locale.ROOT));
                } else {
                    sources.add(src.toLowerCase(Locale.ROOT));
                }
            }
        }

        List<ParsedAttachment> result = new ArrayList<>();
        int number = 0;
        for (PendingFile file : files) {
            number++;
            String name = file.name() != null && !file.name().isEmpty()
                    ? file.name() : FileNames.generated(number, file.type());
            boolean referenced = file.contentId() != null
                    && cids.contains(file.contentId().toLowerCase(Locale.ROOT))
                    || file.contentId() != null
                    && sources.contains(file.contentId().toLowerCase(Locale.ROOT))
                    || file.contentLocation() != null
                    && sources.contains(file.contentLocation().toLowerCase(Locale.ROOT));
            boolean image = file.type().startsWith("image/");
            boolean inline = referenced
                    || image && !file.attachmentDisposition()
                    && (file.inlineDisposition() || file.insideRelated());
            result.add(new ParsedAttachment(name, file.type(), inline, file.contentId(),
                    file.content()));
        }
        return result;
    }

    private static String normalizeNewlines(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static <T> T firstOrNull(List<T> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    /** The body text of one alternative group (or one lone text part). */
    private static final class TextSegment {
        private final int alternativeId;
        private String plain;
        private String html;

        TextSegment(int alternativeId) {
            this.alternativeId = alternativeId;
        }
    }
}
