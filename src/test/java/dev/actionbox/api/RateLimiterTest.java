package dev.actionbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void acquire_withinLimit_allowsABurstOfTheWholeMinute() {
        RateLimiter limiter = new RateLimiter(60, nanos::get);

        for (int i = 0; i < 60; i++) {
            assertThat(limiter.acquire("tok_a")).isZero();
        }
        assertThat(limiter.acquire("tok_a")).isEqualTo(1);
    }

    @Test
    void acquire_afterWaiting_refillsEvenly() {
        RateLimiter limiter = new RateLimiter(60, nanos::get);
        for (int i = 0; i < 60; i++) {
            limiter.acquire("tok_a");
        }

        nanos.addAndGet(2_000_000_000L);

        assertThat(limiter.acquire("tok_a")).isZero();
        assertThat(limiter.acquire("tok_a")).isZero();
        assertThat(limiter.acquire("tok_a")).isPositive();
    }

    @Test
    void acquire_otherKey_hasItsOwnBucket() {
        RateLimiter limiter = new RateLimiter(1, nanos::get);

        assertThat(limiter.acquire("tok_a")).isZero();
        assertThat(limiter.acquire("tok_a")).isEqualTo(60);
        assertThat(limiter.acquire("tok_b")).isZero();
    }

    @Test
    void acquire_limitZero_neverLimits() {
        RateLimiter limiter = new RateLimiter(0, nanos::get);

        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.acquire("tok_a")).isZero();
        }
    }
}
