package io.github.privatenumber.notifications;

/**
 * Remembers which records were already handed to the sink, so that a re-pushed or repeated record reaches it once.
 * A port: {@link InMemoryDeduplicationStore} is the default for one process; applications running several instances
 * behind one callback URL plug in a shared store (a database table with a unique key, Redis {@code SET NX}, …).
 *
 * <p><b>Protocol.</b> For each record of a push the receiver calls {@link #tryClaim(String)}. On
 * {@link Claim#CLAIMED} it hands the record to the sink and then calls {@link #confirm(String)} when the sink accepted
 * it, or {@link #release(String)} when the sink threw, so that the platform's re-push delivers it. On
 * {@link Claim#DELIVERED} the record is skipped as a duplicate. On {@link Claim#IN_PROGRESS} (another thread or
 * instance holds the claim right now, typically because the platform re-pushed while the first push was still being
 * handled) the receiver asks again for a short while and, if the claim is still held, answers 503 so that the
 * platform pushes again later; it never answers 200 for a record whose delivery is not confirmed.
 *
 * <p><b>Contract.</b> {@code tryClaim} must be atomic: of any number of concurrent calls with the same key, across
 * every instance that shares the store, at most one gets {@code CLAIMED} until that claim is released. A confirmed
 * key must answer {@code DELIVERED} for at least the platform's re-push horizon (about 10.4 hours after the first
 * attempt; see {@link InMemoryDeduplicationStore#DEFAULT_MAX_AGE}). A store that outlives the process should expire an
 * unconfirmed claim after a lease longer than the sink's slowest call (minutes), so that a crash while holding a claim
 * does not block the record for good. Methods may throw: a failing {@code tryClaim} makes the receiver answer 503
 * (the platform pushes again), a failing {@code confirm} is logged (the sink already has the record, so the push is
 * still acknowledged), a failing {@code release} is logged.
 *
 * <p><b>Keys.</b> {@code cdr:} followed by the CDR's {@code icid}, or {@code event:} followed by
 * {@link io.github.privatenumber.core.notification.CallEvent#deduplicationKey()} ({@code event-sha256:} and a hex
 * digest when that key is longer than 512 characters). At most 530 characters, never a phone number in clear unless
 * the platform put one into a session id.
 *
 * <p>Implementations must be thread-safe.
 */
public interface DeduplicationStore {

    /** What {@link #tryClaim(String)} found. */
    enum Claim {
        /** The caller now holds the key and must {@link #confirm(String)} or {@link #release(String)} it. */
        CLAIMED,
        /** The record was delivered before: skip it. */
        DELIVERED,
        /** Someone else holds the key and has not confirmed or released it yet. */
        IN_PROGRESS
    }

    /**
     * Claims a key for delivery, atomically.
     *
     * @param key the record's key
     * @return what was found
     */
    Claim tryClaim(String key);

    /**
     * Marks a claimed key as delivered: the sink accepted the record.
     *
     * @param key a key this caller claimed
     */
    void confirm(String key);

    /**
     * Gives up a claim without delivery (the sink failed), so that a later push can claim the key again.
     *
     * @param key a key this caller claimed
     */
    void release(String key);
}
