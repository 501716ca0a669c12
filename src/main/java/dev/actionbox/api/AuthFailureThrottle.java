package dev.actionbox.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts requests with a wrong token per client address in one-minute windows; an address
 * that reached the limit gets 429 until its window ends, which makes guessing tokens slow
 * without locking out the owner of a valid token for long. Thread-safe.
 *
 * <p>Limitation: the address is the TCP peer's. Behind a reverse proxy every client shares
 * the proxy's address; the fix would be a setting naming trusted proxies whose
 * X-Forwarded-For is believed. Counts live in this node's memory.
 */
public final class AuthFailureThrottle {

    private static final long WINDOW_MILLIS = 60_000;
    /** Past this many addresses, expired windows are swept so the map cannot grow forever. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int perMinute;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public AuthFailureThrottle(int perMinute) {
        this(perMinute, System::currentTimeMillis);
    }

    AuthFailureThrottle(int perMinute, LongSupplier clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** @return 0 when the address may try a token, else the seconds until it may again */
    public long blockedFor(String address) {
        if (perMinute == 0) {
            return 0;
        }
        Window window = windows.get(address);
        long now = clock.getAsLong();
        if (window == null || window.endsAt() <= now || window.failures() < perMinute) {
            return 0;
        }
        return Math.max(1, (window.endsAt() - now + 999) / 1000);
    }

    public void recordFailure(String address) {
        if (perMinute == 0) {
            return;
        }
        long now = clock.getAsLong();
        windows.compute(address, (k, w) -> w == null || w.endsAt() <= now
                ? new Window(now + WINDOW_MILLIS, 1) : new Window(w.endsAt(), w.failures() + 1));
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(w -> w.endsAt() <= now);
        }
    }

    private record Window(long endsAt, int failures) {
    }
}
