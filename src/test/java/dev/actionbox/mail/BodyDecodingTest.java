package dev.actionbox.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Charset fallbacks, UTF-7, HTML to text, flowed text, TNEF, uuencode and calendars. */
class BodyDecodingTest {

    private final ParseWarnings warnings = new ParseWarnings();

    @Test
    void decode_aliasLabels_areResolved() {
        byte[] korean = "안녕".getBytes(Charset.forName("x-windows-949"));
        byte[] chinese = "你好".getBytes(Charset.forName("GBK"));

        assertThat(LenientTextDecoder.decode(korean, "ks_c_5601-1987", warnings, "t"))
                .isEqualTo("안녕");
        assertThat(LenientTextDecoder.decode(chinese, "gb2312", warnings, "t")).isEqualTo("你好");
        assertThat(LenientTextDecoder.decode(chinese, "\"=3DGB2312\"", warnings, "t"))
                .isEqualTo("你好");
        assertThat(warnings.asList()).isEmpty();
    }

    @Test
    void decode_usAsciiLabelWithUtf8Bytes_isReadAsUtf8() {
        byte[] bytes = "naïve".getBytes(StandardCharsets.UTF_8);

        assertThat(LenientTextDecoder.decode(bytes, "us-ascii", warnings, "t")).isEqualTo("naïve");
        assertThat(warnings.asList()).singleElement().asString().contains("UTF-8");
    }

    @Test
    void decode_neverThrowsOnAnyBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        for (String label : new String[] {"utf-8", "shift_jis", "utf-16", "bogus", null, "utf-7"}) {
            assertThat(LenientTextDecoder.decode(bytes, label, warnings, "t")).isNotNull();
        }
    }

    @Test
    void utf7_decodesShiftedRunsAndEscapedPlus() {
        byte[] bytes = "Hi Mom -+Jjo--! 1 +- 1 = 2".getBytes(StandardCharsets.US_ASCII);

        assertThat(Utf7Decoder.decode(bytes)).isEqualTo("Hi Mom -☺-! 1 + 1 = 2");
    }

    @Test
    void htmlToText_keepsStructureAndLinkTexts() {
        String html = "<html><head><title>t</title><style>.x{}</style></head><body>"
                + "<h1>Title</h1><p>First&nbsp;para with <a href='http://x'>a link</a>.</p>"
                + "<ul><li>one</li><li>two</li></ul><div>line<br>break</div>"
                + "<table><tr><td>a</td><td>b</td></tr></table><script>alert(1)</script>"
                + "<pre>  keep   spaces</pre></body></html>";

        assertThat(HtmlToText.convert(html)).isEqualTo(
                "Title\n\nFirst para with a link.\n\n- one\n- two\n\nline\nbreak\na b\n\n"
                        + "keep   spaces");
    }

    @Test
    void htmlToText_blockquote_getsQuoteMarks() {
        String html = "<div>Sure.</div><blockquote><p>Can you call?</p>"
                + "<blockquote>Older</blockquote></blockquote>";

        assertThat(HtmlToText.convert(html)).isEqualTo("Sure.\n> Can you call?\n\n> > Older");
    }

    @Test
    void flowed_delSp_removesTheSoftSpace() {
        assertThat(FlowedText.unflow("abc \ndef\n", true)).isEqualTo("abcdef\n");
    }

    @Test
    void flowed_signatureSeparator_isNotJoined() {
        assertThat(FlowedText.unflow("text\n-- \nsig\n", false)).isEqualTo("text\n-- \nsig\n");
    }

    @Test
    void tnef_wrongSignature_givesNoFiles() {
        assertThat(TnefReader.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).isEmpty();
    }

    @Test
    void tnef_truncatedStream_keepsFilesReadSoFar() {
        byte[] full = MailFixtures.tnef("a.txt", "first", "b.txt", "second");
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 4);

        assertThat(TnefReader.read(cut)).extracting(TnefReader.TnefFile::name)
                .containsExactly("a.txt");
    }

    @Test
    void uuencode_blockWithoutEnd_staysText() {
        UuDecoder.Extraction extraction = UuDecoder.extract("begin 644 a.txt\n#:&D*\nno end\n");

        assertThat(extraction.files()).isEmpty();
        assertThat(extraction.text()).contains("begin 644 a.txt");
    }

    @Test
    void calendar_foldedLinesAndSecondEvent_readsFirstEvent() {
        CalendarInvite invite = CalendarInviteReader.read("""
                BEGIN:VCALENDAR
                BEGIN:VEVENT
                UID:first@example.org
                SUMMARY:Long
                 summary
                DTSTART:20260310T140000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:second@example.org
                END:VEVENT
                END:VCALENDAR
                """, "cancel");

        assertThat(invite).isEqualTo(new CalendarInvite(
                "CANCEL", "first@example.org", "Longsummary", "20260310T140000Z"));
    }
}
