package io.github.privatenumber.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The compact store against a plain model of its contract (the former implementation: a {@code LinkedHashMap} in
 * order of confirmation and a set of claims) over random operations: claims, confirmations (also of keys confirmed
 * before, which move to the young end), releases, a clock that moves forward by nanoseconds to hours and sometimes
 * steps back, keys of every shape (short, 530 characters, Latin-1, beyond Latin-1), small and large bounds.
 */
class InMemoryDeduplicationStoreModelTest {

    /** The reference. */
    static final class Model {
        final int maxEntries;
        final Duration maxAge;
        final LinkedHashMap<String, Instant> delivered = new LinkedHashMap<>();
        final Set<String> claimed = new HashSet<>();
        long evictedEarly;

        Model(int maxEntries, Duration maxAge) {
            this.maxEntries = maxEntries;
            this.maxAge = maxAge;
        }

        DeduplicationStore.Claim tryClaim(String key, Instant now) {
            expire(now);
            if (delivered.containsKey(key)) {
                return DeduplicationStore.Claim.DELIVERED;
            }
            return claimed.add(key) ? DeduplicationStore.Claim.CLAIMED : DeduplicationStore.Claim.IN_PROGRESS;
        }

        void confirm(String key, Instant now) {
            claimed.remove(key);
            delivered.remove(key);
            delivered.put(key, now);
            expire(now);
            while (delivered.size() > maxEntries) {
                Iterator<Map.Entry<String, Instant>> it = delivered.entrySet().iterator();
                it.next();
                it.remove();
                evictedEarly++;
            }
        }

        int size(Instant now) {
            expire(now);
            return delivered.size();
        }

        void expire(Instant now) {
            Instant oldest = now.minus(maxAge);
            Iterator<Map.Entry<String, Instant>> it = delivered.entrySet().iterator();
            while (it.hasNext()) {
                if (it.next().getValue().isAfter(oldest)) {
                    break;
                }
                it.remove();
            }
        }
    }

    private static String key(Random r, int pool) {
        int id = r.nextInt(pool);
        switch (id % 6) {
            case 0:
                return "event:" + "s".repeat(500) + id + "|disconnect|2024-05-01T00:00:00Z";
            case 1:
                return "cdr:ic\u00efd-" + id; // Latin-1, not ASCII
            case 2:
                return "cdr:\u4e2d\u6587-" + id; // beyond Latin-1
            case 3:
                return "cdr:" + id;
            default:
                return "event:1200_1827_" + id + "@callenabler246.huaweicaas.com|answer|2024-05-01T00:00:0" + (id % 10)
                        + "Z";
        }
    }

