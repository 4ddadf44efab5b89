package io.github.privatenumber.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void secondUseIsAReplayPerAppKey() {
        ReplayGuard guard = new ReplayGuard(10);
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        assertTrue(guard.firstUse("app", "n1", now.plus(WINDOW), now));
        assertFalse(guard.firstUse("app", "n1", now.plus(WINDOW), now));
        assertTrue(guard.firstUse("other", "n1", now.plus(WINDOW), now));
        assertTrue(guard.firstUse("app", "n2", now.plus(WINDOW), now));
        // no ambiguity between (app key, nonce) pairs that concatenate alike
        assertTrue(guard.firstUse("ap", "pn1", now.plus(WINDOW), now));
        assertEquals(4, guard.size());
        assertEquals(0, guard.evictions());
    }

    @Test
    void entriesLiveUntilTheirExpiryInclusiveWithAMovingClock() {
        ReplayGuard guard = new ReplayGuard(10);
        TestClock clock = TestClock.at("2024-01-01T00:00:00Z");
        Instant expiry = clock.instant().plus(WINDOW);
        assertTrue(guard.firstUse("app", "n", expiry, clock.instant()));
        clock.advance(Duration.ofMinutes(4));
        assertFalse(guard.firstUse("app", "n", expiry, clock.instant()));
        clock.set(expiry);
        assertFalse(guard.firstUse("app", "n", expiry, clock.instant()), "still protected at the last valid instant");
        clock.advance(Duration.ofNanos(1));
        assertTrue(guard.firstUse("app", "other", clock.instant().plus(WINDOW), clock.instant()));
        assertEquals(1, guard.size(), "the expired nonce was purged");
        assertEquals(0, guard.evictions(), "expiry is not eviction");
    }

    @Test
    void alreadyExpiredIsNotRecorded() {
        ReplayGuard guard = new ReplayGuard(10);
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        assertTrue(guard.firstUse("app", "n", now.minusSeconds(1), now));
        assertTrue(guard.firstUse("app", "n", now.minusSeconds(1), now));
        assertEquals(0, guard.size());
    }

    @Test
    void staysBoundedUnderThreeTimesCapacityAndEvictsClosestToExpiryFirst() {
        int capacity = 1_000;
        ReplayGuard guard = new ReplayGuard(capacity);
        TestClock clock = TestClock.at("2024-01-01T00:00:00Z");
        Instant start = clock.instant();
        for (int i = 0; i < 3 * capacity; i++) {
            // all inside the window: the clock moves by 10 ms per request, the window is 5 minutes
            clock.advance(Duration.ofMillis(10));
            assertTrue(guard.firstUse("app", "n" + i, clock.instant().plus(WINDOW), clock.instant()));
            assertTrue(guard.size() <= capacity);
        }
        assertEquals(capacity, guard.size());
        assertEquals(2L * capacity, guard.evictions());
        Instant now = clock.instant();
        // the newest thousand are still known, the oldest were evicted
        for (int i = 2 * capacity; i < 3 * capacity; i++) {
            assertFalse(guard.firstUse("app", "n" + i, start.plus(WINDOW), now), "n" + i);
        }
        assertEquals(2L * capacity, guard.evictions());
        assertTrue(guard.firstUse("app", "n0", now.plus(WINDOW), now));
        assertEquals(capacity, guard.size());
    }

    @Test
    void evictsByExpiryNotByArrival() {
        ReplayGuard guard = new ReplayGuard(2);
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        assertTrue(guard.firstUse("app", "late", now.plusSeconds(100), now));
        assertTrue(guard.firstUse("app", "soon", now.plusSeconds(5), now));
        assertTrue(guard.firstUse("app", "middle", now.plusSeconds(50), now));
        assertEquals(1, guard.evictions());
        assertFalse(guard.firstUse("app", "late", now.plusSeconds(100), now));
        assertFalse(guard.firstUse("app", "middle", now.plusSeconds(50), now));
        assertEquals(1, guard.evictions());
    }

    @Test
    void expiredEntriesMakeRoomBeforeAnyEviction() {
        ReplayGuard guard = new ReplayGuard(10);
        TestClock clock = TestClock.at("2024-01-01T00:00:00Z");
        for (int i = 0; i < 10; i++) {
            guard.firstUse("app", "a" + i, clock.instant().plusSeconds(1), clock.instant());
        }
        clock.advance(Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            assertTrue(guard.firstUse("app", "b" + i, clock.instant().plusSeconds(1), clock.instant()));
        }
        assertEquals(0, guard.evictions());
        assertEquals(10, guard.size());
    }

    @Test
    void validatesArguments() {
        assertEquals("replayCapacity", assertThrows(InvalidValueException.class, () -> new ReplayGuard(0)).field());
        assertEquals(ReplayGuard.DEFAULT_CAPACITY, new ReplayGuard().capacity());
        ReplayGuard guard = new ReplayGuard(1);
        Instant now = Instant.EPOCH;
        assertThrows(NullPointerException.class, () -> guard.firstUse(null, "n", now, now));
        assertThrows(NullPointerException.class, () -> guard.firstUse("a", null, now, now));
        assertThrows(NullPointerException.class, () -> guard.firstUse("a", "n", null, now));
        assertThrows(NullPointerException.class, () -> guard.firstUse("a", "n", now, null));
    }
}
