package dev.actionbox.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The summary a task gets from its message. */
class TaskSummaryTest {

    @Test
    void summaryFrom_replyPrefixes_areDropped() {
        assertThat(WriteExecutor.summaryFrom("Re: AW: Contract renewal", "body"))
                .isEqualTo("Contract renewal");
    }

    @Test
    void summaryFrom_controlAndDirectionCharacters_doNotReachTheSummary() {
        assertThat(WriteExecutor.summaryFrom("Invoice\u0008 \u202Efdp.exe\u001d due", null))
                .isEqualTo("Invoice fdp.exe due");
    }

    @Test
    void summaryFrom_noSubject_takesTheBodysFirstSentenceCleaned() {
        assertThat(WriteExecutor.summaryFrom(null, "\u007fPrinter\u0000 down. Please help."))
                .isEqualTo("Printer down.");
    }
}
