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
 *
 * <p>The offset is bounded ({@link #MAX_ADVANCE} per step, {@link #MAX_OFFSET} in total) so that platform
 * time, and every expiry computed from it (at most a few months further), stays far inside the range of
 * {@link Instant}: no later arithmetic can overflow.
 */
public final class PlatformClock extends Clock {

    /** The largest single step of {@link #advance(Duration)}: 3653 days (ten years). */
    public static final Duration MAX_ADVANCE = Duration.ofDays(3653);
    /** How far platform time may run ahead of the base clock in total: 36525 days (a hundred years). */
    public static final Duration MAX_OFFSET = Duration.ofDays(36_525);

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /**
     * @param base the clock that real time comes from
     */
    public PlatformClock(Clock base) {
        this.base = base;
    }

    /**
     * @param amount how far to move platform time forward: 0 to {@link #MAX_ADVANCE}, and the total offset
     *     may not pass {@link #MAX_OFFSET}
     * @return the new platform time
     * @throws IllegalArgumentException when {@code amount} is out of range; the clock is then unchanged
     */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the platform clock only moves forward: the amount must not be negative");
        }
        if (amount.compareTo(MAX_ADVANCE) > 0) {
            throw new IllegalArgumentException("the platform clock moves at most " + MAX_ADVANCE.toDays()
                    + " days (ten years) at a time");
        }
        while (true) {
            Duration current = offset.get();
            Duration next = current.plus(amount); // both at most 100 years: cannot overflow
            if (next.compareTo(MAX_OFFSET) > 0) {
                throw new IllegalArgumentException("the platform clock may run at most " + MAX_OFFSET.toDays()
                        + " days (a hundred years) ahead of real time; reset the simulator first");
            }
            if (offset.compareAndSet(current, next)) {
                return instant();
            }
        }
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
