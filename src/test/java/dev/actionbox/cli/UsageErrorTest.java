package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a mistyped command line prints: one line on stderr that says what to do, exit 2. */
class UsageErrorTest {

    @Test
    void serve_notANumber_oneLineNamingTheOptionAndTheHelp() {
        Result result = run("serve", "--smtp-max-per-address", "abc");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("actionbox: ")
                .contains("--smtp-max-per-address", "'abc'")
                .endsWith("; see 'actionbox serve --help'\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void serve_unknownOption_oneLineWithASuggestion() {
        Result result = run("serve", "--smpt", "127.0.0.1:2525");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("'--smpt'", "--smtp")
                .endsWith("; see 'actionbox serve --help'\n");
    }

    @Test
    void tokenCreate_missingRequiredOption_pointsAtTheNestedCommandsHelp() {
        Result result = run("token", "create");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("--scopes")
                .endsWith("; see 'actionbox token create --help'\n");
    }

    @Test
    void unknownCommand_pointsAtTheTopLevelHelp() {
        Result result = run("serv");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("'serv'").endsWith("; see 'actionbox --help'\n");
    }

    @Test
    void helpCommand_unknownSubcommand_noDoubledPunctuation() {
        Result result = run("help", "nosuch");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).isEqualTo(
                "actionbox: Unknown subcommand 'nosuch'; see 'actionbox --help'\n");
    }

    @Test
    void help_stillPrintsTheWholeUsageAndSucceeds() {
        Result result = run("serve", "--help");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Usage: actionbox serve", "--smtp-max-per-address");
        assertThat(result.out().split("\n").length).isGreaterThan(20);
        assertThat(result.err()).isEmpty();
    }

    private record Result(int code, String out, String err) {
        String[] errLines() {
            return err.lines().toArray(String[]::new);
        }
    }

    private static Result run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }
}
