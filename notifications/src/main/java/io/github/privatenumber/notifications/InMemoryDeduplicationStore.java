package io.github.privatenumber.notifications;

import io.github.privatenumber.core.InvalidValueException;
import java.time.Clock;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link DeduplicationStore}: bounded, in the memory of one process. Thread-safe (one lock; every
 * operation is a few hash-table steps). Confirmed keys are kept as characters in one array and their times in
 * others, in order of confirmation: a remembered key costs its characters plus about 40 bytes, and no object of its
 * own.
 *
 * <p>A confirmed key is remembered for {@link #maxAge()} after its confirmation, and at most {@link #maxEntries()}
 * keys are remembered: when full, the oldest confirmed key is forgotten first and a WARN is logged, because a record
 * forgotten before the platform stops re-pushing it could reach the sink twice. Keys being delivered right now
 * ({@link Claim#CLAIMED}, not yet confirmed) are never evicted. Nothing survives a restart, and nothing is shared
 * between instances: applications running several receivers behind one URL should plug in a shared store.
 *
 * <p><b>Why 12 hours.</b> The platform re-pushes a failed push up to six times, 1, 4, 9, 106, 203 and 300 minutes
 * apart (SPEC §10), so the last re-push comes 623 minutes, about 10.4 hours, after the first attempt. A record
 * delivered on the first attempt whose acknowledgement the platform did not see can come back that late; 12 hours
 * covers the whole schedule with margin for the platform's own delays. (Read as offsets from the first attempt
 * instead, the schedule would end after 5 hours; 12 hours covers both readings.)
 */
public final class InMemoryDeduplicationStore implements DeduplicationStore {

    /** Default {@link #maxEntries()}: 100,000 keys (tens of MB at most). */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    /** Default {@link #maxAge()}: 12 hours, longer than the platform's 10.4-hour re-push schedule. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(12);

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryDeduplicationStore.class);

    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;
    private final DeliveredKeys delivered = new DeliveredKeys(new SecureRandom().nextLong());
    private final ClaimedKeys claimed = new ClaimedKeys();
    private long evictedEarly;

    private InMemoryDeduplicationStore(int maxEntries, Duration maxAge, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * @return a store with the defaults: {@value #DEFAULT_MAX_ENTRIES} keys, 12 hours, the system clock
     */
    public static InMemoryDeduplicationStore create() {
        return of(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_AGE, Clock.systemUTC());
    }

    /**
     * @param maxEntries the most confirmed keys remembered, at least 1
     * @param maxAge how long a confirmed key is remembered, positive; keep it above the re-push horizon
     * @return a store on the system clock
     * @throws InvalidValueException ({@code maxEntries} or {@code maxAge}) when out of range
     * @throws NullPointerException if {@code maxAge} is {@code null}
     */
    public static InMemoryDeduplicationStore of(int maxEntries, Duration maxAge) {
        return of(maxEntries, maxAge, Clock.systemUTC());
    }

    /**
     * @param maxEntries the most confirmed keys remembered, at least 1
     * @param maxAge how long a confirmed key is remembered, positive
     * @param clock the clock ages are measured with
     * @return the store
     * @throws InvalidValueException ({@code maxEntries} or {@code maxAge}) when out of range
     * @throws NullPointerException if {@code maxAge} or {@code clock} is {@code null}
     */
    public static InMemoryDeduplicationStore of(int maxEntries, Duration maxAge, Clock clock) {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new InvalidValueException("maxEntries", "must be at least 1, got " + maxEntries);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new InvalidValueException("maxAge", "must be positive, got " + maxAge);
        }
        return new InMemoryDeduplicationStore(maxEntries, maxAge, clock);
    }

    @Override
    public synchronized Claim tryClaim(String key) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        expire(now);
        if (delivered.contains(key)) {
            return Claim.DELIVERED;
        }
        return claimed.add(key, delivered.hashOf(key)) ? Claim.CLAIMED : Claim.IN_PROGRESS;
    }

    @Override
    public synchronized void confirm(String key) {
        Objects.requireNonNull(key, "key");
        claimed.remove(key, delivered.hashOf(key));
        Instant now = clock.instant();
        delivered.remove(key);
        delivered.add(key, now.getEpochSecond(), now.getNano());
        expire(now);
        while (delivered.size() > maxEntries) {
            delivered.removeOldest();
            evictedEarly++;
            if (evictedEarly == 1 || evictedEarly % 10_000 == 0) {
                LOG.warn("de-duplication store full ({} keys): forgot a delivered record before {} passed ({} so far);"
                        + " a re-push of it would be delivered again - raise maxEntries or use a shared store",
                        maxEntries, maxAge, evictedEarly);
            }
        }
    }

    @Override
    public synchronized void release(String key) {
        Objects.requireNonNull(key, "key");
        claimed.remove(key, delivered.hashOf(key));
    }

    /** Forgets keys, oldest confirmation first, up to the first one confirmed after {@code now - maxAge}. */
    private void expire(Instant now) {
        Instant oldest = now.minus(maxAge);
        delivered.expireUpTo(oldest.getEpochSecond(), oldest.getNano());
    }

    /**
     * @return how many delivered keys are remembered now
     */
    public synchronized int size() {
        expire(clock.instant());
        return delivered.size();
    }

    /**
     * @return how many keys are claimed and not yet confirmed or released
     */
    public synchronized int claimedCount() {
        return claimed.size();
    }

    /**
     * @return how many delivered keys were forgotten because the store was full, before their age ran out
     */
    public synchronized long evictedEarly() {
        return evictedEarly;
    }

    /**
     * @return the most confirmed keys remembered
     */
    public int maxEntries() {
        return maxEntries;
    }

    /**
     * @return how long a confirmed key is remembered
     */
    public Duration maxAge() {
        return maxAge;
    }

    @Override
    public String toString() {
        return "InMemoryDeduplicationStore[maxEntries=" + maxEntries + ", maxAge=" + maxAge + "]";
    }
}
