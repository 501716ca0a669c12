package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.actionbox.support.Http;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as an operator runs them: a real process for serve, a token from the CLI. */
class ServeCommandTest {

    @TempDir
    Path data;

    @Test
    void serve_freshDataFolder_printsAddressesAndAnswersWithACliToken() throws Exception {
        String token = createToken("email:read");
        Process serve = new ProcessBuilder(javaCommand("serve", "--data", data.toString(),
                "--http", "127.0.0.1:0", "--smtp", "127.0.0.1:0"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            List<String> banner = readBanner(serve);
            String api = find(banner, "API:\\s+(http://\\S+)/v1/");
            assertThat(banner).anyMatch(l -> l.contains("SMTP: 127.0.0.1:"));
            assertThat(banner).anyMatch(l -> l.contains("Inbox: inbox@actionbox.local"));

            Http http = new Http(api, token);
            assertThat(http.get("/v1/health").status()).isEqualTo(200);
            assertThat(http.get("/v1/inboxes/").json().get("data")).hasSize(1);
            assertThat(http.withToken("abx_wrong").get("/v1/inboxes/").status()).isEqualTo(401);
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void tokenCreate_unknownScope_isAUsageErrorThatCreatesNothing() {
        int code = Main.run("token", "create", "--scopes", "email:reed", "--data",
                data.resolve("fresh").toString());

        assertThat(code).isEqualTo(2);
        assertThat(data.resolve("fresh")).doesNotExist();
    }

    @Test
    void serve_badHttpFlag_isAUsageError() {
        int code = Main.run("serve", "--data", data.toString(), "--http", "localhost");

        assertThat(code).isEqualTo(2);
    }

    private String createToken(String scopes) throws Exception {
        Process process = new ProcessBuilder(javaCommand("token", "create", "--scopes", scopes,
                "--data", data.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(out.trim()).startsWith("abx_").doesNotContain("\n");
        return out.trim();
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> readBanner(Process process) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(
                process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            lines.add(line);
            if (line.contains("Inbox:")) {
                return lines;
            }
        }
        throw new AssertionError("serve exited before printing its addresses: " + lines);
    }

    private static String find(List<String> lines, String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("No line matches " + regex + " in " + lines);
    }
}
