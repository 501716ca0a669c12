package dev.actionbox.server;

import dev.actionbox.store.Store;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * What an operator watches on {@code /metrics}: whether the store answers, how much work
 * waits, and what gave up. Each value is read from the store when it is scraped, so several
 * nodes on one database report the same backlog; a store that does not answer reads as NaN.
 * Micrometer keeps a gauge's object weakly by default, and nothing else keeps this one, so
 * the gauges hold it strongly: otherwise the first garbage collection turns them all to NaN.
 */
final class BacklogGauges {

    private final Store store;

    private BacklogGauges(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    static void bindTo(MeterRegistry registry, Store store) {
        BacklogGauges gauges = new BacklogGauges(store);
        Gauge.builder("actionbox.store.up", gauges, g -> g.store.isReachable() ? 1 : 0)
                .description("1 when the store answers, 0 when it does not")
                .strongReference(true)
                .register(registry);
        gauges.count(registry, "actionbox.events.queued", "Events waiting for a worker",
                "SELECT COUNT(*) FROM events WHERE status = 'queued'");
        gauges.count(registry, "actionbox.events.failed",
                "Events that failed every attempt; their message is stored, their workflows "
                        + "did not run", "SELECT COUNT(*) FROM events WHERE status = 'failed'");
        gauges.count(registry, "actionbox.webhooks.pending",
                "Webhook deliveries waiting to be sent or retried",
                "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'");
        gauges.count(registry, "actionbox.webhooks.dead",
                "Webhook deliveries that gave up; redeliver them by hand",
                "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'dead'");
        gauges.count(registry, "actionbox.reviews.pending",
                "Workflow writes held for a person to review",
                "SELECT COUNT(*) FROM reviews WHERE status = 'pending'");
    }

    private void count(MeterRegistry registry, String name, String description, String sql) {
        Gauge.builder(name, this, g -> g.read(sql))
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    private double read(String sql) {
        try {
            return store.read(h -> h.createQuery(sql).mapTo(Long.class).one());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
