package dev.actionbox.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the HTTP API treats its callers.
 *
 * @param corsOrigins origins a browser may call the API from ({@code https://app.example},
 *        or {@code *} for any); empty turns CORS off
 * @param rateLimitPerMinute requests one token may make per minute on one node; 0 is no limit
 * @param authFailuresPerMinute requests with a wrong token one client address may make per
 *        minute before it gets 429 for the rest of that minute; 0 is no limit
 */
public record ApiConfig(List<String> corsOrigins, int rateLimitPerMinute,
        int authFailuresPerMinute) {

    public static final int DEFAULT_RATE_LIMIT = 1200;
    public static final int DEFAULT_AUTH_FAILURES = 30;

    public ApiConfig {
        corsOrigins = List.copyOf(corsOrigins);
        if (rateLimitPerMinute < 0) {
            throw new IllegalArgumentException("ACTIONBOX_RATE_LIMIT must be 0 (no limit) or a "
                    + "number of requests per minute, was " + rateLimitPerMinute);
        }
        if (authFailuresPerMinute < 0) {
            throw new IllegalArgumentException("The failed-auth limit must be 0 or more, was "
                    + authFailuresPerMinute);
        }
    }

    public static ApiConfig defaults() {
        return new ApiConfig(List.of(), DEFAULT_RATE_LIMIT, DEFAULT_AUTH_FAILURES);
    }

    /**
     * Reads a comma-separated origin list such as {@code https://a.example,http://localhost:3000}.
     *
     * @throws IllegalArgumentException naming an entry that is not an origin
     */
    public static List<String> parseOrigins(String csv) {
        List<String> origins = new ArrayList<>();
        if (csv == null || csv.isBlank()) {
            return origins;
        }
        for (String item : csv.split(",")) {
            String origin = item.trim().toLowerCase(Locale.ROOT);
            if (origin.isEmpty()) {
                continue;
            }
            if (!origin.equals("*") && !origin.matches("https?://[a-z0-9.\\-\\[\\]:]+")) {
                throw new IllegalArgumentException("ACTIONBOX_CORS_ORIGINS entry '" + item.trim()
                        + "' is not an origin; write scheme://host[:port] without a path, "
                        + "e.g. https://app.example.com, or * for any origin");
            }
            origins.add(origin);
        }
        return origins;
    }
}
