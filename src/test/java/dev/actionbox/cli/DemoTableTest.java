package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo's tables line up in a terminal whatever script the cells are written in. */
class DemoTableTest {

    @Test
    void print_wideAndCombiningCharacters_columnsLineUpOnScreen() {
        DemoReport.Table table = new DemoReport.Table("SUMMARY", "N");
        table.row("請求書", "1");
        table.row("안녕", "2");
        table.row("🚀 go", "3");
        table.row("cafe\u0301", "4");
        table.row("ＡＢ", "5");

        assertThat(print(table)).containsExactly(
                "  SUMMARY  N",
                "  請求書   1",
                "  안녕     2",
                "  🚀 go    3",
                "  cafe\u0301     4",
                "  ＡＢ     5");
    }

    @Test
    void row_longWideCell_isCutByColumnsWithAnEllipsis() {
        DemoReport.Table table = new DemoReport.Table("SUMMARY", "N");
        table.row("請".repeat(30), "1");
        table.row("🚀".repeat(30), "2");

        String[] lines = print(table);

        assertThat(lines[1]).isEqualTo("  " + "請".repeat(23) + "…  1");
        assertThat(lines[2]).isEqualTo("  " + "🚀".repeat(23) + "…  2");
    }

    private static String[] print(DemoReport.Table table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void row_escapeSequenceOrBidiOverrideFromAMail_printsAsReplacementCharacters() {
        DemoReport.Table table = new DemoReport.Table("SUMMARY", "N");
        table.row("Invoice\u001b]0;owned\u0007 due \u202Efdp.exe", "1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        table.print(new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).doesNotContain("\u001b", "\u0007", "\u202E")
                .contains("Invoice\uFFFD]0;owned\uFFFD due \uFFFDfdp.exe");
    }
}
