package io.github.privatenumber.signing;

import static io.github.privatenumber.signing.ReplayGuard.Admission.FIRST_USE;
import static io.github.privatenumber.signing.ReplayGuard.Admission.FULL;
import static io.github.privatenumber.signing.ReplayGuard.Admission.REPLAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void secondUseIsAReplayPerAppKey() {
        ReplayGuard guard = new ReplayGuard(10);
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        assertEquals(FIRST_USE, guard.admit("app", "n1", now.plus(WINDOW), now));
        assertEquals(REPLAY, guard.admit("app", "n1", now.plus(WINDOW), now));
        assertEquals(FIRST_USE, guard.admit("other", "n1", now.plus(WINDOW), now));
        assertEquals(FIRST_USE, guard.admit("app", "n2", now.plus(WINDOW), now));
        // no ambiguity between (app key, nonce) pairs that concatenate alike
        assertEquals(FIRST_USE, guard.admit("ap", "pn1", now.plus(WINDOW), now));
        assertEquals(4, guard.size());
        assertEquals(0, guard.refusals());
    }

    @Test
    void entriesLiveUntilTheirExpiryInclusiveWithAMovingClock() {
        ReplayGuard guard = new ReplayGuard(10);
        TestClock clock = TestClock.at("2024-01-01T00:00:00Z");
        Instant expiry = clock.instant().plus(WINDOW);
        assertEquals(FIRST_USE, guard.admit("app", "n", expiry, clock.instant()));
        clock.advance(Duration.ofMinutes(4));
        assertEquals(REPLAY, guard.admit("app", "n", expiry, clock.instant()));
        clock.set(expiry);
        assertEquals(REPLAY, guard.admit("app", "n", expiry, clock.instant()), "still protected at the last valid instant");
        clock.advance(Duration.ofNanos(1));
        assertEquals(FIRST_USE, guard.admit("app", "other", clock.instant().plus(WINDOW), clock.instant()));
        assertEquals(1, guard.size(), "the expired nonce was purged");
    }

    @Test
    void alreadyExpiredIsNotRecorded() {
        ReplayGuard guard = new ReplayGuard(10);
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        assertEquals(FIRST_USE, guard.admit("app", "n", now.minusSeconds(1), now));
        assertEquals(FIRST_USE, guard.admit("app", "n", now.minusSeconds(1), now));
        assertEquals(0, guard.size());
    }

    @Test
    void whenFullANewNonceIsRefusedAndNoRememberedNonceIsForgotten() {
        ReplayGuard guard = new ReplayGuard(2);
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        assertEquals(FIRST_USE, guard.admit("app", "n1", now.plus(WINDOW), now));
        assertEquals(FIRST_USE, guard.admit("app", "n2", now.plus(WINDOW), now));
        assertEquals(FULL, guard.admit("app", "n3", now.plus(WINDOW), now));
        assertEquals(1, guard.refusals());
        // the refused nonce was not remembered: once there is room it is a first use
        assertEquals(REPLAY, guard.admit("app", "n1", now.plus(WINDOW), now));
        assertEquals(REPLAY, guard.admit("app", "n2", now.plus(WINDOW), now));
        assertEquals(2, guard.size());
        Instant later = now.plus(WINDOW).plusNanos(1);
        assertEquals(FIRST_USE, guard.admit("app", "n3", later.plus(WINDOW), later));
        assertEquals(1, guard.size());
    }

    @Test
    void aReplayInsideTheWindowIsNeverAcceptedWhateverTheTraffic() {
        // property: for random traffic (several apps, random expiries, random replays, a moving clock), a nonce
        // accepted once is never accepted again before it expires, and the guard never holds more than allowed
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            int capacity = 1 + random.nextInt(50);
            int perApp = 1 + random.nextInt(capacity);
            ReplayGuard guard = new ReplayGuard(capacity, perApp);
            Map<String, Instant> accepted = new HashMap<>();
            Instant now = Instant.parse("2024-01-01T00:00:00Z");
            for (int i = 0; i < 2_000; i++) {
                now = now.plusMillis(random.nextInt(500));
                String app = "app" + random.nextInt(3);
                String nonce = "n" + random.nextInt(300);
                Instant expiresAt = now.plusSeconds(random.nextInt(120));
                ReplayGuard.Admission a = guard.admit(app, nonce, expiresAt, now);
                Instant before = accepted.get(app + "/" + nonce);
                if (before != null && !before.isBefore(now)) {
                    assertEquals(REPLAY, a, "replay of a live nonce accepted at step " + i);
                }
                if (a == FIRST_USE) {
                    accepted.put(app + "/" + nonce, expiresAt);
                }
                assertTrue(guard.size() <= capacity);
            }
        }
    }

    @Test
    void staysBoundedUnderThreeTimesCapacityAndRefusesTheSurplus() {
        int capacity = 1_000;
        ReplayGuard guard = new ReplayGuard(capacity);
        TestClock clock = TestClock.at("2024-01-01T00:00:00Z");
        for (int i = 0; i < 3 * capacity; i++) {
            // all inside the window: the clock moves by 10 ms per request, the window is 5 minutes
            clock.advance(Duration.ofMillis(10));
            ReplayGuard.Admission a = guard.admit("app", "n" + i, clock.instant().plus(WINDOW), clock.instant());
            assertEquals(i < capacity ? FIRST_USE : FULL, a, "n" + i);
        }
        assertEquals(capacity, guard.size());
        assertEquals(2L * capacity, guard.refusals());
        Instant now = clock.instant();
        // the first thousand are still known
        for (int i = 0; i < capacity; i++) {
            assertEquals(REPLAY, guard.admit("app", "n" + i, now.plus(WINDOW), now), "n" + i);
        }
    }

    @Test
    void expiredEntriesMakeRoomBeforeAnyRefusal() {
        ReplayGuard guard = new ReplayGuard(10);
        TestClock clock = TestClock.at("2024-01-01T00:00:00Z");
        for (int i = 0; i < 10; i++) {
            guard.admit("app", "a" + i, clock.instant().plusSeconds(1), clock.instant());
        }
        clock.advance(Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            assertEquals(FIRST_USE, guard.admit("app", "b" + i, clock.instant().plusSeconds(1), clock.instant()));
        }
        assertEquals(0, guard.refusals());
        assertEquals(10, guard.size());
    }

    @Test
    void oneAppCannotFillAnotherAppsShare() {
        ReplayGuard guard = new ReplayGuard(4, 2);
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        Instant until = now.plus(WINDOW);
        assertEquals(FIRST_USE, guard.admit("busy", "1", until, now));
        assertEquals(FIRST_USE, guard.admit("busy", "2", until, now));
        assertEquals(FULL, guard.admit("busy", "3", until, now));
        assertEquals(FIRST_USE, guard.admit("quiet", "1", until, now));
        assertEquals(FIRST_USE, guard.admit("quiet", "2", until, now));
        assertEquals(FULL, guard.admit("third", "1", until, now), "the total capacity still bounds memory");
        assertEquals(REPLAY, guard.admit("busy", "1", until, now));
        // the shares are freed as nonces expire
        Instant later = until.plusNanos(1);
        assertEquals(FIRST_USE, guard.admit("busy", "3", later.plus(WINDOW), later));
        assertEquals(FIRST_USE, guard.admit("third", "1", later.plus(WINDOW), later));
        assertEquals(2, guard.size());
    }

    @Test
    void validatesArguments() {
        assertEquals("replayCapacity", assertThrows(InvalidValueException.class, () -> new ReplayGuard(0)).field());
        assertEquals("replayCapacityPerApp", assertThrows(InvalidValueException.class, () -> new ReplayGuard(2, 3)).field());
        assertEquals("replayCapacityPerApp", assertThrows(InvalidValueException.class, () -> new ReplayGuard(2, 0)).field());
        assertEquals(ReplayGuard.DEFAULT_CAPACITY, new ReplayGuard().capacity());
        assertEquals(ReplayGuard.DEFAULT_CAPACITY, new ReplayGuard().perAppCapacity());
        ReplayGuard guard = new ReplayGuard(1);
        Instant now = Instant.EPOCH;
        assertEquals("appKey", assertThrows(InvalidValueException.class, () -> guard.admit(null, "n", now, now)).field());
        assertEquals("nonce", assertThrows(InvalidValueException.class, () -> guard.admit("a", null, now, now)).field());
        assertEquals("expiresAt", assertThrows(InvalidValueException.class, () -> guard.admit("a", "n", null, now)).field());
        assertEquals("now", assertThrows(InvalidValueException.class, () -> guard.admit("a", "n", now, null)).field());
    }

    @org.junit.jupiter.api.Test
    void evictOldestNeverRefusesButForgetsTheNonceClosestToExpiry() {
        java.time.Instant now = java.time.Instant.parse("2026-12-03T10:00:00Z");
        ReplayGuard guard = new ReplayGuard(2, 2, ReplayGuard.Overflow.EVICT_OLDEST);
        org.junit.jupiter.api.Assertions.assertEquals(ReplayGuard.Admission.FIRST_USE, guard.admit("app", "n1", now.plusSeconds(10), now));
        org.junit.jupiter.api.Assertions.assertEquals(ReplayGuard.Admission.FIRST_USE, guard.admit("app", "n2", now.plusSeconds(20), now));
        org.junit.jupiter.api.Assertions.assertEquals(ReplayGuard.Admission.FIRST_USE, guard.admit("app", "n3", now.plusSeconds(30), now));
        org.junit.jupiter.api.Assertions.assertEquals(1, guard.evictions());
        org.junit.jupiter.api.Assertions.assertEquals(2, guard.size());
        org.junit.jupiter.api.Assertions.assertEquals(ReplayGuard.Admission.REPLAY, guard.admit("app", "n3", now.plusSeconds(30), now));
        org.junit.jupiter.api.Assertions.assertEquals(ReplayGuard.Admission.REPLAY, guard.admit("app", "n2", now.plusSeconds(20), now));
        // n1 was forgotten to make room: the documented price of EVICT_OLDEST
        org.junit.jupiter.api.Assertions.assertEquals(ReplayGuard.Admission.FIRST_USE, guard.admit("app", "n1", now.plusSeconds(10), now));
        org.junit.jupiter.api.Assertions.assertEquals(0, guard.refusals());
    }

    @org.junit.jupiter.api.Test
    void evictOldestCannotBeCombinedWithAPerAppShare() {
        org.junit.jupiter.api.Assertions.assertThrows(io.github.privatenumber.core.InvalidValueException.class,
                () -> new ReplayGuard(10, 5, ReplayGuard.Overflow.EVICT_OLDEST));
    }
}
