package io.github.privatenumber.simulator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The platform's clock: a base clock plus an offset that only moves forward ({@link #advance(Duration)}).
 * Binding expiry, call times and recording ages use it; authentication uses the real clock instead, so that
 * moving platform time never makes a freshly signed request stale. Thread-safe.
 */
public final class PlatformClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /**
     * @param base the clock that real time comes from
     */
    public PlatformClock(Clock base) {
        this.base = base;
    }

    /**
     * @param amount how far to move platform time forward; must not be negative
     * @return the new platform time
     */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the platform clock only moves forward");
        }
        offset.accumulateAndGet(amount, Duration::plus);
        return instant();
    }

    /** Puts platform time back onto the base clock. */
    public void resetOffset() {
        offset.set(Duration.ZERO);
    }

    /** @return how far platform time is ahead of the base clock */
    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the platform clock is always UTC");
    }
}
