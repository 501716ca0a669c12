package dev.actionbox.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 2047 words, RFC 2231 parameters, addresses, message ids and dates. */
class HeaderDecodingTest {

    private final ParseWarnings warnings = new ParseWarnings();

    private String words(String text) {
        return EncodedWordDecoder.decode(text, warnings, "test");
    }

    @Test
    void decode_qAndBWords_areDecoded() {
        assertThat(words("=?iso-8859-1?Q?Mail_avec_fichier_attach=E9?= de 1ko"))
                .isEqualTo("Mail avec fichier attaché de 1ko");
        assertThat(words("=?UTF-8?B?w6TDtsO8?=")).isEqualTo("äöü");
    }

    @Test
    void decode_whitespaceBetweenWords_isDropped() {
        assertThat(words("=?utf-8?Q?a?=   =?utf-8?Q?b?= c")).isEqualTo("ab c");
    }

    @Test
    void decode_wordsOfDifferentCharsets_areEachDecoded() {
        assertThat(words("=?iso-8859-1?Q?caf=E9?= =?utf-8?Q?_cr=C3=A8me?="))
                .isEqualTo("café crème");
    }

    @Test
    void decode_mislabelledUtf8Word_isReadAsUtf8WithWarning() {
        assertThat(words("=?iso-8859-1?Q?Gr=C3=BC=C3=9Fe?=")).isEqualTo("Grüße");
        assertThat(warnings.asList()).anyMatch(w -> w.contains("UTF-8"));
    }

    @Test
    void decode_languageSuffixOnCharset_isIgnored() {
        assertThat(words("=?utf-8*en?Q?hello?=")).isEqualTo("hello");
    }

    @Test
    void decode_brokenBase64Word_readsWhatItCan() {
        assertThat(words("=?utf-8?B?SGVsbG8?=")).isEqualTo("Hello");
    }

    @Test
    void decode_notAWord_isKeptLiterally() {
        assertThat(words("What =? is this ?= thing")).isEqualTo("What =? is this ?= thing");
    }

    @Test
    void decode_utf7Word_isDecoded() {
        assertThat(words("=?utf-7?Q?Fr+APY-sche?=")).isEqualTo("Frösche");
    }

    @Test
    void parse_contentTypeWithCommentsAndQuotes_readsParameters() {
        MimeHeaderValue value = MimeHeaderValue.parse(
                "Text/Plain (body); charset=\"us-ascii\" ; name=\"a;b.txt\"", warnings, "t");

        assertThat(value.value()).isEqualTo("text/plain");
        assertThat(value.param("charset")).isEqualTo("us-ascii");
        assertThat(value.param("name")).isEqualTo("a;b.txt");
    }

    @Test
    void parse_rfc2231ContinuationsOutOfOrder_areJoined() {
        MimeHeaderValue value = MimeHeaderValue.parse("attachment; filename*1=\"port.pdf\"; "
                + "filename*0*=iso-8859-1'de'R%E9; filename=\"fallback.pdf\"", warnings, "t");

        assertThat(value.param("filename")).isEqualTo("Réport.pdf");
    }

    @Test
    void parse_encodedWordInQuotedFilename_isDecoded() {
        MimeHeaderValue value = MimeHeaderValue.parse(
                "inline; filename=\"=?iso-8859-1?Q?HasenundFr=F6sche=2Etxt?=\"", warnings, "t");

        assertThat(value.param("filename")).isEqualTo("HasenundFrösche.txt");
    }

    @Test
    void parse_missingSemicolonBeforeParameter_keepsType() {
        MimeHeaderValue value = MimeHeaderValue.parse("multipart/mixed boundary=x", warnings, "t");

        assertThat(value.value()).isEqualTo("multipart/mixed");
    }

    @Test
    void parseAddresses_variousForms_areRead() {
        var list = AddressListParser.parse("\"Doe, Jane\" <jane@example.org>, bob@example.org "
                + "(Bob B), Undisclosed recipients:;, team: ann@example.org, <x@example.org>;"
                + " =?utf-8?Q?Zo=C3=AB?= <zoe@example.org>, <mailto:m@example.org>", warnings, "t");

        assertThat(list).containsExactly(
                new MailAddress("Doe, Jane", "jane@example.org"),
                new MailAddress("Bob B", "bob@example.org"),
                new MailAddress(null, "ann@example.org"),
                new MailAddress(null, "x@example.org"),
                new MailAddress("Zoë", "zoe@example.org"),
                new MailAddress(null, "m@example.org"));
    }

    @Test
    void parseAddresses_encodedCommaInName_doesNotSplit() {
        var list = AddressListParser.parse("=?utf-8?Q?Doe=2C_Jane?= <jane@example.org>",
                warnings, "t");

        assertThat(list).containsExactly(new MailAddress("Doe, Jane", "jane@example.org"));
    }

    @Test
    void parseAddresses_bareLocalPart_isKept() {
        assertThat(AddressListParser.parse("MAILER-DAEMON", warnings, "t"))
                .containsExactly(new MailAddress(null, "MAILER-DAEMON"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<>", "< >", "(none)", "foo", "<unknown>", " bare-id ", ""})
    void messageIdFirst_placeholderOrNoIdForm_isNoIdSoContentDecides(String value) {
        assertThat(MessageIds.messageId(value)).isNull();
    }

    @Test
    void messageIds_bracketsJunkAndDuplicates_areHandled() {
        assertThat(MessageIds.parse("<a@x> (comment) \"quoted <b@x>\" <a@x>\n <c @x>"))
                .containsExactly("a@x", "b@x", "c@x");
        assertThat(MessageIds.parse("a@x, b@x junk")).containsExactly("a@x", "b@x");
        assertThat(MessageIds.first(" bare-id ")).isEqualTo("bare-id");
        assertThat(MessageIds.messageId(" bare@host ")).isEqualTo("bare@host");
        assertThat(MessageIds.messageId("<none> <real@host>")).isEqualTo("real@host");
        assertThat(MessageIds.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Thu, 05 Mar 2026 09:30:00 +0000|2026-03-05T09:30:00Z",
        "5 Mar 2026 09:30 -0500|2026-03-05T14:30:00Z",
        "Thu, 5 Mar 26 09:30:00 GMT|2026-03-05T09:30:00Z",
        "Thu, 05 Mar 2026 09:30:00 +0000 (UTC)|2026-03-05T09:30:00Z",
        "Thursday, 05-Mar-2026 09:30:00 EST|2026-03-05T14:30:00Z",
        "Thu Mar  5 09:30:00 2026|2026-03-05T09:30:00Z",
        "2026-03-05T09:30:00+01:00|2026-03-05T08:30:00Z",
    })
    void parseDate_commonForms_areRead(String value, String expected) {
        assertThat(MailDateParser.parse(value)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void parseDate_garbage_givesNull() {
        assertThat(MailDateParser.parse("yesterday-ish")).isNull();
        assertThat(MailDateParser.parse("31 Feb 2026 10:00:00 +0000")).isNull();
    }

    @Test
    void headerText_rawIso2022jp_isDecoded() {
        byte[] raw = " \u001b$B$3$s$K$A$O\u001b(B".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(HeaderText.decoded(raw, null, warnings, "t")).isEqualTo("こんにちは");
    }

    @Test
    void headerText_rawBytesWithBodyCharsetHint_useTheHint() {
        byte[] raw = " \u05de\u05e2\u05e0\u05d4"
                .getBytes(java.nio.charset.Charset.forName("windows-1255"));

        assertThat(HeaderText.decoded(raw, "windows-1255", warnings, "t")).isEqualTo("מענה");
    }
}
