package dev.actionbox.mail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds what the sender wrote in this message: the text before the quoted history (an "On ...
 * wrote:" line in the common languages, an Outlook header block or "Original Message" line, a
 * forwarded-message line, or trailing '&gt;' quotes) and without the signature ("-- " or a
 * "Sent from my phone" line). Works on plain text only; HTML is converted first. Thread safe.
 */
public final class VisibleTextExtractor {

    /** Words that end an attribution line ("On ... wrote:") in the languages we meet. */
    private static final String WROTE = "(?:wrote|writes|schrieb|a écrit|escribió|escribio"
            + "|schreef|skrev|kirjoitti|escreveu|ha scritto|scrisse|napisał|napisal|napsal"
            + "|napisała|pisze|написал|написала|пишет|έγραψε|yazdı|írta|a scris|写道|寫道"
            + "|書きました|wrote on)";

    /**
     * "On DATE, NAME wrote:" and the verb-first forms "Am DATE schrieb NAME:", "Op DATE
     * schreef NAME:"; the leading word is the one each language's clients start with.
     */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^\\s*(?:>\\s*)?(?:(?:On|Am|Le|El|Op|Den|Em|Il|W dniu|Dne|В|Στις|Pada)\\s|在|"
                    + "\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|\\d{4}年)"
                    + ".{0,400}?" + WROTE + "(?:\\s*[:：]|\\s.{0,200}[:：])?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);

    /** What an attribution's first line starts with; a cheap filter before the patterns. */
    private static final Pattern ATTRIBUTION_START = Pattern.compile(
            "\\s*(?:>\\s*)?(?:(?:On|Am|Le|El|Op|Den|Em|Il|W dniu|Dne|В|Στις|Pada)\\s|在|\\d)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * Attributions without a verb, as Gmail writes them in Russian and Japanese: a line with
     * a time of day that ends in the quoted sender's address and a colon.
     */
    private static final Pattern DATED_ADDRESS_ATTRIBUTION = Pattern.compile(
            "^.{0,300}\\d{1,2}:\\d{2}.{0,300}<[^<>\\s]+@[^<>\\s]+\\s*>\\)?\\s*[:：]\\s*$",
            Pattern.DOTALL);

    /**
     * Attributions that start with no known word ("tir. 18. apr. 2017 kl. 13:09 skrev NAME:",
     * "In data ... ha scritto:"): the verb and a closing colon, with a time, year or address.
     */
    private static final Pattern VERB_ATTRIBUTION = Pattern.compile(
            "^.{0,400}?(?<!\\p{L})" + WROTE + "(?:\\s.{0,200})?[:：]\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);

    private static final Pattern TIME_OR_YEAR =
            Pattern.compile("\\d{1,2}[:.]\\d{2}(?!\\d)|(?<!\\d)(?:19|20)\\d{2}(?!\\d)|@");

    private static final Pattern SEPARATOR = Pattern.compile(
            "^\\s*[-_=*]{2,}\\s*(?:Original Message|Original-Nachricht|Ursprüngliche Nachricht"
                    + "|Message d'origine|Message original|Mensaje original|Mensagem original"
                    + "|Oorspronkelijk bericht|Origineel bericht|Messaggio originale"
                    + "|Ursprungligt meddelande|Opprinnelig melding|Oprindelig meddelelse"
                    + "|Alkuperäinen viesti|Wiadomość oryginalna|Исходное сообщение"
                    + "|Původní zpráva|原始邮件|原始郵件|元のメッセージ|Forwarded message"
                    + "|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado"
                    + "|Doorgestuurd bericht|Messaggio inoltrato|Mensagem encaminhada"
                    + "|Vidarebefordrat meddelande|Videresendt melding|Пересылаемое сообщение"
                    + "|转发的邮件|Reply message|Original|Oprindelig besked|Opprinnelig beskjed"
                    + "|Originalnachricht|Originalmeddelande)\\s*[-_=*]*\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern FORWARD_INTRO = Pattern.compile(
            "^\\s*(?:Begin forwarded message|Anfang der weitergeleiteten Nachricht"
                    + "|Début du message réexpédié|Inicio del mensaje reenviado)\\s*:\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** "-------- Any Few Words --------": how clients frame a quoted or forwarded message. */
    private static final Pattern FRAMED_TITLE = Pattern.compile(
            "^\\s*-{4,}\\s*[\\p{L}' ]{3,40}\\s*-{4,}\\s*$", Pattern.UNICODE_CASE);

    /** A rule that Outlook puts above a quoted header block. */
    private static final Pattern RULE = Pattern.compile("^\\s*(?:_{10,}|-{10,})\\s*$");

    /** The first line of an Outlook-style header block: "From: ...", "*Von:* ...". */
    private static final Pattern HEADER_FROM = Pattern.compile(
            "^\\s*[*]?(?:From|Von|De|Van|Från|Fra|Da|Od|От|Lähettäjä|Feladó|Kimden|Από"
                    + "|发件人|寄件者|差出人|보낸 사람)\\s*[*]?\\s*[:：]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern HEADER_OTHER = Pattern.compile(
            "^\\s*[*]?(?:Sent|Date|To|Subject|Cc|Gesendet|Datum|An|Betreff|Envoyé|Date|À|Objet"
                    + "|Enviado|Fecha|Para|Asunto|Verzonden|Aan|Onderwerp|Skickat|Till|Ämne"
                    + "|Sendt|Til|Emne|Inviato|Data|A|Oggetto|Wysłano|Do|Temat|Отправлено"
                    + "|Кому|Тема|Lähetetty|Vastaanottaja|Aihe|Enviada|Assunto|Envoyé le"
                    + "|发送时间|收件人|主题|日期|傳送時間|主旨|送信日時|宛先|件名|보낸 날짜|받는 사람"
                    + "|제목)\\s*[*]?\\s*[:：]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern SIGNATURE_DELIMITER = Pattern.compile("^--\\s*$|^__\\s*$");

    private static final Pattern MOBILE_SIGNATURE = Pattern.compile(
            "^\\s*(?:Sent from my [\\w .'-]{1,40}|Sent from \\w+.{0,60}"
                    + "|Sent via [\\w .'-]{1,40}|Get Outlook for \\w+.{0,20}|Sent from my \\w+"
                    + "|Von meinem [\\w .-]{1,30} gesendet|Gesendet von [\\w .-]{1,30}"
                    + "|Envoyé de mon [\\w .-]{1,30}|Enviado desde mi [\\w .-]{1,30}"
                    + "|Enviado do meu [\\w .-]{1,30}|Verzonden vanaf mijn [\\w .-]{1,30}"
                    + "|Verstuurd vanaf mijn [\\w .-]{1,30}|Skickat från min [\\w .-]{1,30}"
                    + "|Sendt fra min [\\w .-]{1,30}|Inviato da(?:l mio)? [\\w .-]{1,30}"
                    + "|Wysłane z (?:mojego )?[\\w .-]{1,30}|Отправлено с [\\w .-]{1,30}"
                    + "|Envoyé à partir de [\\w .-]{1,30}.{0,40}|Obtenir Outlook pour \\w+.{0,40}"
                    + "|Outlook für \\w+ beziehen.{0,40}|Obtener Outlook para \\w+.{0,40}"
                    + "|发自我的\\w+|iPhoneから送信|Sent from Samsung.{0,40})\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    /** How many lines an attribution may be wrapped over by the sender's client. */
    private static final int ATTRIBUTION_LINES = 3;

    /** A signature longer than this many lines is more likely text that happens to follow. */
    private static final int MAX_SIGNATURE_LINES = 15;

    private VisibleTextExtractor() {
    }

    /** Returns the visible part of {@code text}; never null, "" for null. */
    public static String extract(String text) {
        return visible(text, true);
    }

    /**
     * Returns {@code text} without its quoted history but with any signature, for callers that
     * want the reply as written (the way quote-only strippers such as talon's report it).
     */
    public static String withoutQuotedHistory(String text) {
        return visible(text, false);
    }

    private static String visible(String text, boolean dropSignature) {
        if (text == null || text.isBlank()) {
            return "";
        }

        List<String> lines = new ArrayList<>(Arrays.asList(
                text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)));
        List<String> reply = withoutHistory(lines);
        dropTrailingQuotes(reply);
        if (dropSignature) {
            dropSignature(reply);
        }

        String visible = String.join("\n", reply).strip();
        return visible.isEmpty() && !startsWithHistory(lines) ? text.strip() : visible;
    }

    /**
     * Removes the quoted history: everything from the first attribution, separator or header
     * block on. When the sender wrote nothing above it, the reply is below: text after the
     * quote block is kept, and answers written between quoted lines keep those lines as their
     * context (up to the next history mark, if any).
     */
    private static List<String> withoutHistory(List<String> lines) {
        int start = findMark(lines, 0);
        if (start < 0) {
            return new ArrayList<>(lines);
        }
        List<String> above = lines.subList(0, start);
        if (!above.stream().allMatch(String::isBlank)) {
            return new ArrayList<>(above);
        }

        int blockEnd = start + historyMarkLength(lines, start);
        int nextMark = findMark(lines, blockEnd);
        List<String> below = new ArrayList<>(
                lines.subList(blockEnd, nextMark < 0 ? lines.size() : nextMark));
        int firstText = 0;
        while (firstText < below.size() && isQuoteOrBlank(below.get(firstText))) {
            firstText++;
        }
        boolean interleaved = below.subList(firstText, below.size()).stream()
                .anyMatch(l -> l.strip().startsWith(">"));
        return interleaved ? below : new ArrayList<>(below.subList(firstText, below.size()));
    }

    private static boolean isQuoteOrBlank(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() || trimmed.startsWith(">");
    }

    private static boolean startsWithHistory(List<String> lines) {
        int first = nextNonBlank(lines, 0);
        return first < lines.size() && (historyMarkLength(lines, first) > 0
                || lines.get(first).strip().startsWith(">"));
    }

    private static int findMark(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (historyMarkLength(lines, i) > 0) {
                return i;
            }
        }
        return -1;
    }

    /** How many lines the history mark at {@code i} spans, or 0 when none starts there. */
    private static int historyMarkLength(List<String> lines, int i) {
        String line = lines.get(i);
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return 0;
        }
        // Every mark starts with a rule character or has a colon or "wrote"; testing that
        // first spares the patterns (and their allocations) on ordinary lines.
        char first = trimmed.charAt(0);
        boolean rule = first == '-' || first == '_' || first == '=' || first == '*';
        boolean colon = hasColon(trimmed);
        boolean nextColon = i + 1 < lines.size() && hasColon(lines.get(i + 1))
                || i + 2 < lines.size() && hasColon(lines.get(i + 2));
        if (!rule && !colon && !nextColon && !trimmed.endsWith("wrote")) {
            return 0;
        }
        if (rule && (SEPARATOR.matcher(line).matches() || FRAMED_TITLE.matcher(line).matches())
                || colon && FORWARD_INTRO.matcher(line).matches()) {
            return 1;
        }
        int attribution = attributionLength(lines, i);
        if (attribution > 0) {
            return attribution;
        }
        if (isHeaderBlock(lines, i)) {
            return 1;
        }
        boolean ruleAboveHeaders = RULE.matcher(line).matches() && i + 1 < lines.size()
                && isHeaderBlock(lines, nextNonBlank(lines, i + 1));
        return ruleAboveHeaders ? 1 : 0;
    }

    private static boolean hasColon(String line) {
        return line.indexOf(':') >= 0 || line.indexOf('：') >= 0;
    }

    /** Lines (1 to 3) of an "On ... wrote:" attribution starting at {@code start}, or 0. */
    private static int attributionLength(List<String> lines, int start) {
        String first = lines.get(start);
        boolean mayStart = ATTRIBUTION_START.matcher(first).lookingAt() || hasColon(first)
                || TIME_OR_YEAR.matcher(first).find();
        if (first.length() > 500 || !mayStart) {
            return 0;
        }
        StringBuilder joined = new StringBuilder(first);
        for (int n = 0; n < ATTRIBUTION_LINES && start + n < lines.size(); n++) {
            if (n > 0) {
                String next = lines.get(start + n);
                if (next.isBlank()) {
                    return 0;
                }
                joined.append(' ').append(next.strip());
            }
            String candidate = joined.toString();
            // The cheap test first keeps long texts fast: few lines end in "address>:".
            String end = candidate.stripTrailing();
            boolean addressEnd = end.endsWith(">:") || end.endsWith(">):")
                    || end.endsWith(">：") || end.endsWith("> :");
            boolean colonEnd = end.endsWith(":") || end.endsWith("：")
                    || end.regionMatches(true, Math.max(0, end.length() - 5), "wrote", 0, 5);
            if (colonEnd && ATTRIBUTION.matcher(candidate).matches()
                    || addressEnd && DATED_ADDRESS_ATTRIBUTION.matcher(candidate).matches()
                    || colonEnd && TIME_OR_YEAR.matcher(candidate).find()
                    && VERB_ATTRIBUTION.matcher(candidate).matches()) {
                return n + 1;
            }
        }
        return 0;
    }

    /** A "From:" line followed within a few lines by "Sent:", "To:", "Subject:" or "Date:". */
    private static boolean isHeaderBlock(List<String> lines, int start) {
        if (start >= lines.size() || !HEADER_FROM.matcher(lines.get(start)).find()) {
            return false;
        }
        int others = 0;
        for (int i = start + 1; i < Math.min(lines.size(), start + 6); i++) {
            if (HEADER_OTHER.matcher(lines.get(i)).find()) {
                others++;
            }
        }
        return others >= 1;
    }

    private static int nextNonBlank(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        return i;
    }

    /** Removes the '>' quoted lines (and blank lines among them) at the end of the reply. */
    private static void dropTrailingQuotes(List<String> reply) {
        int end = reply.size();
        while (end > 0) {
            String line = reply.get(end - 1).strip();
            if (line.isEmpty() || line.startsWith(">")) {
                end--;
            } else {
                break;
            }
        }
        reply.subList(end, reply.size()).clear();
    }

    private static void dropSignature(List<String> reply) {
        for (int i = reply.size() - 1; i >= 0 && i >= reply.size() - MAX_SIGNATURE_LINES; i--) {
            String line = reply.get(i);
            if (SIGNATURE_DELIMITER.matcher(line).matches()) {
                reply.subList(i, reply.size()).clear();
                return;
            }
        }
        for (int i = reply.size() - 1; i >= 0 && i >= reply.size() - 4; i--) {
            if (isMobileSignature(reply.get(i))) {
                reply.subList(i, reply.size()).clear();
                return;
            }
        }
    }

    /** "Sent from my iPhone" and the like: a short line without sentence punctuation. */
    private static boolean isMobileSignature(String line) {
        String text = line.strip();
        return text.length() <= 80 && text.indexOf(',') < 0
                && WHITE_SPACE.split(text).length <= 8
                && MOBILE_SIGNATURE.matcher(text).matches();
    }
}
