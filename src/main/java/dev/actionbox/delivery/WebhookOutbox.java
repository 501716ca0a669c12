package dev.actionbox.delivery;

import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.activity.ActivityLog;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.Json;
import dev.actionbox.store.Ids;
import dev.actionbox.store.Rows;
import dev.actionbox.store.StatusPage;
import dev.actionbox.store.Store;
import dev.actionbox.store.Times;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Webhook deliveries waiting to be sent or already sent. A delivery is written in the same
 * transaction as the workflow run that asked for it, and sent later by
 * {@link WebhookDeliverer}: at least once, with the delivery id as the receiver's dedupe key.
 */
public final class WebhookOutbox {

    private final Store store;

    public WebhookOutbox(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** A webhook to queue. */
    public record Request(String url, String eventType, String secret,
            Map<String, String> headers, Map<String, Object> data, String workflowId,
            String eventId, String messageId) {
    }

    /** Queues a delivery inside the caller's transaction; returns its id. */
    public static String enqueue(Handle h, Request request) {
        String id = Ids.next("whd");
        long now = System.currentTimeMillis();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", request.eventType());
        body.put("timestamp", Times.format(now));
        body.put("data", request.data());
        h.createUpdate("""
                INSERT INTO webhook_deliveries (id, workflow_id, event_id, message_id, url,
                    event_type, payload, secret, headers_json, status, next_attempt_at,
                    created_at, updated_at)
                VALUES (:id, :workflow, :event, :message, :url, :type, :payload, :secret,
                    :headers, 'pending', :now, :now, :now)""")
                .bind("id", id)
                .bind("workflow", request.workflowId())
                .bind("event", request.eventId())
                .bind("message", request.messageId())
                .bind("url", request.url())
                .bind("type", request.eventType())
                .bind("payload", Json.write(body))
                .bind("secret", request.secret())
                .bind("headers", Json.write(request.headers()))
                .bind("now", now)
                .execute();
        ActivityLog.record(h, ActivityEntry.of("webhook.queued", id,
                        "Webhook " + request.eventType() + " queued for " + hostOf(request.url()))
                .actor("workflow:" + request.workflowId())
                .workflow(request.workflowId())
                .message(null, request.messageId(), null));
        return id;
    }

    public List<Map<String, Object>> list(String status, String before, int limit) {
        return store.read(h -> StatusPage.read(h, "webhook_deliveries", status, before,
                        limit)).stream()
                .map(WebhookOutbox::view).toList();
    }

    public Optional<Map<String, Object>> get(String id) {
        return store.read(h -> h.createQuery("SELECT * FROM webhook_deliveries WHERE id = :id")
                .bind("id", id).mapToMap().findOne().map(WebhookOutbox::view));
    }

    /** Sends a delivery again soon, whatever its state; the id stays the same. */
    public Map<String, Object> redeliver(String id, String actor) {
        store.useTransaction(h -> {
            int updated = h.createUpdate("""
                    UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = :now,
                        updated_at = :now WHERE id = :id""")
                    .bind("now", System.currentTimeMillis()).bind("id", id).execute();
            if (updated == 0) {
                throw ApiException.notFound("webhook delivery", id);
            }
            ActivityLog.record(h, ActivityEntry.of("webhook.redelivery_requested", id,
                    "Redelivery of " + id + " requested").actor(actor));
        });
        return get(id).orElseThrow();
    }

    static String hostOf(String url) {
        try {
            return java.net.URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "an invalid URL";
        }
    }

    private static Map<String, Object> view(Map<String, Object> row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.get("id"));
        view.put("workflow_id", row.get("workflow_id"));
        view.put("message_id", row.get("message_id"));
        view.put("url", row.get("url"));
        view.put("event_type", row.get("event_type"));
        view.put("status", row.get("status"));
        view.put("attempts", Rows.lng(row, "attempts"));
        view.put("next_attempt_at", "pending".equals(row.get("status"))
                ? Rows.time(row, "next_attempt_at") : null);
        view.put("last_status_code", row.get("last_status_code"));
        view.put("last_error", row.get("last_error"));
        view.put("payload", Json.tree(Rows.str(row, "payload")));
        view.put("created_at", Rows.time(row, "created_at"));
        view.put("updated_at", Rows.time(row, "updated_at"));
        return view;
    }
}
