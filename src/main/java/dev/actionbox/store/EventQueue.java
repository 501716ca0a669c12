package dev.actionbox.store;

import dev.actionbox.api.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * The durable queue of events that drive context and workflows. Events are enqueued in the
 * transaction of the change that caused them; a worker claims a batch with a lease, and a
 * claim whose lease ran out (its node died) is taken again by another worker.
 */
public final class EventQueue {

    /** One claimed event. */
    public record Event(String id, String type, Map<String, Object> payload, int depth,
            int attempts) {
    }

    private final Store store;

    public EventQueue(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Adds an event inside the caller's transaction; returns its id. */
    public static String enqueue(Handle handle, String type, Map<String, Object> payload,
            int depth) {
        String id = Ids.next("evq");
        long now = System.currentTimeMillis();
        handle.createUpdate("""
                INSERT INTO events (id, type, payload, depth, status, available_at, created_at)
                VALUES (:id, :type, :payload, :depth, 'queued', :now, :now)""")
                .bind("id", id)
                .bind("type", type)
                .bind("payload", Json.write(payload))
                .bind("depth", depth)
                .bind("now", now)
                .execute();
        return id;
    }

    /**
     * Claims up to {@code max} ready events for {@code leaseMillis}. Each claim counts as an
     * attempt, so a poison event stops being retried after a few.
     */
    public List<Event> claim(String owner, int max, long leaseMillis) {
        return store.inTransaction(h -> {
            long now = System.currentTimeMillis();
            List<Map<String, Object>> rows = h.createQuery("""
                    SELECT id, type, payload, depth, attempts FROM events
                    WHERE status = 'queued' AND available_at <= :now
                    ORDER BY available_at, id LIMIT :max""" + store.dialect().claimLock())
                    .bind("now", now)
                    .bind("max", max)
                    .mapToMap()
                    .list();
            for (Map<String, Object> row : rows) {
                h.createUpdate("""
                        UPDATE events SET available_at = :until, lease_owner = :owner,
                            attempts = attempts + 1
                        WHERE id = :id""")
                        .bind("until", now + leaseMillis)
                        .bind("owner", owner)
                        .bind("id", row.get("id"))
                        .execute();
            }
            return rows.stream().map(EventQueue::toEvent).toList();
        });
    }

    /** Marks the event done inside the transaction that made its effects. */
    public static void complete(Handle handle, String eventId) {
        handle.createUpdate("""
                UPDATE events SET status = 'done', done_at = :now, lease_owner = NULL
                WHERE id = :id""")
                .bind("now", System.currentTimeMillis())
                .bind("id", eventId)
                .execute();
    }

    /** Puts a failed event back with a delay, or parks it as failed after the last attempt. */
    public void retryLater(Event event, String error, int maxAttempts, long delayMillis) {
        boolean last = event.attempts() >= maxAttempts;
        store.useTransaction(h -> h.createUpdate("""
                UPDATE events SET status = :status, available_at = :at, last_error = :error,
                    lease_owner = NULL
                WHERE id = :id""")
                .bind("status", last ? "failed" : "queued")
                .bind("at", System.currentTimeMillis() + delayMillis)
                .bind("error", error)
                .bind("id", event.id())
                .execute());
    }

    /**
     * Gives back events this owner claimed but could not start, for instance because the
     * store went away mid-batch: they are ready again at once instead of when the lease runs
     * out, and the claim does not count as an attempt.
     */
    public void release(String owner, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        store.useTransaction(h -> h.createUpdate("""
                UPDATE events SET available_at = :now, lease_owner = NULL,
                    attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
                WHERE id IN (<ids>) AND lease_owner = :owner AND status = 'queued'""")
                .bind("now", System.currentTimeMillis())
                .bind("owner", owner)
                .bindList("ids", eventIds)
                .execute());
    }

    /** How many events wait or are in flight; zero means the pipeline is idle. */
    public int pending() {
        return store.read(h -> h.createQuery(
                "SELECT COUNT(*) FROM events WHERE status = 'queued'")
                .mapTo(Integer.class).one());
    }

    private static Event toEvent(Map<String, Object> row) {
        return new Event(
                (String) row.get("id"),
                (String) row.get("type"),
                Json.map((String) row.get("payload")),
                ((Number) row.get("depth")).intValue(),
                ((Number) row.get("attempts")).intValue() + 1);
    }
}
