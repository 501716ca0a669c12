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
 * @param smtpMaxPerAddress SMTP sessions one client address may hold open at once
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
        ApiConfig api,
        int smtpMaxPerAddress) {

    public static final long DEFAULT_MAX_MESSAGE_BYTES = 25L * 1024 * 1024;
    /** As many as a busy sending MTA opens in parallel, far fewer than the listener's 1,000. */
    public static final int DEFAULT_SMTP_MAX_PER_ADDRESS = 50;

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(api, "api");
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("ACTIONBOX_MAX_MESSAGE_BYTES must be at least "
                    + "1024, was " + maxMessageBytes);
        }
        if (smtpMaxPerAddress < 1) {
            throw new IllegalArgumentException("ACTIONBOX_SMTP_MAX_PER_ADDRESS must be at least "
                    + "1, was " + smtpMaxPerAddress);
        }
    }

    /** A node with the default SMTP connection cap. */
    public ServerConfig(Path dataDir, StoreConfig store, String httpHost, int httpPort,
            String smtpHost, int smtpPort, long maxMessageBytes, String webhookAllow,
            RelayConfig relay, ApiConfig api) {
        this(dataDir, store, httpHost, httpPort, smtpHost, smtpPort, maxMessageBytes,
                webhookAllow, relay, api, DEFAULT_SMTP_MAX_PER_ADDRESS);
    }

    /** A node with the API's default CORS (off) and rate limits. */
    public ServerConfig(Path dataDir, StoreConfig store, String httpHost, int httpPort,
            String smtpHost, int smtpPort, long maxMessageBytes, String webhookAllow,
            RelayConfig relay) {
        this(dataDir, store, httpHost, httpPort, smtpHost, smtpPort, maxMessageBytes,
                webhookAllow, relay, ApiConfig.defaults());
    }
}
