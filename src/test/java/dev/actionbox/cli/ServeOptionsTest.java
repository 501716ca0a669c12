package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionbox.api.ApiConfig;
import dev.actionbox.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeOptionsTest {

    @TempDir
    Path dataDir;

    @Test
    void toConfig_noApiSettings_corsOffAndDefaultRateLimit() {
        ServerConfig config = parse().toConfig(env(Map.of()), "127.0.0.1:0", "127.0.0.1:0");

        assertThat(config.api().corsOrigins()).isEmpty();
        assertThat(config.api().rateLimitPerMinute()).isEqualTo(ApiConfig.DEFAULT_RATE_LIMIT);
    }

    @Test
    void toConfig_environment_setsCorsOriginsAndRateLimit() {
        ServerConfig config = parse().toConfig(env(Map.of(
                "ACTIONBOX_CORS_ORIGINS", "https://app.example", "ACTIONBOX_RATE_LIMIT", "0")),
                "127.0.0.1:0", "127.0.0.1:0");

        assertThat(config.api().corsOrigins()).containsExactly("https://app.example");
        assertThat(config.api().rateLimitPerMinute()).isZero();
    }

    @Test
    void toConfig_flags_beatTheEnvironment() {
        ServerConfig config = parse("--cors-origins", "*", "--rate-limit", "30")
                .toConfig(env(Map.of("ACTIONBOX_RATE_LIMIT", "5")), "127.0.0.1:0",
                        "127.0.0.1:0");

        assertThat(config.api().corsOrigins()).isEqualTo(List.of("*"));
        assertThat(config.api().rateLimitPerMinute()).isEqualTo(30);
    }

    @Test
    void toConfig_originWithPath_isAUsageError() {
        ServeOptions options = parse("--cors-origins", "https://app.example/x");

        assertThatThrownBy(() -> options.toConfig(env(Map.of()), "127.0.0.1:0", "127.0.0.1:0"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("ACTIONBOX_CORS_ORIGINS");
    }

    @Test
    void toConfig_smtpConnectionCap_defaultEnvironmentAndFlag() {
        ServerConfig byDefault = parse().toConfig(env(Map.of()), "127.0.0.1:0", "127.0.0.1:0");
        ServerConfig fromEnv = parse().toConfig(env(Map.of("ACTIONBOX_SMTP_MAX_PER_ADDRESS",
                "8")), "127.0.0.1:0", "127.0.0.1:0");
        ServerConfig fromFlag = parse("--smtp-max-per-address", "3").toConfig(env(Map.of(
                "ACTIONBOX_SMTP_MAX_PER_ADDRESS", "8")), "127.0.0.1:0", "127.0.0.1:0");

        assertThat(byDefault.smtpMaxPerAddress())
                .isEqualTo(ServerConfig.DEFAULT_SMTP_MAX_PER_ADDRESS);
        assertThat(fromEnv.smtpMaxPerAddress()).isEqualTo(8);
        assertThat(fromFlag.smtpMaxPerAddress()).isEqualTo(3);
    }

    @Test
    void toConfig_smtpConnectionCapBelowOne_isAUsageError() {
        ServeOptions options = parse("--smtp-max-per-address", "0");

        assertThatThrownBy(() -> options.toConfig(env(Map.of()), "127.0.0.1:0", "127.0.0.1:0"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("--smtp-max-per-address (ACTIONBOX_SMTP_MAX_PER_ADDRESS) "
                        + "must be at least 1, was 0");
    }

    @Test
    void toConfig_valuesBelowTheirMinimum_usageErrorNamingFlagAndVariable() {
        assertUsageError(Map.of(), "--max-message-bytes", "100")
                .hasMessage("--max-message-bytes (ACTIONBOX_MAX_MESSAGE_BYTES) must be at least "
                        + "1024, was 100");
        assertUsageError(Map.of(), "--rate-limit", "-1")
                .hasMessage("--rate-limit (ACTIONBOX_RATE_LIMIT) must be at least 0, was -1");
        assertUsageError(Map.of("ACTIONBOX_SMTP_MAX_PER_ADDRESS", "0"))
                .hasMessage("--smtp-max-per-address (ACTIONBOX_SMTP_MAX_PER_ADDRESS) must be at "
                        + "least 1, was 0");
    }

    @Test
    void toConfig_variableNotANumber_usageErrorNamingFlagAndVariable() {
        assertUsageError(Map.of("ACTIONBOX_MAX_MESSAGE_BYTES", "25MB"))
                .hasMessage("--max-message-bytes (ACTIONBOX_MAX_MESSAGE_BYTES) must be a whole "
                        + "number, was '25MB'");
        assertUsageError(Map.of("ACTIONBOX_RATE_LIMIT", "lots"))
                .hasMessageStartingWith("--rate-limit (ACTIONBOX_RATE_LIMIT) must be a whole");
    }

    @Test
    void toConfig_variableTooLargeForAnInt_isRefusedRatherThanWrapped() {
        // 2^32 used to wrap to 0 and be reported as "was 0".
        assertUsageError(Map.of("ACTIONBOX_SMTP_MAX_PER_ADDRESS", "4294967296"))
                .hasMessage("--smtp-max-per-address (ACTIONBOX_SMTP_MAX_PER_ADDRESS) must be at "
                        + "most 2147483647, was 4294967296");
    }

    @Test
    void toConfig_settingsFile_isCheckedLikeTheVariable() throws Exception {
        Files.writeString(dataDir.resolve(Settings.FILE_NAME),
                "smtp_max_per_address = 4\nrate_limit = -3\n");

        assertUsageError(Map.of()).hasMessageStartingWith("--rate-limit (ACTIONBOX_RATE_LIMIT)");
        assertThat(parse("--rate-limit", "7").toConfig(env(Map.of()), "127.0.0.1:0",
                "127.0.0.1:0").smtpMaxPerAddress()).isEqualTo(4);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertUsageError(
            Map<String, String> more, String... args) {
        ServeOptions options = parse(args);
        return assertThatThrownBy(() -> options.toConfig(env(more), "127.0.0.1:0",
                "127.0.0.1:0"))
                .isInstanceOf(CliException.class)
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(2));
    }

    private Map<String, String> env(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("ACTIONBOX_DATA", dataDir.toString());
        return env;
    }

    private static ServeOptions parse(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command.options;
    }
}
