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
            + "|написал|написала|пишет|έγραψε|yazdı|írta|a scris|写道|寫道|書きました|wrote on)";

    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^\\s*(?:>\\s*)?(?:On|Am|Le|El|Op|Den|Em|Il|W dniu|Dne|В|Στις|Em|Pada|Le\\s|在|"
                    + "\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|\\d{4}年)"
                    + ".{0,400}?" + WROTE + "\\s*[:：]?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);

    /** Attribution lines that name no verb: "2026/03/05 10:00, Jane <j@x>:" (Japanese mail). */
    private static final Pattern DATED_ADDRESS_ATTRIBUTION = Pattern.compile(
            "^\\s*\\d{4}[年/.-]\\d{1,2}[月/.-]\\d{1,2}.{0,200}<[^>]+@[^>]+>\\s*[:：]\\s*$");

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
                    + "|转发的邮件|Reply message|Original)\\s*[-_=*]*\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern FORWARD_INTRO = Pattern.compile(
            "^\\s*(?:Begin forwarded message|Anfang der weitergeleiteten Nachricht"
                    + "|Début du message réexpédié|Inicio del mensaje reenviado)\\s*:\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern UNDERSCORE_RULE = Pattern.compile("^\\s*_{20,}\\s*$");

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
            "^\\s*(?:Sent from my [\\w .'-]{1,40}|Sent from (?:Mail|Outlook|Yahoo Mail|my)\\b.{0,40}"
                    + "|Sent via [\\w .'-]{1,40}|Get Outlook for \\w+.{0,20}|Sent from my \\w+"
                    + "|Von meinem [\\w .-]{1,30} gesendet|Gesendet von [\\w .-]{1,30}"
                    + "|Envoyé de mon [\\w .-]{1,30}|Enviado desde mi [\\w .-]{1,30}"
                    + "|Enviado do meu [\\w .-]{1,30}|Verzonden vanaf mijn [\\w .-]{1,30}"
                    + "|Verstuurd vanaf mijn [\\w .-]{1,30}|Skickat från min [\\w .-]{1,30}"
                    + "|Sendt fra min [\\w .-]{1,30}|Inviato da(?:l mio)? [\\w .-]{1,30}"
                    + "|Wysłane z (?:mojego )?[\\w .-]{1,30}|Отправлено с [\\w .-]{1,30}"
                    + "|发自我的\\w+|iPhoneから送信|Sent from Samsung.{0,40})\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** How many lines an attribution may be wrapped over by the sender's client. */
    private static final int ATTRIBUTION_LINES = 3;

    /** A signature longer than this many lines is more likely text that happens to follow. */
    private static final int MAX_SIGNATURE_LINES = 15;

    private VisibleTextExtractor() {
    }

    /** Returns the visible part of {@code text}; never null, "" for null. */
    public static String extract(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }

        List<String> lines = new ArrayList<>(Arrays.asList(
                text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)));
        int historyStart = findHistoryStart(lines);
        List<String> reply = new ArrayList<>(lines.subList(0, historyStart));
        dropTrailingQuotes(reply);
        dropSignature(reply);

        String visible = String.join("\n", reply).strip();
        return visible.isEmpty() && historyStart == 0 ? text.strip() : visible;
    }

    private static int findHistoryStart(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (SEPARATOR.matcher(line).matches() || FORWARD_INTRO.matcher(line).matches()) {
                return i;
            }
            if (isAttribution(lines, i)) {
                return i;
            }
            if (isHeaderBlock(lines, i)) {
                return i;
            }
            if (UNDERSCORE_RULE.matcher(line).matches() && i + 1 < lines.size()
                    && isHeaderBlock(lines, nextNonBlank(lines, i + 1))) {
                return i;
            }
        }
        return lines.size();
    }

    private static boolean isAttribution(List<String> lines, int start) {
        String first = lines.get(start);
        if (first.length() > 500) {
            return false;
        }
        StringBuilder joined = new StringBuilder(first);
        for (int n = 0; n < ATTRIBUTION_LINES && start + n < lines.size(); n++) {
            if (n > 0) {
                String next = lines.get(start + n);
                if (next.isBlank()) {
                    return false;
                }
                joined.append(' ').append(next.strip());
            }
            String candidate = joined.toString();
            if (ATTRIBUTION.matcher(candidate).matches()
                    || DATED_ADDRESS_ATTRIBUTION.matcher(candidate).matches()) {
                return true;
            }
        }
        return false;
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
            if (MOBILE_SIGNATURE.matcher(reply.get(i)).matches()) {
                reply.subList(i, reply.size()).clear();
                return;
            }
        }
    }
}
