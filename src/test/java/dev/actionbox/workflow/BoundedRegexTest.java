package dev.actionbox.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedRegexTest {

    @Test
    void find_ordinaryPattern_matchesAsRe2Does() {
        assertThat(BoundedRegex.find("(?i)invoice\\s+#?\\d+", "Please pay Invoice #42")).isTrue();
        assertThat(BoundedRegex.find("^refund", "no refund")).isFalse();
    }

    @Test
    void find_hugeCountedPatternOnLongText_stopsAtTheBudget() {
        String text = "A".repeat(1_000_000);

        assertThatThrownBy(() -> BoundedRegex.find("(A{1000}){1000}B", text))
                .isInstanceOf(BoundedRegex.TimeoutException.class);
    }

    @Test
    void find_matchBeyondTheTextCap_isNotSeen() {
        String text = "x".repeat(BoundedRegex.MAX_TEXT_CHARS) + "needle";

        assertThat(BoundedRegex.find("needle", text)).isFalse();
    }
}
