package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path temp;

    @Test
    void demo_withExit_printsTasksWebhooksAndDraftsFromTheSamples() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.run("demo", "--exit", "--data", temp.resolve("demo").toString(),
                    "--http", "127.0.0.1:0", "--smtp", "127.0.0.1:0");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);

        assertThat(code).as(out).isZero();
        assertThat(out).contains("Delivered 22 of 22 sample mails",
                "21 messages stored from 22 deliveries",
                "Server migration for Northwind - need a date",
                "URGENT: API returns 500 errors for our shop",
                "Задержка поставки", "請求書の再発行をお願いします",
                "workflow.task_candidate", "delivered",
                "Re: Dashboard shows wrong totals");
        assertThat(out).containsPattern("Undelivered Mail Returned to Sender\\s+bounce");
        assertThat(out).containsPattern("Automatic reply: Your ticket update\\s+auto-reply");
    }

    @Test
    void demo_existingDataFolder_isAUsageError() {
        assertThat(Main.run("demo", "--exit", "--data", temp.toString())).isEqualTo(2);
    }
}
