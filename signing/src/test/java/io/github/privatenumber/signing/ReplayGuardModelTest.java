package io.github.privatenumber.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The compact guard against a plain model of its contract (a hash map and a priority queue ordered by expiry, then
 * arrival: the guard's former implementation), over random traffic: several apps, per-app shares, both overflow
 * policies, expiries in and out of order, equal expiries, nanosecond steps, short, long and non-Latin-1 nonces.
 */
class ReplayGuardModelTest {

    /** The reference: what the guard must answer, step by step. */
    static final class Model {
        record Key(String app, String nonce) {
        }

        record Entry(Key key, Instant expiresAt, long seq) implements Comparable<Entry> {
            @Override
            public int compareTo(Entry o) {
                int c = expiresAt.compareTo(o.expiresAt);
                return c != 0 ? c : Long.compare(seq, o.seq);
            }
        }

        final int capacity;
        final int perApp;
        final boolean evict;
        final Map<Key, Entry> entries = new HashMap<>();
        final Map<String, Integer> counts = new HashMap<>();
        final PriorityQueue<Entry> order = new PriorityQueue<>();
        long seq;
        long refusals;
        long evictions;

        Model(int capacity, int perApp, boolean evict) {
            this.capacity = capacity;
            this.perApp = perApp;
            this.evict = evict;
        }

        ReplayGuard.Admission admit(String app, String nonce, Instant expiresAt, Instant now) {
            while (!order.isEmpty() && order.peek().expiresAt.isBefore(now)) {
                removeHead();
            }
            Key key = new Key(app, nonce);
            if (entries.containsKey(key)) {
                return ReplayGuard.Admission.REPLAY;
            }
            if (expiresAt.isBefore(now)) {
                return ReplayGuard.Admission.FIRST_USE;
            }
            if (evict) {
                while (entries.size() >= capacity) {
                    removeHead();
                    evictions++;
                }
            } else if (entries.size() >= capacity || counts.getOrDefault(app, 0) >= perApp) {
                refusals++;
                return ReplayGuard.Admission.FULL;
            }
            Entry e = new Entry(key, expiresAt, seq++);
            entries.put(key, e);
            order.add(e);
            counts.merge(app, 1, Integer::sum);
            return ReplayGuard.Admission.FIRST_USE;
        }

        void removeHead() {
            Entry e = order.poll();
            entries.remove(e.key);
            counts.computeIfPresent(e.key.app, (k, v) -> v == 1 ? null : v - 1);
        }
    }

    private static String nonce(Random r, int pool) {
        int id = r.nextInt(pool);
        switch (id % 7) {
            case 0:
                return "N" + id + "x".repeat(40); // longer than the inline limit
            case 1:
                return "\u00e9" + id; // Latin-1, not ASCII
            case 2:
                return "\u4e2d" + id; // not Latin-1
            case 3:
                return id + "";
            default:
                return String.format("%032X", (long) id * 0x9E3779B97F4A7C15L); // the SDK's shape
        }
    }

    @Test
    void answersLikeTheModelOverRandomTraffic() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int capacity = 1 + random.nextInt(round % 3 == 0 ? 400 : 40);
            boolean evict = random.nextInt(3) == 0;
            int perApp = evict ? capacity : 1 + random.nextInt(capacity);
            ReplayGuard guard = new ReplayGuard(capacity, perApp,
                    evict ? ReplayGuard.Overflow.EVICT_OLDEST : ReplayGuard.Overflow.REFUSE);
            Model model = new Model(capacity, perApp, evict);
            Instant now = Instant.parse("2024-01-01T00:00:00Z");
            int pool = 1 + random.nextInt(3 * capacity + 10);
            int apps = 1 + random.nextInt(4);
            boolean inOrder = random.nextBoolean();
            for (int i = 0; i < 3_000; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> now = now.plusNanos(random.nextInt(3));
                    case 1 -> now = now.plusMillis(random.nextInt(400));
                    default -> {
                    }
                }
                // in order: the signer's own clock, whole seconds; else a spread of expiries around the clock
                Instant expiresAt = inOrder
                        ? Instant.ofEpochSecond(now.getEpochSecond()).plusSeconds(60)
                        : now.plusMillis(random.nextInt(120_000) - 2_000).plusNanos(random.nextInt(2));
                String app = "app" + random.nextInt(apps);
                String nonce = nonce(random, pool);
                ReplayGuard.Admission want = model.admit(app, nonce, expiresAt, now);
                ReplayGuard.Admission got = guard.admit(app, nonce, expiresAt, now);
                assertEquals(want, got, "round " + round + " step " + i);
                assertEquals(model.entries.size(), guard.size(), "size, round " + round + " step " + i);
            }
            assertEquals(model.refusals, guard.refusals());
            assertEquals(model.evictions, guard.evictions());
            assertTrue(guard.size() <= capacity);
        }
    }

    @Test
    void fillsToCapacityAndDrainsInExpiryOrderAcrossRingAndHeap() {
        int capacity = 5_000;
        ReplayGuard guard = new ReplayGuard(capacity);
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        // every tenth nonce expires earlier than the one before it (the heap), the others in order (the ring)
        List<Instant> expiries = new ArrayList<>();
        for (int i = 0; i < capacity; i++) {
            Instant at = now.plusSeconds(1_000 + i).minusSeconds(i % 10 == 9 ? 500 : 0);
            expiries.add(at);
            assertEquals(ReplayGuard.Admission.FIRST_USE, guard.admit("app", "n" + i, at, now));
        }
        assertEquals(ReplayGuard.Admission.FULL, guard.admit("app", "extra", now.plusSeconds(5), now));
        List<Instant> sorted = new ArrayList<>(expiries);
        sorted.sort(null);
        // step the clock past each expiry in turn: exactly the nonces due by then are gone
        for (int k = 0; k < capacity; k += 97) {
            Instant t = sorted.get(k).plusNanos(1);
            guard.admit("probe", "p" + k, now, t); // already expired: purges, records nothing
            int left = 0;
            for (Instant e : expiries) {
                left += e.isBefore(t) ? 0 : 1;
            }
            assertEquals(left, guard.size(), "after " + t);
        }
    }

    @Test
    void concurrentAdmissionsOfTheSameNoncesAcceptEachOnce() throws InterruptedException {
        ReplayGuard guard = new ReplayGuard(200_000);
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        int threads = 4;
        int nonces = 20_000;
        AtomicInteger firstUses = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < nonces; i++) {
                    if (guard.admit("app" + (i % 3), "n" + i, now.plusSeconds(300), now)
                            == ReplayGuard.Admission.FIRST_USE) {
                        firstUses.incrementAndGet();
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
        assertEquals(nonces, firstUses.get());
        assertEquals(nonces, guard.size());
    }
}
