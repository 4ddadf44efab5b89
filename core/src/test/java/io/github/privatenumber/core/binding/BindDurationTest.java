package io.github.privatenumber.core.binding;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BindDurationTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 60, 61, 7200, 7_775_999, 7_776_000})
    void acceptsZeroAndTheRange(long seconds) {
        BindDuration d = BindDuration.ofSeconds(seconds);
        assertEquals(seconds, d.seconds());
        assertEquals((int) seconds, d.wireValue());
        assertEquals(seconds == 0, d.isUnlimited());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 59, 7_776_001, -1, -60, Long.MAX_VALUE, Long.MIN_VALUE})
    void rejectsTheRest(long seconds) {
        assertInvalid("duration", () -> BindDuration.ofSeconds(seconds));
        assertInvalid("ybDuration", () -> BindDuration.ofSeconds("ybDuration", seconds));
    }

    @Test
    void zeroMeansNoLimit() {
        assertTrue(BindDuration.NEVER.isUnlimited());
        assertEquals(BindDuration.NEVER, BindDuration.UNTIL_AX_ENDS);
        assertEquals(BindDuration.NEVER, BindDuration.ofSeconds(0));
        assertEquals(Optional.empty(), BindDuration.NEVER.toDuration());
        assertEquals(Optional.of(Duration.ofHours(2)), BindDuration.ofSeconds(7200).toDuration());
    }

    @Test
    void fromJavaDuration() {
        assertEquals(BindDuration.ofSeconds(120), BindDuration.of(Duration.ofMinutes(2)));
        assertEquals(BindDuration.NEVER, BindDuration.of(Duration.ZERO));
        assertEquals(BindDuration.ofSeconds(7_776_000), BindDuration.of(Duration.ofDays(90)));
        assertInvalid("duration", () -> BindDuration.of(Duration.ofMillis(60_500)));
        assertInvalid("duration", () -> BindDuration.of(Duration.ofSeconds(59)));
        assertInvalid("duration", () -> BindDuration.of(Duration.ofDays(91)));
        assertInvalid("duration", () -> BindDuration.of(Duration.ofMinutes(-5)));
        assertInvalid("duration", () -> BindDuration.of(null));
        assertInvalid("ybDuration", () -> BindDuration.of("ybDuration", Duration.ofNanos(1)));
    }

    @Test
    void toStringShowsSeconds() {
        assertEquals("7200s", BindDuration.ofSeconds(7200).toString());
        assertFalse(BindDuration.ofSeconds(60).isUnlimited());
    }
}
