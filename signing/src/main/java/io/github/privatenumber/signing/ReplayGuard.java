package io.github.privatenumber.signing;

import io.github.privatenumber.core.InvalidValueException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Remembers the nonces of accepted signatures, per app key, until they expire, so that a captured request cannot
 * be played again while its {@code Created} is still inside the verifier's window. Thread-safe (one lock; each call
 * holds it for O(log n) work).
 *
 * <p><b>Bounded memory.</b> At most {@link #capacity()} nonces are kept. Expired ones are dropped first; when the
 * guard is still full, the nonces closest to expiry are evicted and counted in {@link #evictions()}. This favours
 * availability: under a flood of valid signed requests the guard keeps accepting new ones instead of failing, at
 * the price that an evicted nonce, replayed in the few moments before it would have gone stale anyway, is accepted
 * again. Downstream de-duplication of the records a push carries still prevents processing them twice. A non-zero
 * eviction count means the capacity is too small for the traffic.
 */
public final class ReplayGuard {

    /** Capacity of {@link #ReplayGuard()}. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final Map<Key, Entry> entries = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>();
    private long evictions;
    private long sequence;

    /** A guard of {@link #DEFAULT_CAPACITY} nonces. */
    public ReplayGuard() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * @param capacity the most nonces kept at once, at least 1
     * @throws InvalidValueException (field {@code replayCapacity}) if {@code capacity} is less than 1
     */
    public ReplayGuard(int capacity) {
        if (capacity < 1) {
            throw new InvalidValueException("replayCapacity", "must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Records a nonce unless it is already recorded and not yet expired.
     *
     * <p>A nonce is remembered up to and including {@code expiresAt}. One whose {@code expiresAt} is already before
     * {@code now} is not recorded (nothing is left to protect) and counts as a first use.
     *
     * @param appKey the app the nonce belongs to; nonces of different apps never collide
     * @param nonce the nonce
     * @param expiresAt the last instant at which a request with this nonce could still be accepted
     * @param now the current time, from the caller's clock
     * @return {@code true} if this is the first use (now recorded), {@code false} if it is a replay
     * @throws NullPointerException if an argument is {@code null}
     */
    public boolean firstUse(String appKey, String nonce, Instant expiresAt, Instant now) {
        Key key = new Key(Objects.requireNonNull(appKey, "appKey"), Objects.requireNonNull(nonce, "nonce"));
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(now, "now");
        synchronized (this) {
            purgeExpired(now);
            if (entries.containsKey(key)) {
                return false;
            }
            if (expiresAt.isBefore(now)) {
                return true;
            }
            if (entries.size() >= capacity) {
                entries.remove(byExpiry.poll().key);
                evictions++;
            }
            Entry entry = new Entry(key, expiresAt, sequence++);
            entries.put(key, entry);
            byExpiry.add(entry);
            return true;
        }
    }

    private void purgeExpired(Instant now) {
        Entry head;
        while ((head = byExpiry.peek()) != null && head.expiresAt.isBefore(now)) {
            byExpiry.poll();
            entries.remove(head.key);
        }
    }

    /**
     * @return how many unexpired nonces were dropped because the guard was full; only grows
     */
    public synchronized long evictions() {
        return evictions;
    }

    /**
     * @return how many nonces are held now, expired ones not yet purged included; never more than the capacity
     */
    public synchronized int size() {
        return entries.size();
    }

    /**
     * @return the most nonces kept at once
     */
    public int capacity() {
        return capacity;
    }

    @Override
    public String toString() {
        return "ReplayGuard[capacity=" + capacity + ", size=" + size() + ", evictions=" + evictions() + "]";
    }

    private record Key(String appKey, String nonce) {
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
