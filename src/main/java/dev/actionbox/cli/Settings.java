package dev.actionbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Settings from the environment and the data folder's {@code actionbox.toml}. A flag beats an
 * environment variable, which beats the file, which beats the default. File keys are the
 * variable names without the {@code ACTIONBOX_} prefix, in lower case ({@code smtp_relay}).
 */
final class Settings {

    static final String FILE_NAME = "actionbox.toml";

    private final Map<String, String> env;
    private final Path dataDir;
    private final JsonNode file;

    private Settings(Map<String, String> env, Path dataDir, JsonNode file) {
        this.env = env;
        this.dataDir = dataDir;
        this.file = file;
    }

    /** @throws CliException when actionbox.toml exists but cannot be read */
    static Settings load(Map<String, String> env, Path dataDir) {
        Path path = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(path)) {
            return new Settings(env, dataDir, null);
        }
        try {
            return new Settings(env, dataDir, new TomlMapper().readTree(path.toFile()));
        } catch (IOException e) {
            throw new CliException("Cannot read " + path + ": " + e.getMessage()
                    + "; fix the file or remove it");
        }
    }

    Path dataDir() {
        return dataDir;
    }

    String env(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The environment variable, else the file's key, else the fallback. */
    String get(String envName, String fileKey, String fallback) {
        String fromEnv = env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        if (file != null && file.hasNonNull(fileKey)) {
            return file.get(fileKey).asText();
        }
        return fallback;
    }

    String get(String envName, String fallback) {
        return get(envName, envName.replaceFirst("^ACTIONBOX_", "").toLowerCase(Locale.ROOT),
                fallback);
    }
}
