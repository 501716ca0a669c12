package dev.actionbox.mail.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actionbox.mail.CalendarInvite;
import dev.actionbox.mail.ForwardedMessage;
import dev.actionbox.mail.MessageParser;
import dev.actionbox.mail.ParsePolicy;
import dev.actionbox.mail.ParsedAttachment;
import dev.actionbox.mail.ParsedMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the parse-level expectations of the shared fault cases (each {@code Bxx.eml} with its
 * {@code Bxx.expected.json}, described in the cases README). Keys that need the whole server
 * (threading, tickets, webhooks, drafts, outages) are counted as skipped. The last line
 * printed is {@code N passed, N failed}.
 */
public final class CasesCheck {

    /**
     * @param passed expectations met
     * @param failed expectations missed
     * @param needsServer expectations skipped because only the running server can check them
     * @param cases cases read
     */
    public record Counts(int passed, int failed, int needsServer, int cases) {
    }

    private static final Set<String> NEEDS_SERVER = Set.of(
            "thread_with", "creates_ticket", "tickets_created", "webhooks_fired", "draft_reply",
            "scenario", "during_outage", "message_lost", "tickets_after_recovery",
            "send_auto_ack", "send_notification", "creates_article", "reopen_ticket", "ignored",
            "deliver_times", "auto_acks_sent", "attach_to_ticket_of_message_id");

    /** Keys that describe a case rather than expect something of it. */
    private static final Set<String> DESCRIPTIVE =
            Set.of("config", "setup", "note", "acceptable_fallback");

    private static final Pattern IMG_SOURCE = Pattern.compile(
            "<img\\b[^>]*?\\bsrc\\s*=\\s*[\"']?([^\"'\\s>]+)", Pattern.CASE_INSENSITIVE);

    private final MessageParser parser;
    private final ObjectMapper json = new ObjectMapper();

    public CasesCheck(MessageParser parser) {
        this.parser = parser;
    }

    /** Checks every case in {@code dir}; prints mismatches and a summary to {@code out}. */
    public Counts run(Path dir, PrintStream out) throws IOException {
        if (!Files.isDirectory(dir)) {
            out.println("Cases folder " + dir + " is absent; nothing was checked.");
            out.println("0 passed, 0 failed");
            return new Counts(0, 0, 0, 0);
        }

        CheckTally tally = new CheckTally(out);
        int needsServer = 0;
        int cases = 0;
        for (Path expectedFile : expectedFiles(dir)) {
            String name = expectedFile.getFileName().toString()
                    .replace(".expected.json", "");
            cases++;
            needsServer += checkCase(dir, name, expectedFile, tally, out);
        }

        out.println(cases + " cases read, " + needsServer
                + " expectations need the server and were skipped");
        tally.printColumns();
        out.println(tally.passed() + " passed, " + tally.failed() + " failed");
        return new Counts(tally.passed(), tally.failed(), needsServer, cases);
    }

