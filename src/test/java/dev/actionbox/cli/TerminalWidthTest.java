package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalWidthTest {

    @Test
    void of_asciiAndOtherNarrowScripts_oneColumnEach() {
        assertThat(TerminalWidth.of("Invoice 42")).isEqualTo(10);
        assertThat(TerminalWidth.of("Задержка")).isEqualTo(8);
        assertThat(TerminalWidth.of("فاتورة")).isEqualTo(6);
    }

    @Test
    void of_eastAsianWideAndFullWidth_twoColumnsEach() {
        assertThat(TerminalWidth.of("請求書")).isEqualTo(6);
        assertThat(TerminalWidth.of("ひらがなカタカナ")).isEqualTo(16);
        assertThat(TerminalWidth.of("안녕하세요")).isEqualTo(10);
        assertThat(TerminalWidth.of("ＡＢＣ１")).isEqualTo(8);
        assertThat(TerminalWidth.of("、。")).isEqualTo(4);
        assertThat(TerminalWidth.of("𠮷")).as("CJK extension B, a surrogate pair").isEqualTo(2);
    }

    @Test
    void of_emojiInTheSupplementaryPlanes_twoColumnsEach() {
        assertThat(TerminalWidth.of("😀")).isEqualTo(2);
        assertThat(TerminalWidth.of("🚀")).isEqualTo(2);
        assertThat(TerminalWidth.of("🤝")).isEqualTo(2);
        assertThat(TerminalWidth.of("🫠")).isEqualTo(2);
    }

    @Test
    void of_combiningMarksAndFormatCharacters_noColumns() {
        assertThat(TerminalWidth.of("cafe\u0301")).isEqualTo(4);
        assertThat(TerminalWidth.of("a\u200Bb")).isEqualTo(2);
        assertThat(TerminalWidth.of("\u1100\u1161\u11A8")).as("conjoining Hangul").isEqualTo(2);
    }

    @Test
    void of_halfWidthKatakana_oneColumn() {
        assertThat(TerminalWidth.of("ｶﾀｶﾅ")).isEqualTo(4);
    }

    @Test
    void clip_fits_unchanged() {
        assertThat(TerminalWidth.clip("請求書", 6)).isEqualTo("請求書");
    }

    @Test
    void clip_tooWide_cutByColumnsWithAnEllipsis() {
        assertThat(TerminalWidth.clip("請求書の再発行", 7)).isEqualTo("請求書…");
        assertThat(TerminalWidth.clip("abcdefgh", 5)).isEqualTo("abcd…");
    }

    @Test
    void clip_wideCharacterAtTheEdge_leftOutRatherThanOverflowing() {
        String clipped = TerminalWidth.clip("ab請求", 4);

        assertThat(clipped).isEqualTo("ab…");
        assertThat(TerminalWidth.of(clipped)).isLessThanOrEqualTo(4);
    }

    @Test
    void clip_surrogatePairs_neverSplit() {
        String clipped = TerminalWidth.clip("a😀😀😀", 6);

        assertThat(clipped).isEqualTo("a😀😀…");
        assertThat(clipped.codePoints())
                .noneMatch(c -> Character.getType(c) == Character.SURROGATE);
    }

    @Test
    void clip_combiningMark_staysWithItsLetter() {
        assertThat(TerminalWidth.clip("cafe\u0301 au lait", 5)).isEqualTo("cafe\u0301…");
    }

    @Test
    void pad_wideText_paddedToColumnsNotChars() {
        assertThat(TerminalWidth.pad("請求", 6)).isEqualTo("請求  ");
        assertThat(TerminalWidth.pad("toolong", 3)).isEqualTo("toolong");
    }
}
