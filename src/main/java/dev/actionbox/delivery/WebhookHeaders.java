package dev.actionbox.delivery;

import java.util.Locale;
import java.util.Set;

/**
 * The headers a webhook's framing, addressing and signing depend on. The deliverer sets them
 * and nobody else may: a workflow that set Host or Content-Length could break the request or
 * aim it at another virtual host than the one its URL names.
 */
public final class WebhookHeaders {

    private static final Set<String> RESERVED = Set.of("host", "content-length",
            "content-type", "content-encoding", "transfer-encoding", "connection", "keep-alive",
            "upgrade", "te", "trailer", "expect", "user-agent");

    private WebhookHeaders() {
    }

    public static boolean isReserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return RESERVED.contains(lower) || lower.startsWith("webhook-")
                || lower.startsWith("proxy-");
    }
}
