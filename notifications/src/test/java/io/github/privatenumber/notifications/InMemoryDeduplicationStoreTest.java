package io.github.privatenumber.notifications;

import static io.github.privatenumber.notifications.DeduplicationStore.Claim.CLAIMED;
import static io.github.privatenumber.notifications.DeduplicationStore.Claim.DELIVERED;
import static io.github.privatenumber.notifications.DeduplicationStore.Claim.IN_PROGRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryDeduplicationStoreTest {

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2024-05-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();

    @Test
    void claimConfirmRelease() {
        InMemoryDeduplicationStore store = InMemoryDeduplicationStore.of(10, Duration.ofHours(1), clock);
        assertEquals(CLAIMED, store.tryClaim("a"));
        assertEquals(IN_PROGRESS, store.tryClaim("a"));
        store.release("a");
        assertEquals(CLAIMED, store.tryClaim("a"), "a released claim can be taken again");
        store.confirm("a");
        assertEquals(DELIVERED, store.tryClaim("a"));
        assertEquals(1, store.size());
        assertEquals(0, store.claimedCount());
    }

    @Test
    void theDefaultsCoverTheWholeRepushSchedule() {
        long scheduleMinutes = 1 + 4 + 9 + 106 + 203 + 300;
        assertEquals(623, scheduleMinutes);
        assertTrue(InMemoryDeduplicationStore.DEFAULT_MAX_AGE.compareTo(Duration.ofMinutes(scheduleMinutes)) > 0);
        InMemoryDeduplicationStore store = InMemoryDeduplicationStore.create();
        assertEquals(100_000, store.maxEntries());
        assertEquals(Duration.ofHours(12), store.maxAge());
    }

    @Test
    void aConfirmedKeyIsRememberedForMaxAge() {
        InMemoryDeduplicationStore store = InMemoryDeduplicationStore.of(10, InMemoryDeduplicationStore.DEFAULT_MAX_AGE, clock);
        store.tryClaim("cdr:1");
        store.confirm("cdr:1");
        clock.now = clock.now.plus(Duration.ofMinutes(623)).plusSeconds(59);
        assertEquals(DELIVERED, store.tryClaim("cdr:1"), "the last re-push is still recognised");
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertEquals(CLAIMED, store.tryClaim("cdr:1"), "forgotten after 12 hours");
    }

    @Test
    void whenFullTheOldestConfirmedKeyGoesFirstAndClaimsStay() {
        InMemoryDeduplicationStore store = InMemoryDeduplicationStore.of(3, Duration.ofHours(1), clock);
        assertEquals(CLAIMED, store.tryClaim("held"));
        for (String k : new String[] {"a", "b", "c", "d"}) {
            store.tryClaim(k);
            store.confirm(k);
            clock.now = clock.now.plusSeconds(1);
        }
        assertEquals(3, store.size());
        assertEquals(1, store.evictedEarly());
        assertEquals(CLAIMED, store.tryClaim("a"), "the oldest was forgotten");
        assertEquals(DELIVERED, store.tryClaim("d"));
        assertEquals(IN_PROGRESS, store.tryClaim("held"), "a claim in flight is never evicted");
    }

    @Test
    void atMostOneOfManyConcurrentClaimsWins() throws Exception {
        InMemoryDeduplicationStore store = InMemoryDeduplicationStore.create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int round = 0; round < 200; round++) {
            String key = "k" + round;
            CountDownLatch start = new CountDownLatch(1);
            ConcurrentLinkedQueue<DeduplicationStore.Claim> results = new ConcurrentLinkedQueue<>();
            CountDownLatch done = new CountDownLatch(8);
            for (int i = 0; i < 8; i++) {
                pool.execute(() -> {
                    try {
                        start.await();
                        results.add(store.tryClaim(key));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
            }
            start.countDown();
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(1, results.stream().filter(c -> c == CLAIMED).count());
        }
        pool.shutdownNow();
    }

    @Test
    void arguments() {
        assertThrows(InvalidValueException.class, () -> InMemoryDeduplicationStore.of(0, Duration.ofHours(1)));
        assertThrows(InvalidValueException.class, () -> InMemoryDeduplicationStore.of(1, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> InMemoryDeduplicationStore.of(1, null));
        assertThrows(NullPointerException.class, () -> InMemoryDeduplicationStore.create().tryClaim(null));
    }
}
