package dev.actionbox.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VisibleTextExtractorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "On Fri, Mar 6, 2026 at 10:15 AM Support Team <support@example.com> wrote:",
        "Am 06.03.2026 um 10:15 schrieb Support Team <support@example.com>:",
        "Le ven. 6 mars 2026 à 10:15, Support Team <support@example.com> a écrit :",
        "El vie, 6 mar 2026 a las 10:15, Support Team (<support@example.com>) escribió:",
        "Op vr 6 mrt. 2026 om 10:15 schreef Support Team <support@example.com>:",
        "Den fre 6 mars 2026 kl 10:15 skrev Support Team <support@example.com>:",
        "Em sex., 6 de mar. de 2026 às 10:15, Support Team <support@example.com> escreveu:",
        "Il giorno ven 6 mar 2026 alle ore 10:15 Support Team <support@example.com> ha scritto:",
        "W dniu 6.03.2026 o 10:15, Support Team <support@example.com> pisze:",
        "пт, 6 мар. 2026 г. в 10:15, Support Team <support@example.com>:",
        "在 2026年3月6日 10:15，Support Team <support@example.com> 写道：",
        "2026年3月6日(金) 10:15 Support Team <support@example.com>:",
        "-----Original Message-----",
        "-----Ursprüngliche Nachricht-----",
        "---------- Forwarded message ---------",
        "Begin forwarded message:",
        "In data 11 ottobre 2026 21:11:31 \"Support\" <support@example.com> ha scritto:",
        "pe 20. lokakuuta 2026 klo 17.50 Support <support@example.com> kirjoitti:",
    })
    void extract_quoteHeaderInManyLanguages_cutsHistory(String header) {
        String text = "Yes, Thursday works.\n\n" + header + "\n> Would Thursday suit you?\n"
                + "Old text without quote marks.\n";

        assertThat(VisibleTextExtractor.extract(text)).isEqualTo("Yes, Thursday works.");
    }

    @Test
    void extract_attributionWrappedOverTwoLines_cutsHistory() {
        String text = """
                Yes, Thursday works for us.

                On Fri, Mar 6, 2026 at 10:15 AM Support Team <
                support@example.com> wrote:

                > Would Thursday afternoon suit you for the call?
                >
                > Support Team
                """;

        assertThat(VisibleTextExtractor.extract(text)).isEqualTo("Yes, Thursday works for us.");
    }

    @Test
    void extract_outlookHeaderBlockWithoutQuoteMarks_cutsHistory() {
        String text = """
                Thanks, the fix works on our side.

                From: Support Desk [mailto:support@example.com]
                Sent: Monday, March 2, 2026 4:08 PM
                To: Kim Novak
                Subject: RE: Printer queue stuck

                Please restart the spooler service.

                > Earlier quoted line.
                """;

        assertThat(VisibleTextExtractor.extract(text))
                .isEqualTo("Thanks, the fix works on our side.");
    }

    @Test
    void extract_localizedOutlookHeaderBlock_cutsHistory() {
        String text = "Danke!\n\nVon: Support <support@example.com>\n"
                + "Gesendet: Montag, 2. März 2026\nAn: Kim\nBetreff: Drucker\n\nAlter Text\n";

        assertThat(VisibleTextExtractor.extract(text)).isEqualTo("Danke!");
    }

    @Test
    void extract_ruleAboveBoldHeaderBlock_cutsHistory() {
        String text = "Outlook reply\n\n ------------------------------\n\n*From:* A [mailto:a@x]\n"
                + "*Sent:* Thursday\n*To:* b@x\n\nold\n";

        assertThat(VisibleTextExtractor.extract(text)).isEqualTo("Outlook reply");
    }

    @Test
    void extract_trailingQuotesWithoutAttribution_areRemoved() {
        assertThat(VisibleTextExtractor.extract("My answer\n\n> old\n> older\n"))
                .isEqualTo("My answer");
    }

    @Test
    void extract_replyBelowQuote_keepsTheReply() {
        String text = "On 04/02/2012 06:26 PM, Megan wrote:\n> Hi\nHello\n";

        assertThat(VisibleTextExtractor.extract(text)).isEqualTo("Hello");
    }

    @Test
    void extract_signatureDelimiter_isRemoved() {
        assertThat(VisibleTextExtractor.extract("Please help.\n\n-- \nJane Doe\nACME Corp\n"))
                .isEqualTo("Please help.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Sent from my iPhone", "Von meinem iPhone gesendet", "Envoyé de mon iPhone",
        "Enviado desde mi iPhone", "Get Outlook for Android", "Sent from Mail for Windows"})
    void extract_mobileSignature_isRemoved(String signature) {
        assertThat(VisibleTextExtractor.extract("Please help.\n\n" + signature + "\n"))
                .isEqualTo("Please help.");
    }

    @Test
    void extract_sentenceStartingLikeMobileSignature_isKept() {
        String text = "Here it is\n\nSent from my desk, which is easier than my phone.";

        assertThat(VisibleTextExtractor.extract(text)).isEqualTo(text);
    }

    @Test
    void withoutQuotedHistory_keepsSignature() {
        assertThat(VisibleTextExtractor.withoutQuotedHistory("Hello\n\nSent from my iPhone\n"))
                .isEqualTo("Hello\n\nSent from my iPhone");
    }

    @Test
    void extract_onlyQuotedHistory_givesEmpty() {
        assertThat(VisibleTextExtractor.extract("> all quoted\n> here\n")).isEmpty();
    }

    @Test
    void extract_textWithoutHistory_isReturnedTrimmed() {
        assertThat(VisibleTextExtractor.extract("\n  Just this.  \n")).isEqualTo("Just this.");
    }

    @Test
    void extract_null_givesEmpty() {
        assertThat(VisibleTextExtractor.extract(null)).isEmpty();
    }

    @Test
    void extract_wordOnAtLineStart_isNotTakenForAttribution() {
        String text = "On Monday the printer broke.\nIt still does not work.";

        assertThat(VisibleTextExtractor.extract(text)).isEqualTo(text);
    }

    @Test
    void extract_attributionEndingInAddressOnNextLine_cutsHistory() {
        String text = "Reply\n\ntir. 18. apr. 2026 kl. 13:09 skrev Support <support@example.com\n"
                + ">:\n\n> old\n";

        assertThat(VisibleTextExtractor.extract(text)).isEqualTo("Reply");
    }

    @Test
    void extract_attributionOverThreeLines_cutsHistory() {
        String text = "Latest reply.\n\nOn Wed, Dec 9, Mister Example\n<mr@example.com>\nwrote:\n"
                + "\n> old\n";

        assertThat(VisibleTextExtractor.extract(text)).isEqualTo("Latest reply.");
    }

    @Test
    void extract_inlineAnswersBelowAttribution_keepQuestionsAsContext() {
        String text = "On Dec 15, 2026, at 2:00 PM, Jane <jane@example.com> wrote:\n"
                + "> Option A?\n\nA is great.\n\n> Option B?\n\nB has drawbacks.\n\n> Thanks\n";

        assertThat(VisibleTextExtractor.extract(text))
                .isEqualTo("> Option A?\n\nA is great.\n\n> Option B?\n\nB has drawbacks.");
    }

    @Test
    void extract_sentenceWithWroteAndColon_isKept() {
        String text = "Yesterday I wrote the following:\nThe printer is broken.";

        assertThat(VisibleTextExtractor.extract(text)).isEqualTo(text);
    }
}
