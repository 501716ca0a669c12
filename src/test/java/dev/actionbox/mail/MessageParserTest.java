package dev.actionbox.mail;

import static dev.actionbox.mail.MailFixtures.bytes;
import static dev.actionbox.mail.MailFixtures.crlf;
import static dev.actionbox.mail.MailFixtures.encode;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Reading whole messages: structure, charsets, attachments and the cases' kinds of fault. */
class MessageParserTest {

    private final MessageParser parser = new MessageParser(ParsePolicy.defaults());

    @Test
    void parse_simpleTextMail_readsHeadersAndText() {
        ParsedMessage m = parser.parse(crlf("""
                From: Jane Doe <jane@example.org>
                To: support@example.com, "Ops, Team" <ops@example.com>
                Cc: Doe, John <john@example.org>
                Subject: Printer offline
                Date: Thu, 05 Mar 2026 09:30:00 +0100
                Message-ID: <abc@example.org>
                In-Reply-To: <prev@example.com> (junk)
                References: <a@x> <b@x>
                 <prev@example.com>

                The printer is offline.
                """));

        assertThat(m.parseError()).isNull();
        assertThat(m.from()).isEqualTo(new MailAddress("Jane Doe", "jane@example.org"));
        assertThat(m.to()).extracting(MailAddress::address)
                .containsExactly("support@example.com", "ops@example.com");
        assertThat(m.to().get(1).name()).isEqualTo("Ops, Team");
        assertThat(m.cc()).containsExactly(new MailAddress("Doe, John", "john@example.org"));
        assertThat(m.subject()).isEqualTo("Printer offline");
        assertThat(m.date()).hasToString("2026-03-05T08:30:00Z");
        assertThat(m.messageId()).isEqualTo("abc@example.org");
        assertThat(m.inReplyTo()).isEqualTo("prev@example.com");
        assertThat(m.references()).containsExactly("a@x", "b@x", "prev@example.com");
        assertThat(m.text()).isEqualTo("The printer is offline.");
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void parse_null_givesParseError() {
        assertThat(parser.parse(null).parseError()).isNotNull();
    }

    @Test
    void parse_empty_givesParseError() {
        assertThat(parser.parse(new byte[0]).parseError()).contains("empty");
    }

    @Test
    void parse_iso2022jpBodyWithoutCharset_isReadAsJapanese() {
        byte[] body = encode("お問い合わせありがとうございます。", "ISO-2022-JP");
        ParsedMessage m = parser.parse(bytes("""
                From: Tanaka <tanaka@example.org>
                Subject: Inquiry
                Content-Type: text/plain;
                Content-Transfer-Encoding: 7bit

                """, body, "\n"));

        assertThat(m.textFull()).isEqualTo("お問い合わせありがとうございます。");
        assertThat(m.textFull()).doesNotContain("\u001b", "$B");
        assertThat(m.warnings()).anyMatch(w -> w.contains("ISO-2022-JP"));
    }

    @Test
    void parse_iso2022jpEncodedWordsFoldedOverLines_decodesSubject() {
        Base64.Encoder b64 = Base64.getEncoder();
        String first = b64.encodeToString(encode("FW: 見積もり", "ISO-2022-JP"));
        String second = b64.encodeToString(encode("依頼 東京", "ISO-2022-JP"));
        ParsedMessage m = parser.parse(crlf("From: sato@example.org\n"
                + "Subject: =?ISO-2022-JP?B?" + first + "?=\n"
                + "\t=?iso-2022-jp?B?" + second + "?=\n\nbody\n"));

        assertThat(m.subject()).isEqualTo("FW: 見積もり依頼 東京");
        assertThat(m.subject()).doesNotContain("=?", "\u001b");
    }

    @Test
    void parse_multibyteCharacterSplitAcrossEncodedWords_isJoined() {
        byte[] utf8 = "Grüße".getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getEncoder();
        String a = b64.encodeToString(java.util.Arrays.copyOfRange(utf8, 0, 3));
        String b = b64.encodeToString(java.util.Arrays.copyOfRange(utf8, 3, utf8.length));
        ParsedMessage m = parser.parse(crlf("From: a@example.org\nSubject: =?utf-8?B?" + a
                + "?=\n =?UTF-8?B?" + b + "?=\n\nx\n"));

        assertThat(m.subject()).isEqualTo("Grüße");
    }

    @Test
    void parse_junkCharsetLabel_readsTextAndWarns() {
        ParsedMessage m = parser.parse(crlf("""
                From: client@example.org
                Subject: Call back please
                Content-Type: text/plain; charset="_iso-2022-jp$ESC"

                Please call me back about order 5521.
                """));

        assertThat(m.parseError()).isNull();
        assertThat(m.textFull()).isEqualTo("Please call me back about order 5521.");
        assertThat(m.warnings()).anyMatch(w -> w.contains("unknown charset"));
    }

    @Test
    void parse_latin1LabelWithWindows1252Bytes_readsQuotesAndEuro() {
        ParsedMessage m = parser.parse(crlf("""
                From: office.user@example.org
                Subject: Invoice question
                Content-Type: text/plain; charset="iso-8859-1"
                Content-Transfer-Encoding: quoted-printable

                Quick note=85 it isn=92t final. Total: =80 120 =93draft=94
                """));

        assertThat(m.textFull()).isEqualTo("Quick note… it isn’t final. Total: € 120 “draft”");
        assertThat(m.textFull()).doesNotContain("\u0085", "\u0092", "\u0080");
    }

    @Test
    void parse_declaredCharsetThatDoesNotFit_isGuessedWithWarning() {
        ParsedMessage m = parser.parse(bytes("""
                From: a@example.org
                Subject: x
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                """, encode("Café crème", "windows-1252"), "\n"));

        assertThat(m.textFull()).isEqualTo("Café crème");
        assertThat(m.warnings()).anyMatch(w -> w.contains("windows-1252"));
    }

    @Test
    void parse_rawUtf8Header_isReadAsUtf8() {
        ParsedMessage m = parser.parse(
                bytes("From: \"Zoë\" <zoe@example.org>\nSubject: Ünïcödé ✓\n\nx\n"));

        assertThat(m.subject()).isEqualTo("Ünïcödé ✓");
        assertThat(m.from().name()).isEqualTo("Zoë");
    }

    @Test
    void parse_rawLatin1Header_fallsBackToWindows1252() {
        ParsedMessage m = parser.parse(bytes(encode(
                "From: a@example.org\r\nSubject: Grüße aus Köln\r\n\r\nx\r\n", "windows-1252")));

        assertThat(m.subject()).isEqualTo("Grüße aus Köln");
        assertThat(m.warnings()).anyMatch(w -> w.contains("not UTF-8"));
    }

    @Test
    void parse_rfc2231EncodedFilename_decodesUmlaut() {
        ParsedMessage m = parser.parse(crlf("""
                From: lena@example.org
                Subject: Attachment with umlaut
                Content-Type: multipart/mixed; boundary="mix"

                --mix
                Content-Type: text/plain; charset=utf-8

                See attached.
                --mix
                Content-Type: text/plain; charset=utf-8
                Content-Disposition: attachment; filename*=utf-8''Erkl%C3%A4rung.txt
                Content-Transfer-Encoding: base64

                SW5oYWx0DQo=
                --mix
                Content-Type: application/pdf
                Content-Disposition: attachment;
                 filename*0*=utf-8''Gro%C3%9Fer%20;
                 filename*1="Bericht.pdf"

                %PDF
                --mix--
                """));

        assertThat(m.textFull()).isEqualTo("See attached.");
        assertThat(m.attachments()).extracting(ParsedAttachment::filename)
                .containsExactly("Erklärung.txt", "Großer Bericht.pdf");
        assertThat(new String(m.attachments().get(0).content(), StandardCharsets.UTF_8))
                .isEqualTo("Inhalt\r\n");
    }

    @Test
    void parse_headerLineLongerThanOneThousandBytes_keepsLaterHeaders() {
        ParsedMessage m = parser.parse(crlf("From: tracer@example.org\nX-Trace: "
                + "A7".repeat(700) + "\nSubject: Header length boundary\n"
                + "Content-Type: text/plain\n\nBody after long header.\n"));

        assertThat(m.subject()).isEqualTo("Header length boundary");
        assertThat(m.textFull()).isEqualTo("Body after long header.");
    }

    @Test
    void parse_relatedImageReferencedByName_isInlineNotAttachment() {
        ParsedMessage m = parser.parse(crlf("""
                From: fax@example.org
                Subject: Error screenshot
                Content-Type: multipart/related; type="text/html"; boundary="rel"

                --rel
                Content-Type: text/html; charset=utf-8

                <p>Screenshot:</p><img src="image001.png"><img src="cid:logo@x">
                --rel
                Content-Type: image/png; name="image001.png"
                Content-ID: <image001.png>
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --rel
                Content-Type: image/gif
                Content-ID: <logo@x>
                Content-Disposition: attachment; filename=logo.gif
                Content-Transfer-Encoding: base64

                R0lGODlh
                --rel--
                """));

        assertThat(m.textFull()).isEqualTo("Screenshot:");
        assertThat(m.attachments()).allMatch(ParsedAttachment::inline);
        assertThat(m.attachments()).extracting(ParsedAttachment::contentId)
                .containsExactly("image001.png", "logo@x");
        assertThat(m.hasAttachment()).isFalse();
    }

    @Test
    void parse_imageWithInlineDispositionOutsideRelated_isInline() {
        ParsedMessage m = parser.parse(crlf("""
                From: a@example.org
                Subject: photo
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: text/plain

                Look
                --m
                Content-Type: image/jpeg
                Content-Disposition: inline; filename="IMG_1.jpg"
                Content-Transfer-Encoding: base64

                /9j/4AAQ
                --m
                Content-Type: image/jpeg
                Content-Disposition: attachment; filename="IMG_2.jpg"
                Content-Transfer-Encoding: base64

                /9j/4AAQ
                --m--
                """));

        assertThat(m.attachments()).extracting(ParsedAttachment::inline)
                .containsExactly(true, false);
        assertThat(m.hasAttachment()).isTrue();
    }

    @Test
    void parse_forwardedMessageAsAttachment_keepsFileAndReadsIt() {
        ParsedMessage m = parser.parse(crlf("""
                From: Buyer <buyer@example.com>
                Subject: FW: Price list
                Content-Type: multipart/mixed; boundary="mix"

                --mix
                Content-Type: text/plain

                Forwarding the supplier message.
                --mix
                Content-Type: message/rfc822
                Content-Disposition: attachment

                From: Sales <sales@supplier.example.org>
                Subject: Price list 2026
                Message-ID: <inner@supplier.example.org>

                New prices apply from April.
                --mix--
                """));

        assertThat(m.textFull()).isEqualTo("Forwarding the supplier message.");
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("Price list 2026.eml");
            assertThat(a.contentType()).isEqualTo("message/rfc822");
        });
        ForwardedMessage forwarded = m.forwarded().get(0);
        assertThat(forwarded.subject()).isEqualTo("Price list 2026");
        assertThat(forwarded.from().address()).isEqualTo("sales@supplier.example.org");
        assertThat(forwarded.messageId()).isEqualTo("inner@supplier.example.org");
        assertThat(forwarded.text()).isEqualTo("New prices apply from April.");
    }

    @Test
    void parse_base64EncodedForwardedMessageOnly_readsItsText() {
        String inner = "From: x@example.org\r\nSubject: inner\r\n\r\nText body\r\n";
        ParsedMessage m = parser.parse(crlf("From: a@example.org\nSubject: outer\n"
                + "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(inner.getBytes(StandardCharsets.US_ASCII))
                + "\n"));

        assertThat(m.forwarded()).extracting(ForwardedMessage::subject).containsExactly("inner");
        assertThat(m.textFull()).isEqualTo("Text body");
    }

    @Test
    void parse_calendarAlternative_readsInviteAndKeepsItOutOfText() {
        ParsedMessage m = parser.parse(crlf("""
                From: planner@example.org
                Subject: Invitation: Review
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=utf-8

                You are invited: Review
                --alt
                Content-Type: text/calendar; charset=utf-8; method=REQUEST

                BEGIN:VCALENDAR
                METHOD:REQUEST
                BEGIN:VEVENT
                UID:rev-1@example.org
                DTSTART;TZID=Europe/Berlin:20260310T140000
                SUMMARY:Quarterly\\, review
                END:VEVENT
                END:VCALENDAR
                --alt--
                """));

        assertThat(m.textFull()).isEqualTo("You are invited: Review");
        assertThat(m.calendar()).isEqualTo(new CalendarInvite(
                "REQUEST", "rev-1@example.org", "Quarterly, review", "20260310T140000"));
        assertThat(m.attachments()).extracting(ParsedAttachment::filename)
                .containsExactly("invite.ics");
    }

    @Test
    void parse_tnefAttachment_isReplacedByItsFiles() {
        String tnef = Base64.getMimeEncoder().encodeToString(
                MailFixtures.tnef("notes.txt", "Meeting notes", "plan.pdf", "%PDF"));
        ParsedMessage m = parser.parse(crlf("From: ex@example.org\nSubject: Notes\n"
                + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
                + "Please find the notes attached.\n--b\n"
                + "Content-Type: application/ms-tnef; name=winmail.dat\n"
                + "Content-Transfer-Encoding: base64\n\n" + tnef + "\n--b--\n"));

        assertThat(m.attachments()).extracting(ParsedAttachment::filename)
                .containsExactly("notes.txt", "plan.pdf");
        assertThat(new String(m.attachments().get(0).content(), StandardCharsets.UTF_8))
                .isEqualTo("Meeting notes");
        assertThat(m.textFull()).doesNotContain("IPM.Microsoft");
    }

    @Test
    void parse_unreadableTnef_isKeptAsWinmailDat() {
        ParsedMessage m = parser.parse(crlf("""
                From: ex@example.org
                Subject: Notes
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                Hi
                --b
                Content-Type: application/ms-tnef; name=winmail.dat
                Content-Transfer-Encoding: base64

                AAAAAAAA
                --b--
                """));

        assertThat(m.attachments()).extracting(ParsedAttachment::filename)
                .containsExactly("winmail.dat");
    }

    @Test
    void parse_htmlOnlyQuotedPrintable_givesReadableText() {
        ParsedMessage m = parser.parse(crlf("""
                From: Dana <dana@example.org>
                Subject: VPN keeps dropping
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                <html><head><style>p{color:red}</style></head><body><p>Hello team,</p><p>the VPN=
                 drops since Monda=
                y.<br>Tested on Wi-Fi &amp; cable.</p><script>x()</script></body></html>
                """));

        assertThat(m.textFull()).isEqualTo(
                "Hello team,\n\nthe VPN drops since Monday.\nTested on Wi-Fi & cable.");
        assertThat(m.html()).contains("<p>Hello team,</p>");
    }

    @Test
    void parse_alternative_takesPlainForTextAndKeepsHtml() {
        ParsedMessage m = parser.parse(crlf("""
                From: a@example.org
                Subject: alt
                Content-Type: multipart/alternative; boundary=a

                --a
                Content-Type: text/plain

                plain version
                --a
                Content-Type: text/html

                <p>html version</p>
                --a--
                """));

        assertThat(m.textFull()).isEqualTo("plain version");
        assertThat(m.html()).contains("html version");
    }

    @Test
    void parse_signedMessage_dropsTheSignaturePart() {
        ParsedMessage m = parser.parse(crlf("""
                From: a@example.org
                Subject: signed
                Content-Type: multipart/signed; protocol="application/pgp-signature"; boundary=s

                --s
                Content-Type: text/plain

                signed text
                --s
                Content-Type: application/pgp-signature; name=signature.asc

                -----BEGIN PGP SIGNATURE-----
                --s--
                """));

        assertThat(m.textFull()).isEqualTo("signed text");
        assertThat(m.attachments()).isEmpty();
    }

    @Test
    void parse_uuencodedBlockInText_becomesAFile() {
        ParsedMessage m = parser.parse(crlf("""
                From: a@example.org
                Subject: uu

                Here is the file:

                begin 644 hi.txt
                #:&D*
                `
                end
                Bye
                """));

        assertThat(m.textFull()).contains("Here is the file:").contains("Bye")
                .doesNotContain("begin 644");
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("hi.txt");
            assertThat(new String(a.content(), StandardCharsets.US_ASCII)).isEqualTo("hi\n");
        });
    }

    @Test
    void parse_uuencodeTransferEncoding_isDecoded() {
        ParsedMessage m = parser.parse(crlf("""
                From: a@example.org
                Subject: uu
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                see file
                --b
                Content-Type: application/octet-stream; name=hi.txt
                Content-Transfer-Encoding: x-uuencode

                begin 644 hi.txt
                #:&D*
                `
                end
                --b--
                """));

        assertThat(m.attachments().get(0).content()).asString(StandardCharsets.US_ASCII)
                .isEqualTo("hi\n");
    }

    @Test
    void parse_brokenBase64_isDecodedAsFarAsPossible() {
        ParsedMessage m = parser.parse(crlf("""
                From: a@example.org
                Subject: b64
                Content-Type: text/plain
                Content-Transfer-Encoding: base64

                SGVsbG8g!!d29y
                bGQ
                """));

        assertThat(m.parseError()).isNull();
        assertThat(m.textFull()).startsWith("Hello wor");
    }

    @Test
    void parse_filenameWithPath_keepsOnlyTheName() {
        ParsedMessage m = parser.parse(crlf("""
                From: a@example.org
                Subject: path
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                x
                --b
                Content-Type: application/octet-stream; name="../../etc/passwd"
                Content-Disposition: attachment; filename="C:\\\\temp\\\\evil.exe"

                data
                --b--
                """));

        assertThat(m.attachments()).extracting(ParsedAttachment::filename)
                .containsExactly("evil.exe");
    }

    @Test
    void parse_partWithoutName_getsGeneratedName() {
        ParsedMessage m = parser.parse(crlf("""
                From: a@example.org
                Subject: noname
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                x
                --b
                Content-Type: application/pdf
                Content-Disposition: attachment

                %PDF
                --b--
                """));

        assertThat(m.attachments()).extracting(ParsedAttachment::filename)
                .containsExactly("part-1.pdf");
    }

    @Test
    void parse_digestParts_defaultToForwardedMessages() {
        ParsedMessage m = parser.parse(crlf("""
                From: list@example.org
                Subject: digest
                Content-Type: multipart/digest; boundary=d

                --d

                From: one@example.org
                Subject: first

                first text
                --d

                From: two@example.org
                Subject: second

                second text
                --d--
                """));

        assertThat(m.forwarded()).extracting(ForwardedMessage::subject)
                .containsExactly("first", "second");
        assertThat(m.textFull()).contains("first text").contains("second text");
    }

    @Test
    void parse_mboxEnvelopeAndLeadingBlankLine_areSkipped() {
        ParsedMessage m = parser.parse(crlf("""
                From jane@example.org Sun Jun 16 17:50:14 2013
                   \s
                From: jane@example.org
                Subject: from mbox

                text
                """));

        assertThat(m.subject()).isEqualTo("from mbox");
        assertThat(m.from().address()).isEqualTo("jane@example.org");
        assertThat(m.warnings()).hasSize(2);
    }

    @Test
    void parse_bareLineFeeds_areRead() {
        ParsedMessage m = parser.parse(("From: a@example.org\nSubject: lf\n"
                + "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nlf text\n--b--\n")
                .getBytes(StandardCharsets.US_ASCII));

        assertThat(m.subject()).isEqualTo("lf");
        assertThat(m.textFull()).isEqualTo("lf text");
    }

    @Test
    void parse_formatFlowed_joinsSoftBreaks() {
        ParsedMessage m = parser.parse(crlf("From: a@example.org\nSubject: f\n"
                + "Content-Type: text/plain; format=flowed\n\nThis line is \nflowed.\n"
                + "> quoted \n> too\nend\n"));

        assertThat(m.textFull()).isEqualTo("This line is flowed.\n> quoted too\nend");
    }

    @Test
    void parse_htmlOnlyReplyWithQuote_visibleTextIsTheReply() {
        ParsedMessage m = parser.parse(crlf("""
                From: a@example.org
                Subject: Re: call
                Content-Type: text/html; charset=utf-8

                <div dir="ltr">Yes, Thursday works.</div><br><div class="gmail_quote"><div>
                On Fri, Mar 6, 2026 at 10:15 AM Support &lt;support@example.com&gt; wrote:<br>
                </div><blockquote>Would Thursday suit you?</blockquote></div>
                """));

        assertThat(m.text()).isEqualTo("Yes, Thursday works.");
        assertThat(m.textFull()).contains("> Would Thursday suit you?");
    }
}
