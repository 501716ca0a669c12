package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.actionbox.api.ApiConfig;
import dev.actionbox.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
                .hasMessageContaining("ACTIONBOX_SMTP_MAX_PER_ADDRESS must be at least 1");
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
