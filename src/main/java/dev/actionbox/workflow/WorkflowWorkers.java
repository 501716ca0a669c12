package dev.actionbox.workflow;

import dev.actionbox.delivery.WebhookDeliverer;
import dev.actionbox.store.EventQueue;
import dev.actionbox.store.StoreUnavailableException;
import dev.actionbox.task.FollowUpScheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background loops of a node: one claims queued events and processes them, one sends due
 * webhooks and fires due follow-ups. They poll the store, so work queued by another node is
 * found too; intake wakes them at once for work of this node.
 */
public final class WorkflowWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkflowWorkers.class);
    private static final long LEASE_MILLIS = 60_000;
    private static final long POLL_MILLIS = 500;
    private static final int BATCH = 20;
    private static final int MAX_ATTEMPTS = 5;

    private final EventQueue queue;
    private final EventProcessor processor;
    private final WebhookDeliverer deliverer;
    private final FollowUpScheduler followUps;
    private final String nodeId;
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "actionbox-worker");
        thread.setDaemon(true);
        return thread;
    });
    private final Counter processed;
    private final Counter retried;
    private final Counter failed;
    private volatile boolean running;

    public WorkflowWorkers(EventQueue queue, EventProcessor processor,
            WebhookDeliverer deliverer, FollowUpScheduler followUps, String nodeId,
            MeterRegistry metrics) {
        this.processed = eventCounter(metrics, "done");
        this.retried = eventCounter(metrics, "retry");
        this.failed = eventCounter(metrics, "failed");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.deliverer = Objects.requireNonNull(deliverer, "deliverer");
        this.followUps = Objects.requireNonNull(followUps, "followUps");
        this.nodeId = nodeId;
    }

    private static Counter eventCounter(MeterRegistry metrics, String outcome) {
        return Counter.builder("actionbox.events.processed")
                .description("Events this node worked on: done, failed and to be retried, or "
                        + "failed for the last time")
                .tag("outcome", outcome)
                .register(metrics);
    }

    public void start() {
        running = true;
        threads.submit(this::eventLoop);
        threads.submit(this::webhookLoop);
    }

    /** Wakes the event loop now instead of at its next poll. */
    public void wake() {
        wake.release();
    }

    private void eventLoop() {
        List<String> unstarted = new ArrayList<>();
        while (running) {
            try {
                queue.release(nodeId, unstarted);
                unstarted.clear();
                List<EventQueue.Event> events = queue.claim(nodeId, BATCH, LEASE_MILLIS);
                processBatch(events, unstarted);
                if (events.isEmpty()) {
                    wake.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (StoreUnavailableException e) {
                // The store logs the outage once; claimed events are given back when it returns.
                log.debug("Event loop waits for the store, node={} unstarted={}", nodeId,
                        unstarted.size());
                pause();
            } catch (RuntimeException e) {
                log.warn("Event loop could not claim work, retrying, node={} reason={}",
                        nodeId, e.getMessage());
                pause();
            }
        }
    }

    /**
     * Processes a claimed batch. When the store goes away, the events not yet done are noted
     * so that the loop can give them back once it returns, rather than leave them until their
     * leases run out.
     */
    private void processBatch(List<EventQueue.Event> events, List<String> unstarted) {
        for (int i = 0; i < events.size(); i++) {
            try {
                processOne(events.get(i));
            } catch (StoreUnavailableException e) {
                events.subList(i, events.size()).forEach(event -> unstarted.add(event.id()));
                throw e;
            }
        }
    }

    private void processOne(EventQueue.Event event) {
        try {
            processor.process(event);
            processed.increment();
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            logFailure(event, e);
            (event.attempts() >= MAX_ATTEMPTS ? failed : retried).increment();
            try {
                queue.retryLater(event, e.toString(), MAX_ATTEMPTS, 2_000L * event.attempts());
            } catch (RuntimeException retryFailure) {
                // The lease runs out and the event is claimed again; nothing is lost.
                log.warn("Could not reschedule event, its lease will expire instead, event={} "
                        + "reason={}", event.id(), retryFailure.getMessage());
            }
        }
    }

    /** A retry is a degradation; the last attempt leaves rules undone, which needs a person. */
    private void logFailure(EventQueue.Event event, RuntimeException e) {
        if (event.attempts() >= MAX_ATTEMPTS) {
            log.error("Event failed for the last time; its message is stored but its workflows "
                    + "did not run, event={} type={} attempts={}", event.id(), event.type(),
                    event.attempts(), e);
        } else {
            log.warn("Event failed, will retry, event={} type={} attempt={} maxAttempts={}",
                    event.id(), event.type(), event.attempts(), MAX_ATTEMPTS, e);
        }
    }

    /** Sends due webhooks and fires due follow-ups: both are timed work found by polling. */
    private void webhookLoop() {
        while (running) {
            try {
                int done = deliverer.deliverDue(BATCH) + followUps.fireDue(BATCH);
                if (done == 0) {
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (StoreUnavailableException e) {
                log.debug("Webhook loop waits for the store, node={}", nodeId);
                pause();
            } catch (RuntimeException e) {
                log.warn("Webhook loop failed, retrying, node={} reason={}", nodeId,
                        e.getMessage());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
