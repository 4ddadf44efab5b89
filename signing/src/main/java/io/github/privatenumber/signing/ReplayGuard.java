package io.github.privatenumber.signing;

import io.github.privatenumber.core.InvalidValueException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Remembers the nonces of accepted signatures, per app key, until they expire, so that a captured request cannot
 * be played again while its {@code Created} is still inside the verifier's window. Thread-safe (one lock; each call
 * holds it for O(log n) work, plus the amortised removal of entries that have expired).
 *
 * <p><b>Bounded memory, failing closed.</b> At most {@link #capacity()} nonces are kept in all, and at most
 * {@link #perAppCapacity()} of them for any one app key. Expired nonces are dropped first. When the guard (or the
 * app's share of it) is still full of nonces that have not expired, a <em>new</em> nonce is refused
 * ({@link Admission#FULL}) instead of evicting a live one: a nonce that was accepted is remembered until it expires,
 * so a replay inside the window is never accepted, whatever the traffic. The price is availability under a flood:
 * while the guard is full, genuine requests are refused too, and counted in {@link #refusals()}.
 *
 * <p>Why this trade-off is acceptable:
 * <ul>
 *   <li>only requests whose digest checked out reach the guard ({@link SignatureVerifier} records a nonce last),
 *       so only a holder of an app's secret can fill it;</li>
 *   <li>a refused push is not lost: the receiver answers it with a failure status (503, or 401 like every other
 *       verification failure), and the platform pushes it again later, signed afresh;</li>
 *   <li>the capacity can be sized so that it is never reached: a nonce lives until its {@code Created} is
 *       {@code allowedSkew} old, and {@code Created} may lie up to {@code allowedSkew} ahead of the clock, so at
 *       most <em>peak accepted requests per second × 2 × allowedSkew in seconds</em> nonces are alive at once. The
 *       default of {@value #DEFAULT_CAPACITY} covers about 166 requests per second with the default five-minute skew
 *       ({@code 166 × 2 × 300}). A nonce costs roughly 200 bytes.</li>
 * </ul>
 *
 * <p><b>Evicting instead, for test tools.</b> A guard made with {@link Overflow#EVICT_OLDEST} forgets the nonce
 * closest to expiry to make room instead of refusing, and counts it in {@link #evictions()}. It never refuses, but
 * a replay of a forgotten nonce is accepted: use it only where availability under sustained load matters more than
 * replay protection, such as the platform simulator under a load test, never in a receiver of real pushes.
 *
 * <p><b>One capacity or one per app.</b> By default every app shares the whole capacity ({@code perAppCapacity ==
 * capacity}), which suits a receiver for one app. A receiver serving several apps can give each a smaller share, so
 * that one app's burst fills only its own share and never stops the others; memory stays bounded by
 * {@link #capacity()} in any case.
 */
public final class ReplayGuard {

    /** Capacity of {@link #ReplayGuard()}. */
    public static final int DEFAULT_CAPACITY = 100_000;

    /** What a full guard does with a new nonce. */
    public enum Overflow {
        /** Refuse the new nonce ({@link Admission#FULL}): a replay inside the window is never accepted. The default. */
        REFUSE,
        /** Forget the nonce closest to expiry and accept the new one; for load-test tools only. */
        EVICT_OLDEST
    }

    /** The outcome of {@link #admit}. */
    public enum Admission {
        /** The nonce was not known and is now remembered (or had already expired, so nothing needed remembering). */
        FIRST_USE,
        /** The nonce is remembered from an earlier use that has not expired: the request is a replay. */
        REPLAY,
        /**
         * The nonce is new, but the guard (or the app's share of it) is full of nonces that have not expired: it
         * was not remembered, and the request must be refused.
         */
        FULL
    }

    private final int capacity;
    private final int perAppCapacity;
    private final Overflow overflow;
    private long evictions;
    private final Map<Key, Entry> entries = new HashMap<>();
    private final Map<String, Count> perApp = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>();
    private long refusals;
    private long sequence;

    /** A guard of {@link #DEFAULT_CAPACITY} nonces, shared by all apps. */
    public ReplayGuard() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * A guard whose whole capacity is shared by all apps.
     *
     * @param capacity the most nonces kept at once, at least 1
     * @throws InvalidValueException (field {@code replayCapacity}) if {@code capacity} is less than 1
     */
    public ReplayGuard(int capacity) {
        this(capacity, capacity);
    }

    /**
     * A guard that keeps at most {@code perAppCapacity} nonces of any one app key.
     *
     * @param capacity the most nonces kept at once, at least 1
     * @param perAppCapacity the most nonces kept at once for one app key, 1 to {@code capacity}
     * @throws InvalidValueException (field {@code replayCapacity}) if {@code capacity} is less than 1, or (field
     *     {@code replayCapacityPerApp}) if {@code perAppCapacity} is less than 1 or more than {@code capacity}
     */
    public ReplayGuard(int capacity, int perAppCapacity) {
        this(capacity, perAppCapacity, Overflow.REFUSE);
    }

    /**
     * A guard with the given overflow policy.
     *
     * @param capacity the most nonces kept at once, at least 1
     * @param perAppCapacity the most nonces kept at once for one app key, 1 to {@code capacity}; must equal
     *     {@code capacity} with {@link Overflow#EVICT_OLDEST}
     * @param overflow what to do when full
     * @throws InvalidValueException naming the argument that is out of range or {@code null}
     */
    public ReplayGuard(int capacity, int perAppCapacity, Overflow overflow) {
        this.overflow = Args.required("replayOverflow", overflow);
        if (overflow == Overflow.EVICT_OLDEST && perAppCapacity != capacity) {
            throw new InvalidValueException("replayCapacityPerApp", "cannot be combined with EVICT_OLDEST");
        }
        if (capacity < 1) {
            throw new InvalidValueException("replayCapacity", "must be at least 1, got " + capacity);
        }
        if (perAppCapacity < 1 || perAppCapacity > capacity) {
            throw new InvalidValueException("replayCapacityPerApp", "must be 1 to replayCapacity (" + capacity
                    + "), got " + perAppCapacity);
        }
        this.capacity = capacity;
        this.perAppCapacity = perAppCapacity;
    }

    /**
     * Records a nonce unless it is already recorded and not yet expired, or there is no room for it.
     *
     * <p>A nonce is remembered up to and including {@code expiresAt}. One whose {@code expiresAt} is already before
     * {@code now} is not recorded (nothing is left to protect) and counts as a first use. Expired nonces are dropped
     * before the guard decides that it is full.
     *
     * @param appKey the app the nonce belongs to; nonces of different apps never collide
     * @param nonce the nonce
     * @param expiresAt the last instant at which a request with this nonce could still be accepted
     * @param now the current time, from the caller's clock
     * @return {@link Admission#FIRST_USE} if the nonce is now recorded, {@link Admission#REPLAY} if it was already,
     *     {@link Admission#FULL} if it is new but could not be recorded; only {@code FIRST_USE} allows the request
     * @throws InvalidValueException naming the argument ({@code appKey}, {@code nonce}, {@code expiresAt},
     *     {@code now}) that is {@code null}
     */
    public Admission admit(String appKey, String nonce, Instant expiresAt, Instant now) {
        Key key = new Key(Args.required("appKey", appKey), Args.required("nonce", nonce));
        Args.required("expiresAt", expiresAt);
        Args.required("now", now);
        synchronized (this) {
            purgeExpired(now);
            if (entries.containsKey(key)) {
                return Admission.REPLAY;
            }
            if (expiresAt.isBefore(now)) {
                return Admission.FIRST_USE;
            }
            Count count = perApp.get(appKey);
            if (overflow == Overflow.EVICT_OLDEST) {
                while (entries.size() >= capacity) {
                    removeHead();
                    evictions++;
                }
                count = perApp.get(appKey);
            } else if (entries.size() >= capacity || (count != null && count.value >= perAppCapacity)) {
                refusals++;
                return Admission.FULL;
            }
            if (count == null) {
                count = new Count();
                perApp.put(appKey, count);
            }
            count.value++;
            Entry entry = new Entry(key, expiresAt, sequence++);
            entries.put(key, entry);
            byExpiry.add(entry);
            return Admission.FIRST_USE;
        }
    }

    private void purgeExpired(Instant now) {
        Entry head;
        while ((head = byExpiry.peek()) != null && head.expiresAt.isBefore(now)) {
            removeHead();
        }
    }

    private void removeHead() {
        Entry head = byExpiry.poll();
        entries.remove(head.key);
        Count count = perApp.get(head.key.appKey);
        if (--count.value == 0) {
            perApp.remove(head.key.appKey);
        }
    }

    /**
     * @return how many live nonces were forgotten to make room ({@link Overflow#EVICT_OLDEST} only); only grows
     */
    public synchronized long evictions() {
        return evictions;
    }

    /**
     * @return what this guard does when full
     */
    public Overflow overflow() {
        return overflow;
    }

    /**
     * @return how many new nonces were refused because the guard (or the app's share) was full; only grows. A
     *     non-zero value means the capacity is too small for the traffic, or someone holding a secret floods the
     *     receiver
     */
    public synchronized long refusals() {
        return refusals;
    }

    /**
     * @return how many nonces are held now, expired ones not yet purged included; never more than the capacity
     */
    public synchronized int size() {
        return entries.size();
    }

    /**
     * @return the most nonces kept at once, all apps together
     */
    public int capacity() {
        return capacity;
    }

    /**
     * @return the most nonces kept at once for one app key; equal to {@link #capacity()} unless set lower
     */
    public int perAppCapacity() {
        return perAppCapacity;
    }

    @Override
    public String toString() {
        return "ReplayGuard[capacity=" + capacity + ", perAppCapacity=" + perAppCapacity + ", size=" + size()
                + ", refusals=" + refusals() + "]";
    }

    private record Key(String appKey, String nonce) {
    }

    /** A mutable count of one app's nonces, changed only under the guard's lock. */
    private static final class Count {
        int value;
    }

    /** Ordered by expiry, then by arrival, so that equal expiries leave in a stable order. */
    private static final class Entry implements Comparable<Entry> {
        final Key key;
        final Instant expiresAt;
        final long sequence;

        Entry(Key key, Instant expiresAt, long sequence) {
            this.key = key;
            this.expiresAt = expiresAt;
            this.sequence = sequence;
        }

        @Override
        public int compareTo(Entry other) {
            int c = expiresAt.compareTo(other.expiresAt);
            return c != 0 ? c : Long.compare(sequence, other.sequence);
        }
    }
}
