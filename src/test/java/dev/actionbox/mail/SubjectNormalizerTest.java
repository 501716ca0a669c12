package dev.actionbox.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectNormalizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Re: Printer offline|Printer offline",
        "RE: AW: Fwd: Printer offline|Printer offline",
        "Re[2]: Printer offline|Printer offline",
        "FW: WG: SV: VS: Antw: Printer offline|Printer offline",
        "Réf: Printer offline|Printer offline",
        "回复: 打印机|打印机",
        "答复：转发: 打印机|打印机",
        "[team-x] Re: [team-x] Printer offline|Printer offline",
        "Re: [Ticket#100260] Printer queue stuck|Printer queue stuck",
        "Printer queue stuck [#123]|Printer queue stuck",
        "  Printer   offline  |Printer offline",
        "Re:Re:re:Printer|Printer",
    })
    void strip_prefixesAndTags_leavesTopic(String subject, String expected) {
        assertThat(SubjectNormalizer.strip(subject)).isEqualTo(expected);
    }

    @Test
    void strip_null_givesEmpty() {
        assertThat(SubjectNormalizer.strip(null)).isEmpty();
    }

    @Test
    void strip_onlyATag_keepsTheTag() {
        assertThat(SubjectNormalizer.strip("[urgent]")).isEqualTo("[urgent]");
    }

    @Test
    void strip_wordStartingLikeAPrefix_isKept() {
        assertThat(SubjectNormalizer.strip("Reminder: pay invoice"))
                .isEqualTo("Reminder: pay invoice");
        assertThat(SubjectNormalizer.strip("Forward planning")).isEqualTo("Forward planning");
    }
}
