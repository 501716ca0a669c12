package dev.actionbox.cli;

import dev.actionbox.api.ApiConfig;
import dev.actionbox.delivery.RelayConfig;
import dev.actionbox.server.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of a running node; each also reads an ACTIONBOX_ variable and actionbox.toml. */
final class ServeOptions {

    /** The smallest limit ServerConfig takes: below it not even the headers of a mail fit. */
    private static final long MIN_MESSAGE_BYTES = 1024;
    private static final NumberSetting MAX_MESSAGE_BYTES =
            new NumberSetting("--max-message-bytes", "ACTIONBOX_MAX_MESSAGE_BYTES");
    private static final NumberSetting SMTP_MAX_PER_ADDRESS =
            new NumberSetting("--smtp-max-per-address", "ACTIONBOX_SMTP_MAX_PER_ADDRESS");
    private static final NumberSetting RATE_LIMIT =
            new NumberSetting("--rate-limit", "ACTIONBOX_RATE_LIMIT");

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Option(names = "--http", paramLabel = "HOST:PORT",
            description = "API address; env ACTIONBOX_HTTP; default 127.0.0.1:8080 (port 0 = any)")
    String http;

    @Option(names = "--smtp", paramLabel = "HOST:PORT",
            description = "SMTP address; env ACTIONBOX_SMTP; default 127.0.0.1:2525 (port 0 = any)")
    String smtp;

    @Option(names = "--max-message-bytes", paramLabel = "BYTES",
            description = "Largest message accepted; env ACTIONBOX_MAX_MESSAGE_BYTES; "
                    + "default 26214400 (25 MB)")
    Long maxMessageBytes;

    @Option(names = "--smtp-max-per-address", paramLabel = "N",
            description = "SMTP connections one client address may hold open at once; "
                    + "env ACTIONBOX_SMTP_MAX_PER_ADDRESS; default "
                    + ServerConfig.DEFAULT_SMTP_MAX_PER_ADDRESS)
    Integer smtpMaxPerAddress;

    @Option(names = "--webhook-allow", paramLabel = "HOSTS",
            description = "Hosts or CIDR ranges webhooks may reach although private or loopback, "
                    + "comma-separated; env ACTIONBOX_WEBHOOK_ALLOW")
    String webhookAllow;

    @Option(names = "--cors-origins", paramLabel = "ORIGINS",
            description = "Origins browsers may call the API from, comma-separated, or *; "
                    + "env ACTIONBOX_CORS_ORIGINS; default none (CORS off)")
    String corsOrigins;

    @Option(names = "--rate-limit", paramLabel = "PER_MINUTE",
            description = "Requests per minute one token may make on this node, 0 = no limit; "
                    + "env ACTIONBOX_RATE_LIMIT; default " + ApiConfig.DEFAULT_RATE_LIMIT)
    Integer rateLimit;

    @Option(names = "--smtp-relay", paramLabel = "HOST:PORT",
            description = "Relay for sending drafts; env ACTIONBOX_SMTP_RELAY")
    String relay;

    @Option(names = "--smtp-relay-user", description = "env ACTIONBOX_SMTP_RELAY_USER")
    String relayUser;

    @Option(names = "--smtp-relay-password", description = "env ACTIONBOX_SMTP_RELAY_PASSWORD")
    String relayPassword;

    @Option(names = "--smtp-relay-tls", description = "Require STARTTLS to the relay; "
            + "env ACTIONBOX_SMTP_RELAY_TLS")
    Boolean relayTls;

    @Option(names = "--smtp-relay-from", description = "From address of sent drafts; "
            + "env ACTIONBOX_SMTP_RELAY_FROM; default the first inbox's address")
    String relayFrom;

    ServerConfig toConfig(java.util.Map<String, String> env, String defaultHttp,
            String defaultSmtp) {
        Path dataDir = storeOptions.dataDir(Settings.load(env, Path.of(".")));
        Settings settings = Settings.load(env, dataDir);
        HostPort httpAddress = HostPort.parse(pick(http, settings, "ACTIONBOX_HTTP", defaultHttp),
                "--http");
        HostPort smtpAddress = HostPort.parse(pick(smtp, settings, "ACTIONBOX_SMTP", defaultSmtp),
                "--smtp");
        long maxBytes = MAX_MESSAGE_BYTES.read(maxMessageBytes, settings,
                ServerConfig.DEFAULT_MAX_MESSAGE_BYTES, MIN_MESSAGE_BYTES);
        int perAddress = SMTP_MAX_PER_ADDRESS.readInt(smtpMaxPerAddress, settings,
                ServerConfig.DEFAULT_SMTP_MAX_PER_ADDRESS, 1);
        RelayConfig relayConfig = new RelayConfig(
                pick(relay, settings, "ACTIONBOX_SMTP_RELAY", null),
                pick(relayUser, settings, "ACTIONBOX_SMTP_RELAY_USER", null),
                pick(relayPassword, settings, "ACTIONBOX_SMTP_RELAY_PASSWORD", null),
                relayTls != null ? relayTls : Boolean.parseBoolean(
                        settings.get("ACTIONBOX_SMTP_RELAY_TLS", "false")),
                pick(relayFrom, settings, "ACTIONBOX_SMTP_RELAY_FROM",
                        dev.actionbox.inbox.InboxService.DEFAULT_ADDRESS));
        return new ServerConfig(dataDir, storeOptions.storeConfig(settings),
                httpAddress.host(), httpAddress.port(), smtpAddress.host(), smtpAddress.port(),
                maxBytes, pick(webhookAllow, settings, "ACTIONBOX_WEBHOOK_ALLOW", ""),
                relayConfig, apiConfig(settings), perAddress);
    }

    private ApiConfig apiConfig(Settings settings) {
        int perMinute = RATE_LIMIT.readInt(rateLimit, settings, ApiConfig.DEFAULT_RATE_LIMIT, 0);
        try {
            return new ApiConfig(ApiConfig.parseOrigins(pick(corsOrigins, settings,
                    "ACTIONBOX_CORS_ORIGINS", "")), perMinute, ApiConfig.DEFAULT_AUTH_FAILURES);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }

    private static String pick(String flag, Settings settings, String envName, String fallback) {
        return flag != null ? flag : settings.get(envName, fallback);
    }

    /** A {@code host:port} pair. */
    record HostPort(String host, int port) {
        static HostPort parse(String text, String flag) {
            int colon = text.lastIndexOf(':');
            try {
                if (colon <= 0) {
                    throw new NumberFormatException("no port");
                }
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException("out of range");
                }
                String host = text.substring(0, colon).replace("[", "").replace("]", "");
                return new HostPort(host, port);
            } catch (NumberFormatException e) {
                throw new CliException(flag + " must be HOST:PORT such as 127.0.0.1:8080, was '"
                        + text + "'", 2);
            }
        }
    }
}
