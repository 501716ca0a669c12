package dev.actionbox.server;

import dev.actionbox.api.ApiConfig;
import dev.actionbox.delivery.RelayConfig;
import dev.actionbox.store.StoreConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a node needs to run. Built by the CLI from flags, environment variables and the
 * data folder's {@code actionbox.toml}.
 *
 * @param httpHost address the API binds to
 * @param httpPort 0 picks a free port
 * @param smtpPort 0 picks a free port
 * @param webhookAllow hosts and CIDR ranges webhooks may reach although not public
 * @param api CORS origins and rate limits of the HTTP API
 */
public record ServerConfig(
        Path dataDir,
        StoreConfig store,
        String httpHost,
        int httpPort,
        String smtpHost,
        int smtpPort,
        long maxMessageBytes,
        String webhookAllow,
        RelayConfig relay,
        ApiConfig api) {

    public static final long DEFAULT_MAX_MESSAGE_BYTES = 25L * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(api, "api");
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("ACTIONBOX_MAX_MESSAGE_BYTES must be at least "
                    + "1024, was " + maxMessageBytes);
        }
    }

    /** A node with the API's default CORS (off) and rate limits. */
    public ServerConfig(Path dataDir, StoreConfig store, String httpHost, int httpPort,
            String smtpHost, int smtpPort, long maxMessageBytes, String webhookAllow,
            RelayConfig relay) {
        this(dataDir, store, httpHost, httpPort, smtpHost, smtpPort, maxMessageBytes,
                webhookAllow, relay, ApiConfig.defaults());
    }
}
