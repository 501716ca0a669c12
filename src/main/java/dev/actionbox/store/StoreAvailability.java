package dev.actionbox.store;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store answers, as the node's last calls saw it. An outage is logged once when it
 * starts and once when it ends, not on every failed call. While it lasts, a probe opens a
 * fresh connection a few times a second, outside the pool; when one succeeds the pool is told
 * to start over, so the node serves again well within a second or two of the database's
 * return. Thread-safe.
 */
final class StoreAvailability implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreAvailability.class);
    static final long PROBE_MILLIS = 250;

    private final String url;
    private final BooleanSupplier databaseAnswers;
    private final Runnable onReturn;
    private final AtomicLong downSince = new AtomicLong();
    private final ScheduledExecutorService prober;

    /**
     * @param databaseAnswers opens a connection outside the pool; null when there is nothing
     *     to probe (SQLite is a local file)
     * @param onReturn called by the probe when the database answers again
     */
    StoreAvailability(String url, BooleanSupplier databaseAnswers, Runnable onReturn) {
        this.url = url;
        this.databaseAnswers = databaseAnswers;
        this.onReturn = onReturn;
        this.prober = databaseAnswers == null ? null
                : Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "actionbox-store-probe");
                    thread.setDaemon(true);
                    return thread;
                });
        if (prober != null) {
            prober.scheduleWithFixedDelay(this::probe, PROBE_MILLIS, PROBE_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Records that a call could not reach the store; logs when this starts an outage. */
    void down(Throwable cause) {
        if (downSince.compareAndSet(0, System.currentTimeMillis())) {
            log.warn("Store unavailable; SMTP answers 451 and the API 503 until it answers "
                    + "again, url={} reason={}", url, Store.rootMessage(cause));
        }
    }

    /** Records that a call reached the store; logs when this ends an outage. */
    void up() {
        if (downSince.get() == 0) {
            return;
        }
        long since = downSince.getAndSet(0);
        if (since != 0) {
            log.info("Store available again, url={} unavailableMs={}", url,
                    System.currentTimeMillis() - since);
        }
    }

    boolean isDown() {
        return downSince.get() != 0;
    }

    /** Runs on the probe thread; must not throw, or the schedule stops. */
    private void probe() {
        if (!isDown()) {
            return;
        }
        try {
            if (databaseAnswers.getAsBoolean()) {
                onReturn.run();
                up();
            }
        } catch (RuntimeException e) {
            log.warn("Store probe failed, retrying, url={} reason={}", url, e.toString());
        }
    }

    /** Runs a task on the probe thread after a delay; at once when there is no probe thread. */
    void later(Runnable task, long delayMillis) {
        if (prober == null) {
            task.run();
        } else {
            prober.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        if (prober != null) {
            prober.shutdownNow();
        }
    }
}
