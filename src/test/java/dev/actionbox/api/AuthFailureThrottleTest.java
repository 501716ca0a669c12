package dev.actionbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthFailureThrottleTest {

    private final AtomicLong millis = new AtomicLong(1_000_000);

    @Test
    void blockedFor_afterLimitFailures_blocksUntilTheWindowEnds() {
        AuthFailureThrottle throttle = new AuthFailureThrottle(3, millis::get);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.blockedFor("10.0.0.1")).isZero();
            throttle.recordFailure("10.0.0.1");
        }

        long blocked = throttle.blockedFor("10.0.0.1");
        millis.addAndGet(60_000);

        assertThat(blocked).isEqualTo(60);
        assertThat(throttle.blockedFor("10.0.0.1")).isZero();
    }

    @Test
    void blockedFor_otherAddress_notBlocked() {
        AuthFailureThrottle throttle = new AuthFailureThrottle(1, millis::get);

        throttle.recordFailure("10.0.0.1");

        assertThat(throttle.blockedFor("10.0.0.1")).isPositive();
        assertThat(throttle.blockedFor("10.0.0.2")).isZero();
    }
}