    @Test
    void answersLikeTheModelOverRandomOperations() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            InMemoryDeduplicationStoreTest.MutableClock clock = new InMemoryDeduplicationStoreTest.MutableClock();
            int maxEntries = 1 + random.nextInt(round % 4 == 0 ? 2_000 : 30);
            Duration maxAge = Duration.ofSeconds(1 + random.nextInt(round % 2 == 0 ? 600 : 5))
                    .plusMillis(random.nextInt(2) * random.nextInt(1000));
            InMemoryDeduplicationStore store = InMemoryDeduplicationStore.of(maxEntries, maxAge, clock);
            Model model = new Model(maxEntries, maxAge);
            int pool = 1 + random.nextInt(4 * maxEntries + 10);
            List<String> held = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                switch (random.nextInt(10)) {
                    case 0 -> clock.now = clock.now.plusNanos(random.nextInt(3));
                    case 1 -> clock.now = clock.now.plusSeconds(random.nextInt(60));
                    case 3 -> clock.now = clock.now.plusMillis(random.nextInt(1500));
                    case 2 -> {
                        if (random.nextInt(20) == 0) {
                            clock.now = clock.now.minusSeconds(random.nextInt(30)); // a clock that steps back
                        }
                    }
                    default -> {
                    }
                }
                String step = "round " + round + " step " + i;
                int op = random.nextInt(10);
                if (op < 5) {
                    String k = key(random, pool);
                    DeduplicationStore.Claim want = model.tryClaim(k, clock.now);
                    assertEquals(want, store.tryClaim(k), step);
                    if (want == DeduplicationStore.Claim.CLAIMED) {
                        held.add(k);
                    }
                } else if (op < 8 && !held.isEmpty()) {
                    String k = held.remove(random.nextInt(held.size()));
                    if (random.nextInt(5) == 0) {
                        model.claimed.remove(k);
                        store.release(k);
                    } else {
                        model.confirm(k, clock.now);
                        store.confirm(k);
                    }
                } else if (op == 8) {
                    // a confirmation without a claim, often of a key held already: it moves to the young end
                    String k = key(random, Math.max(1, pool / 4));
                    held.remove(k);
                    model.confirm(k, clock.now);
                    store.confirm(k);
                } else {
                    assertEquals(model.size(clock.now), store.size(), step);
                }
                assertEquals(model.claimed.size(), store.claimedCount(), step);
            }
            assertEquals(model.size(clock.now), store.size());
            assertEquals(model.evictedEarly, store.evictedEarly());
        }
    }

    @Test
    void keysConfirmedAgainAndAgainDoNotGrowTheRings() {
        DeliveredKeys keys = new DeliveredKeys(1);
        for (int i = 0; i < 200_000; i++) {
            String k = "cdr:" + (i % 3);
            keys.remove(k);
            keys.add(k, i, 0);
        }
        assertEquals(3, keys.size());
        assertTrue(keys.entries() <= 16, "entries in the ring: " + keys.entries());
        assertTrue(keys.bytes() <= 16 * 5, "bytes in the ring: " + keys.bytes());
    }

    @Test
    void holdsAndExpiresManyKeysInOrder() {
        DeliveredKeys keys = new DeliveredKeys(-7);
        int n = 300_000;
        for (int i = 0; i < n; i++) {
            keys.add("cdr:ba4a0f9b" + i, i, 0);
        }
        assertEquals(n, keys.size());
        for (int i = 0; i < n; i += 1_009) {
            assertTrue(keys.contains("cdr:ba4a0f9b" + i));
        }
        assertTrue(!keys.contains("cdr:ba4a0f9b" + n));
        keys.expireUpTo(n / 2 - 1, 0);
        assertEquals(n / 2, keys.size());
        assertTrue(!keys.contains("cdr:ba4a0f9b" + (n / 2 - 1)));
        assertTrue(keys.contains("cdr:ba4a0f9b" + (n / 2)));
        for (int i = 0; i < 10; i++) {
            keys.removeOldest();
        }
        assertTrue(!keys.contains("cdr:ba4a0f9b" + (n / 2 + 9)));
        assertTrue(keys.contains("cdr:ba4a0f9b" + (n / 2 + 10)));
        keys.expireUpTo(Long.MAX_VALUE, 0);
        assertEquals(0, keys.size());
        assertEquals(0, keys.entries());
        assertEquals(0, keys.bytes());
    }

    @Test
    void concurrentPushesOfTheSameRecordsDeliverEachOnce() throws InterruptedException {
        InMemoryDeduplicationStore store = InMemoryDeduplicationStore.of(50_000, Duration.ofHours(1));
        int threads = 4;
        int records = 20_000;
        AtomicInteger delivered = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < records; i++) {
                    String k = "cdr:" + i;
                    DeduplicationStore.Claim c;
                    while ((c = store.tryClaim(k)) == DeduplicationStore.Claim.IN_PROGRESS) {
                        Thread.onSpinWait();
                    }
                    if (c == DeduplicationStore.Claim.CLAIMED) {
                        delivered.incrementAndGet();
                        store.confirm(k);
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(records, delivered.get());
        assertEquals(records, store.size());
        assertEquals(0, store.claimedCount());
    }
}
