package io.github.privatenumber.simulator.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The platform's time formats; everything is UTC. */
public final class Times {

    /** {@code yyyy-MM-dd HH:mm:ss} in UTC: subscribeTime, event timestamps, CDR times. */
    public static final DateTimeFormatter PLATFORM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    /**
     * @param instant a point in time
     * @return it as {@code yyyy-MM-dd HH:mm:ss} UTC
     */
    public static String platform(Instant instant) {
        return PLATFORM.format(instant);
    }

    /**
     * @param instant a point in time
     * @return it as {@code yyyyMMddHHmmss} UTC (used inside generated identifiers)
     */
    public static String compact(Instant instant) {
        return COMPACT.format(instant);
    }
}
