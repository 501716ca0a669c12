package dev.actionbox.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a token id): {@code perMinute} requests may come at once, and the
 * bucket refills evenly over a minute. Thread-safe.
 *
 * <p>Limitation: buckets live in this node's memory, so with several nodes behind one
 * address a token may make up to nodes × limit requests a minute; a shared limit would need
 * the store or a cache that all nodes reach, on every request.
 */
public final class RateLimiter {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    RateLimiter(int perMinute, LongSupplier nanoClock) {
        this.perMinute = perMinute;
        this.nanoClock = nanoClock;
    }

    /**
     * Takes one request from the key's bucket.
     *
     * @return 0 when the request may go ahead, else the seconds until one more is allowed
     */
    public long acquire(String key) {
        if (perMinute == 0) {
            return 0;
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, nanoClock));
        return bucket.take();
    }

    private static final class Bucket {
        private final int capacity;
        private final LongSupplier clock;
        private double available;
        private long refilledAt;

        Bucket(int capacity, LongSupplier clock) {
            this.capacity = capacity;
            this.clock = clock;
            this.available = capacity;
            this.refilledAt = clock.getAsLong();
        }

        synchronized long take() {
            long now = clock.getAsLong();
            double perNano = (double) capacity / MINUTE_NANOS;
            available = Math.min(capacity, available + (now - refilledAt) * perNano);
            refilledAt = now;
            if (available >= 1) {
                available -= 1;
                return 0;
            }
            double waitNanos = (1 - available) / perNano;
            return Math.max(1, (long) Math.ceil(waitNanos / 1_000_000_000d));
        }
    }
}
