package dev.actionbox.delivery;

import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.activity.ActivityLog;
import dev.actionbox.api.Json;
import dev.actionbox.store.Rows;
import dev.actionbox.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.api.Result;
import org.eclipse.jetty.client.util.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued webhooks. Failed sends are retried with growing, jittered delays for a little
 * over a day; then the delivery is marked {@code dead} and can be redelivered by hand.
 */
public final class WebhookDeliverer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);

    /** Delays after each failed attempt; their sum is about 28 hours. */
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(12));
    private static final long LEASE_MILLIS = 60_000;
    private static final long TIMEOUT_MILLIS = 15_000;
    /** Deliveries in flight at once per node; each takes at most about 20 s of its lease. */
    static final int SEND_SLOTS = 8;
    private static final int MAX_ERROR_CHARS = 300;

    private final Store store;
    private final HttpClient client;
    private final String owner;
    private final Counter attemptsDelivered;
    private final Counter attemptsFailed;
    private final Counter attemptsDead;
    private final ExecutorService senders;
    private final Semaphore slots = new Semaphore(SEND_SLOTS);

    public WebhookDeliverer(Store store, AddressGuard guard, String owner) {
        this(store, guard, owner, Metrics.globalRegistry);
    }

    /** @param metrics where each attempt is counted by outcome */
    public WebhookDeliverer(Store store, AddressGuard guard, String owner,
            MeterRegistry metrics) {
        Objects.requireNonNull(metrics, "metrics");
        this.attemptsDelivered = attempts(metrics, "delivered");
        this.attemptsFailed = attempts(metrics, "failed");
        this.attemptsDead = attempts(metrics, "dead");
        this.store = Objects.requireNonNull(store, "store");
        this.owner = owner;
        this.client = startClient(Objects.requireNonNull(guard, "guard"));
        this.senders = Executors.newFixedThreadPool(SEND_SLOTS, r -> {
            Thread thread = new Thread(r, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static Counter attempts(MeterRegistry metrics, String outcome) {
        return Counter.builder("actionbox.webhooks.attempts")
                .description("Webhook sends by outcome: delivered, failed (to be retried) or "
                        + "dead (gave up)")
                .tag("outcome", outcome)
                .register(metrics);
    }

    private static HttpClient startClient(AddressGuard guard) {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("webhook-client");
        threads.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setSocketAddressResolver(new GuardedAddressResolver(guard));
        http.setFollowRedirects(false);
        http.setConnectTimeout(10_000);
        http.setUserAgentField(null);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the webhook HTTP client", e);
        }
        return http;
    }

    /**
     * Claims as many due deliveries as there are free send slots and starts sending them;
     * returns how many were started. Claiming no more than can start at once keeps every
     * claimed delivery well inside its lease, so another node never takes over one that is
     * merely waiting its turn, and a slow receiver holds one slot, not the whole queue.
     */
    public int deliverDue(int max) {
        int free = Math.min(max, slots.availablePermits());
        if (free == 0) {
            return 0;
        }
        List<Map<String, Object>> due = claim(free);
        for (Map<String, Object> row : due) {
            slots.acquireUninterruptibly();
            try {
                senders.execute(() -> sendAndRecord(row));
            } catch (RejectedExecutionException e) {
                // Closing: the lease runs out and this or another node sends it later.
                slots.release();
            }
        }
        return due.size();
    }

    private void sendAndRecord(Map<String, Object> row) {
        try {
            deliver(row);
        } catch (RuntimeException e) {
            log.warn("Could not record a webhook attempt; it is sent again when its lease runs "
                    + "out, id={}", Rows.str(row, "id"), e);
        } finally {
            slots.release();
        }
    }

    private List<Map<String, Object>> claim(int max) {
        return store.inTransaction(h -> {
            long now = System.currentTimeMillis();
            List<Map<String, Object>> rows = h.createQuery("""
                    SELECT * FROM webhook_deliveries
                    WHERE status = 'pending' AND next_attempt_at <= :now
                    ORDER BY next_attempt_at, id LIMIT :max""" + store.dialect().claimLock())
                    .bind("now", now).bind("max", max).mapToMap().list();
            for (Map<String, Object> row : rows) {
                h.createUpdate("""
                        UPDATE webhook_deliveries SET next_attempt_at = :until, lease_owner = :owner
                        WHERE id = :id""")
                        .bind("until", now + LEASE_MILLIS).bind("owner", owner)
                        .bind("id", row.get("id")).execute();
            }
            return rows;
        });
    }

    private void deliver(Map<String, Object> row) {
        String id = Rows.str(row, "id");
        String url = Rows.str(row, "url");
        int attempt = Rows.lng(row, "attempts").intValue() + 1;
        Integer status = null;
        String error;
        boolean permanent = false;

        try {
            status = post(row);
            error = status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (AddressGuard.BlockedAddressException e) {
            // Policy, not a passing fault: retrying for a day would change nothing. Once the
            // operator allows the address, a redelivery sends it.
            error = e.getMessage();
            permanent = true;
        } catch (IllegalArgumentException e) {
            error = "invalid URL: " + e.getMessage();
            permanent = true;
        } catch (TimeoutException e) {
            error = "no answer within " + TIMEOUT_MILLIS / 1000 + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted while sending";
        } catch (SendFailure e) {
            error = e.getMessage();
        }

        record(row, attempt, status, error, permanent);
        if (error != null) {
            log.warn("Webhook delivery failed, id={} host={} attempt={} reason={}",
                    id, WebhookOutbox.hostOf(url), attempt, error);
        }
    }

    private int post(Map<String, Object> row) throws InterruptedException, TimeoutException {
        URI uri = URI.create(Rows.str(row, "url"));
        String id = Rows.str(row, "id");
        String body = Rows.str(row, "payload");
        long timestamp = System.currentTimeMillis() / 1000;
        String secret = Rows.str(row, "secret");
        Request request = client.POST(uri)
                .timeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .body(new StringRequestContent("application/json", body,
                        StandardCharsets.UTF_8))
                .headers(headers -> {
                    // Workflows stored before the header rules may still name ours; skip them.
                    Json.map(Rows.str(row, "headers_json")).forEach((name, value) -> {
                        if (!WebhookHeaders.isReserved(name)) {
                            headers.put(name, String.valueOf(value));
                        }
                    });
                    headers.put(HttpHeader.USER_AGENT, "Actionbox-Webhooks/1");
                    headers.put("webhook-id", id);
                    headers.put("webhook-timestamp", Long.toString(timestamp));
                    if (secret != null && !secret.isEmpty()) {
                        headers.put("webhook-signature",
                                WebhookSigner.sign(secret, id, timestamp, body));
                    }
                });

        // A complete-listener alone discards the response body: a receiver that answers with
        // megabytes costs nothing, and only the status matters.
        CompletableFuture<Result> done = new CompletableFuture<>();
        request.send(done::complete);
        Result result;
        try {
            result = done.get(TIMEOUT_MILLIS + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SendFailure(e.getCause());
        }
        if (result.isFailed()) {
            throw SendFailure.of(result.getFailure());
        }
        return result.getResponse().getStatus();
    }

    /** Lets sends in flight finish (each is bounded by its timeout), then stops the client. */
    @Override
    public void close() {
        senders.shutdown();
        try {
            if (!senders.awaitTermination(TIMEOUT_MILLIS + 5_000, TimeUnit.MILLISECONDS)) {
                log.warn("Webhook sends still running at shutdown; their leases run out and "
                        + "they are sent again");
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            client.stop();
        } catch (Exception e) {
            log.warn("Webhook HTTP client did not stop cleanly; its threads end with the "
                    + "process, reason={}", e.toString(), e);
        }
    }

    /** A failed send, described for the delivery's {@code last_error}. */
    private static final class SendFailure extends RuntimeException {
        SendFailure(Throwable cause) {
            super(describe(cause), cause);
        }

        /** Rethrows what the caller handles by kind; wraps the rest. */
        static RuntimeException of(Throwable failure) {
            Throwable cause = failure;
            while (cause != null) {
                if (cause instanceof AddressGuard.BlockedAddressException blocked) {
                    return blocked;
                }
                if (cause instanceof TimeoutException) {
                    return new SendFailure(cause);
                }
                cause = cause.getCause();
            }
            return new SendFailure(failure);
        }

        /**
         * What went wrong, in words an operator can act on: the client's own messages name
         * connection objects and local ports, which only bloat the delivery's record.
         */
        private static String describe(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String text;
            if (root instanceof TimeoutException) {
                text = "no answer within " + TIMEOUT_MILLIS / 1000 + " s";
            } else if (root instanceof EOFException
                    || root instanceof ClosedChannelException) {
                text = "the receiver closed the connection without answering";
            } else if (root instanceof ConnectException) {
                text = "connection refused: nothing listens at the webhook's address";
            } else if (root instanceof UnknownHostException) {
                text = "unknown host: " + root.getMessage();
            } else if (root instanceof SSLException) {
                text = "TLS failed: " + root.getMessage();
            } else {
                text = root.getClass().getSimpleName() + ": " + root.getMessage();
            }
            return text.length() <= MAX_ERROR_CHARS ? text
                    : text.substring(0, MAX_ERROR_CHARS) + "...";
        }
    }

    private void record(Map<String, Object> row, int attempt, Integer status, String error,
            boolean permanent) {
        String id = Rows.str(row, "id");
        long now = System.currentTimeMillis();
        boolean delivered = error == null;
        boolean dead = !delivered && (permanent || attempt > BACKOFF.size());
        String state = delivered ? "delivered" : dead ? "dead" : "pending";
        (delivered ? attemptsDelivered : dead ? attemptsDead : attemptsFailed).increment();
        long next = delivered || dead ? now : now + jittered(BACKOFF.get(attempt - 1));
        store.useTransaction(h -> {
            h.createUpdate("""
                    UPDATE webhook_deliveries SET status = :state, attempts = :attempt,
                        next_attempt_at = :next, last_status_code = :code, last_error = :error,
                        lease_owner = NULL, updated_at = :now
                    WHERE id = :id""")
                    .bind("state", state).bind("attempt", attempt).bind("next", next)
                    .bind("code", status).bind("error", error).bind("now", now).bind("id", id)
                    .execute();
            String type = delivered ? "webhook.delivered"
                    : dead ? "webhook.dead" : "webhook.failed";
            String summary = delivered
                    ? "Webhook delivered to " + WebhookOutbox.hostOf(Rows.str(row, "url"))
                    : "Webhook attempt " + attempt + " failed: " + error;
            ActivityLog.record(h, ActivityEntry.of(type, id, summary)
                    .workflow(Rows.str(row, "workflow_id"))
                    .message(null, Rows.str(row, "message_id"), null)
                    .metadata(status == null ? Map.of("attempt", attempt)
                            : Map.of("attempt", attempt, "status_code", status)));
        });
    }

    private static long jittered(Duration delay) {
        long millis = delay.toMillis();
        return millis + ThreadLocalRandom.current().nextLong(millis / 5 + 1);
    }
}
