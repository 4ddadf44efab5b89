package io.github.privatenumber.core.binding;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a binding lives, in whole seconds, as the platform's {@code duration} (AX and its YB) and
 * {@code ybDuration} (YB only) take it: {@code 0} means no limit ({@link #NEVER} for {@code duration},
 * {@link #UNTIL_AX_ENDS} for {@code ybDuration}, the same value), anything else lies between
 * {@value #MIN_SECONDS} seconds and {@value #MAX_SECONDS} seconds (90 days). Immutable and thread-safe.
 *
 * @param seconds {@code 0}, or {@value #MIN_SECONDS}–{@value #MAX_SECONDS}
 */
public record BindDuration(long seconds) {

    /** The shortest limited duration: one minute. */
    public static final long MIN_SECONDS = 60;
    /** The longest limited duration: 90 days. */
    public static final long MAX_SECONDS = 7_776_000;

    /** {@code duration = 0}: the binding never expires. */
    public static final BindDuration NEVER = new BindDuration(0);
    /** {@code ybDuration = 0}: the YB binding lives as long as its AX binding; equal to {@link #NEVER}. */
    public static final BindDuration UNTIL_AX_ENDS = NEVER;

    /**
     * @param seconds as documented on the record
     * @throws InvalidValueException naming {@code duration} unless {@code seconds} is {@code 0} or
     *     {@value #MIN_SECONDS}–{@value #MAX_SECONDS}
     */
    public BindDuration {
        check("duration", seconds);
    }

    /**
     * @param seconds {@code 0} for no limit, or {@value #MIN_SECONDS}–{@value #MAX_SECONDS}
     * @return the duration
     * @throws InvalidValueException as the constructor
     */
    public static BindDuration ofSeconds(long seconds) {
        return new BindDuration(seconds);
    }

    /**
     * @param field the field name to report in errors, {@code duration} or {@code ybDuration}
     * @param seconds {@code 0} for no limit, or {@value #MIN_SECONDS}–{@value #MAX_SECONDS}
     * @return the duration
     * @throws InvalidValueException as the constructor, naming {@code field}; naming {@code field} itself if
     *     {@code field} is {@code null} or blank
     */
    public static BindDuration ofSeconds(String field, long seconds) {
        check(Checks.fieldName(field), seconds);
        return new BindDuration(seconds);
    }

    /**
     * @param duration {@link Duration#ZERO} for no limit, or a whole number of seconds in range
     * @return the duration
     * @throws InvalidValueException naming {@code duration} if {@code duration} is {@code null}, negative,
     *     has a fraction of a second, or is out of range
     */
    public static BindDuration of(Duration duration) {
        return of("duration", duration);
    }

    /**
     * @param field the field name to report in errors, {@code duration} or {@code ybDuration}
     * @param duration {@link Duration#ZERO} for no limit, or a whole number of seconds in range
     * @return the duration
     * @throws InvalidValueException as {@link #of(Duration)}, naming {@code field}; naming {@code field} itself
     *     if {@code field} is {@code null} or blank
     */
    public static BindDuration of(String field, Duration duration) {
        Checks.required(Checks.fieldName(field), duration);
        if (duration.getNano() != 0) {
            throw new InvalidValueException(field, "must be a whole number of seconds, got " + duration);
        }
        return ofSeconds(field, duration.getSeconds());
    }

    private static void check(String field, long seconds) {
        if (seconds != 0 && (seconds < MIN_SECONDS || seconds > MAX_SECONDS)) {
            throw new InvalidValueException(field, "must be 0 (no limit) or " + MIN_SECONDS + "-" + MAX_SECONDS
                    + " seconds, got " + seconds);
        }
    }

    /**
     * @return {@code true} for {@code 0}: no limit of its own
     */
    public boolean isUnlimited() {
        return seconds == 0;
    }

    /**
     * @return the limit as a {@link Duration}; empty when {@linkplain #isUnlimited() unlimited}
     */
    public Optional<Duration> toDuration() {
        return isUnlimited() ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    /**
     * @return the seconds as the platform takes them (an int on the wire)
     */
    public int wireValue() {
        return (int) seconds;
    }

    @Override
    public String toString() {
        return seconds + "s";
    }
}