    private static List<Path> expectedFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".expected.json"))
                    .sorted()
                    .toList();
        }
    }

    private int checkCase(Path dir, String name, Path expectedFile, CheckTally tally,
            PrintStream out) {
        JsonNode expected;
        try {
            expected = json.readTree(expectedFile.toFile());
        } catch (IOException e) {
            tally.fail(name, "expected.json", "readable JSON", e.getMessage());
            return 0;
        }

        ParsedMessage message = null;
        long millis = 0;
        String crash = null;
        try {
            byte[] raw = Files.readAllBytes(dir.resolve(name + ".eml"));
            long start = System.nanoTime();
            message = parser.parse(raw);
            millis = (System.nanoTime() - start) / 1_000_000;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            crash = e.toString();
        }

        int skipped = 0;
        for (var entry : expected.properties()) {
            String key = entry.getKey();
            if (NEEDS_SERVER.contains(key)) {
                skipped++;
            } else if (key.equals("max_parse_ms")) {
                out.println("REPORT " + name + " parsed in " + millis + " ms (limit "
                        + entry.getValue().asText() + " ms)");
            } else if (!DESCRIPTIVE.contains(key)) {
                if (message == null) {
                    tally.fail(name, key, entry.getValue(), "crash: " + crash);
                } else {
                    checkKey(name, key, entry.getValue(), expected, message, tally);
                }
            }
        }
        return skipped;
    }

    private void checkKey(String file, String key, JsonNode value, JsonNode expected,
            ParsedMessage m, CheckTally tally) {
        switch (key) {
            case "subject" -> tally.check(m.subject().equals(value.asText()),
                    file, key, value.asText(), m.subject());
            case "from" -> {
                String got = m.from() == null ? null : m.from().address();
                tally.check(value.asText().equalsIgnoreCase(got), file, key, value, got);
            }
            case "from_name" -> {
                String got = m.from() == null ? null : m.from().name();
                tally.check(value.asText().equals(got), file, key, value, got);
            }
            case "text_contains" -> strings(value).forEach(s ->
                    tally.check(m.textFull().contains(s), file, key, s, m.textFull()));
            case "text_not_contains" -> strings(value).forEach(s ->
                    tally.check(!m.textFull().contains(s) && !m.text().contains(s),
                            file, key, "not " + s, m.textFull()));
            case "html_contains" -> strings(value).forEach(s ->
                    tally.check(m.html() != null && m.html().contains(s), file, key, s, m.html()));
            case "subject_not_contains" -> strings(value).forEach(s ->
                    tally.check(!m.subject().contains(s), file, key, "not " + s, m.subject()));
            case "text_nonempty" -> tally.check(
                    !m.textFull().isBlank() == value.asBoolean(), file, key, value, m.textFull());
            case "attachments" -> checkAttachments(file, value, expected, m, tally);
            case "inline_images" -> checkInlineImages(file, value, m, tally);
            case "html_image_refs_resolved" -> tally.check(
                    imageRefsResolved(m) == value.asBoolean(), file, key, value, m.html());
            case "forwarded_subject", "forwarded_from", "forwarded_text_contains" ->
                    checkForwarded(file, key, value, m, tally);
            case "calendar" -> checkCalendar(file, value, m, tally);
            case "is_auto_reply" -> tally.check(
                    m.flags().autoSubmitted() == value.asBoolean(), file, key, value, m.flags());
            case "is_bounce" -> tally.check(
                    m.flags().bounce() == value.asBoolean(), file, key, value, m.flags());
            case "bounced_recipient", "bounce_status", "original_message_id" ->
                    checkBounce(file, key, value, m, tally);
            case "visible_text" -> tally.check(m.text().strip().equals(value.asText().strip()),
                    file, key, value.asText(), m.text());
            case "visible_text_not_contains" -> strings(value).forEach(s ->
                    tally.check(!m.text().contains(s), file, key, "not " + s, m.text()));
            case "no_exception" -> tally.pass(key);
            default -> tally.fail(file, key, "a key this check knows", key);
        }
    }

    private static List<String> strings(JsonNode value) {
        List<String> result = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> result.add(v.asText()));
        } else {
            result.add(value.asText());
        }
        return result;
    }

    private void checkAttachments(String file, JsonNode value, JsonNode expected,
            ParsedMessage m, CheckTally tally) {
        List<ParsedAttachment> files = m.attachments().stream().filter(a -> !a.inline()).toList();
        boolean ok = matchesFiles(value, files);
        JsonNode fallback = expected.path("acceptable_fallback").path("attachments");
        if (!ok && !fallback.isMissingNode() && matchesFiles(fallback, files)) {
            tally.pass("attachments");
            return;
        }
        tally.check(ok, file, "attachments", value, describe(files));
    }

    private static boolean matchesFiles(JsonNode expected, List<ParsedAttachment> files) {
        if (expected.size() != files.size()) {
            return false;
        }
        List<ParsedAttachment> left = new ArrayList<>(files);
        for (JsonNode want : expected) {
            ParsedAttachment hit = left.stream().filter(a -> fileMatches(want, a)).findFirst()
                    .orElse(null);
            if (hit == null) {
                return false;
            }
            left.remove(hit);
        }
        return true;
    }

    private static boolean fileMatches(JsonNode want, ParsedAttachment got) {
        boolean name = true;
        if (want.has("filename")) {
            name = want.get("filename").asText().equals(got.filename());
        } else if (want.has("filename_one_of")) {
            name = strings(want.get("filename_one_of")).contains(got.filename());
        }
        boolean type = !want.has("content_type")
                || want.get("content_type").asText().equalsIgnoreCase(got.contentType());
        boolean cid = !want.has("content_id")
                || want.get("content_id").asText().equals(got.contentId());
        return name && type && cid;
    }

    private void checkInlineImages(String file, JsonNode value, ParsedMessage m,
            CheckTally tally) {
        List<ParsedAttachment> inline = m.attachments().stream().filter(ParsedAttachment::inline)
                .toList();
        tally.check(matchesFiles(value, inline), file, "inline_images", value, describe(inline));
    }

    /** Every {@code <img src>} of the HTML names an inline part by Content-ID or file name. */
    private static boolean imageRefsResolved(ParsedMessage m) {
        if (m.html() == null) {
            return false;
        }
        Matcher matcher = IMG_SOURCE.matcher(m.html());
        while (matcher.find()) {
            String src = matcher.group(1);
            String ref = src.regionMatches(true, 0, "cid:", 0, 4) ? src.substring(4) : src;
            boolean found = m.attachments().stream().anyMatch(a -> a.inline()
                    && (ref.equalsIgnoreCase(a.contentId()) || ref.equalsIgnoreCase(a.filename())));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private void checkForwarded(String file, String key, JsonNode value, ParsedMessage m,
            CheckTally tally) {
        ForwardedMessage first = m.forwarded().isEmpty() ? null : m.forwarded().get(0);
        if (first == null) {
            tally.fail(file, key, value, "no forwarded message");
            return;
        }
        switch (key) {
            case "forwarded_subject" -> tally.check(first.subject().equals(value.asText()),
                    file, key, value.asText(), first.subject());
            case "forwarded_from" -> {
                String got = first.from() == null ? null : first.from().address();
                tally.check(value.asText().equalsIgnoreCase(got), file, key, value, got);
            }
            default -> tally.check(first.text().contains(value.asText()),
                    file, key, value.asText(), first.text());
        }
    }

    private void checkCalendar(String file, JsonNode value, ParsedMessage m, CheckTally tally) {
        CalendarInvite got = m.calendar();
        boolean ok = got != null
                && text(value, "method", got.method()) && text(value, "uid", got.uid())
                && text(value, "summary", got.summary())
                && text(value, "dtstart", got.dtstart());
        tally.check(ok, file, "calendar", value, got);
    }

    private static boolean text(JsonNode value, String field, String got) {
        return !value.has(field) || value.get(field).asText().equals(got);
    }

    private void checkBounce(String file, String key, JsonNode value, ParsedMessage m,
            CheckTally tally) {
        if (m.bounceInfo() == null) {
            tally.fail(file, key, value, "no bounce info");
            return;
        }
        String got = switch (key) {
            case "bounced_recipient" -> m.bounceInfo().recipient();
            case "bounce_status" -> m.bounceInfo().status();
            default -> m.bounceInfo().originalMessageId();
        };
        String want = value.asText().replace("<", "").replace(">", "");
        tally.check(want.equalsIgnoreCase(got), file, key, want, got);
    }

    private static String describe(List<ParsedAttachment> files) {
        return files.stream()
                .map(a -> a.filename() + " (" + a.contentType().toLowerCase(Locale.ROOT)
                        + (a.contentId() == null ? "" : ", cid " + a.contentId()) + ")")
                .toList()
                .toString();
    }

    /** Usage: {@code CasesCheck [DIR]}, DIR defaulting to ../shared/cases. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/cases");
        new CasesCheck(new MessageParser(ParsePolicy.defaults())).run(dir, System.out);
        if (!Files.isDirectory(dir)) {
            System.exit(2);
        }
    }
}
