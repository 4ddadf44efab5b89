package io.github.privatenumber.signing;

import io.github.privatenumber.core.InvalidValueException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers the nonces of accepted signatures, per app key, until they expire, so that a captured request cannot
 * be played again while its {@code Created} is still inside the verifier's window. Thread-safe (one lock; each call
 * holds it for O(1) work when nonces arrive in order of expiry, O(log n) for one that does not, plus the amortised
 * removal of entries that have expired).
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
 *       ({@code 166 × 2 × 300}). A nonce costs about 100 bytes and no object of its own (a nonce longer than 32
 *       characters keeps its {@code String}).</li>
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
    private long refusals;
    private long sequence;
    /** Apps with at least one remembered nonce, by key. */
    private final Map<String, App> apps = new HashMap<>();
    /** The remembered nonces, held without an object per nonce (see {@link Table}). */
    private final Table table;
    /** Apps by their id (an index, reused once an app has no nonce left). */
    private App[] appsById = new App[4];
    private int[] freeAppIds = new int[4];
    private int freeAppCount;
    private int appIds;
    /** The app of the last nonce recorded; current only while its count is above zero. */
    private App lastApp;

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
        this.table = new Table(capacity, new SecureRandom().nextLong());
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
        Args.required("appKey", appKey);
        Args.required("nonce", nonce);
        Args.required("expiresAt", expiresAt);
        Args.required("now", now);
        long expSec = expiresAt.getEpochSecond();
        int expNano = expiresAt.getNano();
        long nowSec = now.getEpochSecond();
        int nowNano = now.getNano();
        synchronized (this) {
            purgeExpired(nowSec, nowNano);
            // most guards serve one app: compare with the last one before hashing the key
            App app = lastApp != null && lastApp.count > 0 && lastApp.key.equals(appKey) ? lastApp : apps.get(appKey);
            int hash = 0;
            if (app != null) {
                hash = table.hash(app.id, nonce);
                if (table.find(app.id, nonce, hash) >= 0) {
                    return Admission.REPLAY;
                }
            }
            if (Table.before(expSec, expNano, nowSec, nowNano)) {
                return Admission.FIRST_USE;
            }
            if (overflow == Overflow.EVICT_OLDEST) {
                while (table.size() >= capacity) {
                    removeOldest();
                    evictions++;
                }
                app = apps.get(appKey);
            } else if (table.size() >= capacity || (app != null && app.count >= perAppCapacity)) {
                refusals++;
                return Admission.FULL;
            }
            if (app == null) {
                app = new App(appKey, nextAppId());
                apps.put(appKey, app);
                appsById = app.id < appsById.length ? appsById : Arrays.copyOf(appsById, appsById.length * 2);
                appsById[app.id] = app;
                hash = table.hash(app.id, nonce);
            }
            app.count++;
            lastApp = app;
            table.add(app.id, nonce, hash, expSec, expNano, sequence++);
            return Admission.FIRST_USE;
        }
    }

    private int nextAppId() {
        return freeAppCount > 0 ? freeAppIds[--freeAppCount] : appIds++;
    }

    private void purgeExpired(long nowSec, int nowNano) {
        while (table.size() > 0 && table.oldestExpiresBefore(nowSec, nowNano)) {
            removeOldest();
        }
    }

    private void removeOldest() {
        int appId = table.removeOldest();
        App app = appsById[appId];
        if (--app.count == 0) {
            apps.remove(app.key);
            appsById[appId] = null;
            if (freeAppCount == freeAppIds.length) {
                freeAppIds = Arrays.copyOf(freeAppIds, freeAppIds.length * 2);
            }
            freeAppIds[freeAppCount++] = appId;
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
        return table.size();
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

    /** One app with remembered nonces: its key, its id in the table and how many nonces it has there. */
    private static final class App {
        final String key;
        final int id;
        int count;

        App(String key, int id) {
            this.key = key;
            this.id = id;
        }
    }

    /**
     * The remembered nonces in primitive arrays, one slot per nonce, so that a nonce costs no object of its own
     * (nonces live for minutes: objects per nonce would be copied by every young collection until promoted). Not
     * thread-safe; used under the guard's lock.
     *
     * <ul>
     *   <li>A slot is one cache line of {@value #STRIDE} longs: expiry seconds; expiry nanoseconds and app id;
     *       arrival; hash and nonce length; and a nonce of up to {@value #INLINE_CHARS} Latin-1 characters (every
     *       nonce the platform and this SDK send) packed into the remaining four. A longer nonce keeps its
     *       {@code String}.</li>
     *   <li>Lookup: open addressing with linear probing; each entry holds the slot's hash beside the slot number, so
     *       a probe that does not match never touches the slot. Hashed with a per-guard random seed; removal shifts
     *       the following run back, so there are no tombstones.</li>
     *   <li>Order of expiry (then of arrival, so that equal expiries leave in a stable order): a FIFO ring holds the
     *       slots whose expiry is not before the ring's last one, which is nearly every nonce, since expiries follow
     *       the signers' clocks; the few that arrive out of order go into a binary heap. The oldest nonce is the
     *       earlier of the two heads.</li>
     * </ul>
     * Arrays grow by doubling up to the guard's capacity and are never shrunk.
     */
    static final class Table {
        static final int INLINE_CHARS = 32;
        private static final int STRIDE = 8;
        private static final int EXP_SEC = 0;
        private static final int NANO_APP = 1;
        private static final int SEQ = 2;
        private static final int HASH_LENGTH = 3;
        private static final int WORDS = 4;
        /** The length recorded for a nonce kept as a {@code String}. */
        private static final int LONG = 0xFFFF;
        private static final int INITIAL = 64;
        /** The most slots one array can hold (about 268 million, some 26 GB of nonces). */
        private static final int MAX_SLOTS = (Integer.MAX_VALUE - 16) / STRIDE;

        private final int capacity;
        private final long seed;
        private int size;

        private long[] data;
        private String[] longNonces;
        private int slots;
        private int[] freeSlots;
        private int freeCount;

        // lookup: the slot's hash in the high half, slot + 1 in the low half; 0 for empty
        private long[] index;

        // expiry order
        private int[] ring;
        private int ringHead;
        private int ringSize;
        private int[] heap;
        private int heapSize;

        Table(int capacity, long seed) {
            this.capacity = capacity;
            this.seed = seed;
            int n = Math.min(capacity, INITIAL);
            data = new long[n * STRIDE];
            freeSlots = new int[n];
            ring = new int[n];
            heap = new int[n];
            index = new long[tableSizeFor(n)];
        }

        private static int tableSizeFor(int entries) {
            int n = Integer.highestOneBit(Math.max(entries, 2) - 1) << 2;
            return n <= 0 || n > (1 << 30) ? 1 << 30 : n;
        }

        int size() {
            return size;
        }

        private int slotCapacity() {
            return data.length / STRIDE;
        }

        static boolean before(long sec, int nano, long otherSec, int otherNano) {
            return sec < otherSec || (sec == otherSec && nano < otherNano);
        }

        private static boolean inline(String nonce) {
            if (nonce.length() > INLINE_CHARS) {
                return false;
            }
            for (int i = 0; i < nonce.length(); i++) {
                if (nonce.charAt(i) > 0xFF) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The nonce's characters mixed with the app id and the seed: two lanes of four characters per step, so that
         * the multiplications of a step do not wait on each other.
         */
        int hash(int appId, String nonce) {
            int n = nonce.length();
            long h = seed ^ ((long) appId * 0x9E3779B97F4A7C15L) ^ n;
            long g = ~seed;
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                long w = nonce.charAt(i) | (long) nonce.charAt(i + 1) << 16 | (long) nonce.charAt(i + 2) << 32
                        | (long) nonce.charAt(i + 3) << 48;
                long v = nonce.charAt(i + 4) | (long) nonce.charAt(i + 5) << 16 | (long) nonce.charAt(i + 6) << 32
                        | (long) nonce.charAt(i + 7) << 48;
                h = (h ^ w) * 0x9E3779B97F4A7C15L;
                g = (g ^ v) * 0xD6E8FEB86659FD93L;
                h ^= h >>> 29;
                g ^= g >>> 31;
            }
            for (; i < n; i++) {
                h = (h ^ nonce.charAt(i)) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 29;
            }
            h = (h ^ Long.rotateLeft(g, 23)) * 0xBF58476D1CE4E5B9L;
            return (int) (h ^ (h >>> 32));
        }

        /** @return the slot holding this app's nonce, or -1 */
        int find(int appId, String nonce, int hash) {
            int mask = index.length - 1;
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                long e = index[i];
                if (e == 0) {
                    return -1;
                }
                int s = (int) e - 1;
                if ((int) (e >>> 32) == hash && (int) data[s * STRIDE + NANO_APP] == appId && sameNonce(s, nonce)) {
                    return s;
                }
            }
        }

        private boolean sameNonce(int s, String nonce) {
            int base = s * STRIDE;
            int n = (int) data[base + HASH_LENGTH] & 0xFFFF;
            if (n == LONG) {
                return longNonces[s].equals(nonce);
            }
            if (n != nonce.length() || !inline(nonce)) {
                return false;
            }
            for (int i = 0, w = WORDS; i < n; i += 8, w++) {
                if (data[base + w] != pack(nonce, i)) {
                    return false;
                }
            }
            return true;
        }

        /** Up to 8 Latin-1 characters from {@code from}, in a long; missing characters are zero. */
        private static long pack(String s, int from) {
            long w = 0;
            int end = Math.min(s.length(), from + 8);
            for (int i = from; i < end; i++) {
                w |= (long) (s.charAt(i) & 0xFF) << ((i - from) << 3);
            }
            return w;
        }

        /** Adds a nonce known to be absent; the caller made sure there is room (size below capacity). */
        void add(int appId, String nonce, int hash, long sec, int nano, long sequence) {
            int s = freeCount > 0 ? freeSlots[--freeCount] : newSlot();
            int base = s * STRIDE;
            data[base + EXP_SEC] = sec;
            data[base + NANO_APP] = ((long) nano << 32) | (appId & 0xFFFFFFFFL);
            data[base + SEQ] = sequence;
            int length;
            if (inline(nonce)) {
                length = nonce.length();
                for (int i = 0, w = WORDS; w < STRIDE; i += 8, w++) {
                    data[base + w] = i < length ? pack(nonce, i) : 0;
                }
                if (longNonces != null) {
                    longNonces[s] = null;
                }
            } else {
                if (longNonces == null) {
                    longNonces = new String[slotCapacity()];
                }
                longNonces[s] = nonce;
                length = LONG;
            }
            data[base + HASH_LENGTH] = ((long) hash << 32) | length;
            size++;
            if ((long) size * 2 > index.length) {
                rehash(index.length * 2);
            }
            insertEntry(((long) hash << 32) | (s + 1));
            if (ringSize == 0 || !less(s, ring[(ringHead + ringSize - 1) % ring.length])) {
                ring[(ringHead + ringSize) % ring.length] = s;
                ringSize++;
            } else {
                heapPush(s);
            }
        }

        private int newSlot() {
            if (slots == slotCapacity()) {
                grow();
            }
            return slots++;
        }

        private void grow() {
            int n = (int) Math.min(Math.min(capacity, MAX_SLOTS), Math.max(INITIAL, (long) slotCapacity() * 2));
            if (n == slotCapacity()) {
                throw new IllegalStateException("more nonces than one array holds (" + MAX_SLOTS + ")");
            }
            data = Arrays.copyOf(data, n * STRIDE);
            if (longNonces != null) {
                longNonces = Arrays.copyOf(longNonces, n);
            }
            freeSlots = Arrays.copyOf(freeSlots, n);
            int[] r = new int[n];
            for (int i = 0; i < ringSize; i++) {
                r[i] = ring[(ringHead + i) % ring.length];
            }
            ring = r;
            ringHead = 0;
            heap = Arrays.copyOf(heap, n);
        }

        private void insertEntry(long e) {
            int mask = index.length - 1;
            int i = (int) (e >>> 32) & mask;
            while (index[i] != 0) {
                i = (i + 1) & mask;
            }
            index[i] = e;
        }

        private void rehash(int newLength) {
            long[] old = index;
            index = new long[newLength];
            for (long e : old) {
                if (e != 0) {
                    insertEntry(e);
                }
            }
        }

        /** Removes slot {@code s} from the lookup, shifting the rest of its run back (no tombstones). */
        private void removeIndex(int s) {
            int mask = index.length - 1;
            int i = (int) (data[s * STRIDE + HASH_LENGTH] >>> 32) & mask;
            while ((int) index[i] != s + 1) {
                i = (i + 1) & mask;
            }
            int hole = i;
            for (int j = (hole + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
                int home = (int) (index[j] >>> 32) & mask;
                // the entry at j may move into the hole unless its home lies cyclically in (hole, j]
                boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
                if (!stays) {
                    index[hole] = index[j];
                    hole = j;
                }
            }
            index[hole] = 0;
        }

        /** Whether slot {@code a} leaves before slot {@code b}: earlier expiry, then earlier arrival. */
        private boolean less(int a, int b) {
            int x = a * STRIDE;
            int y = b * STRIDE;
            if (data[x + EXP_SEC] != data[y + EXP_SEC]) {
                return data[x + EXP_SEC] < data[y + EXP_SEC];
            }
            int nx = (int) (data[x + NANO_APP] >>> 32);
            int ny = (int) (data[y + NANO_APP] >>> 32);
            if (nx != ny) {
                return nx < ny;
            }
            return data[x + SEQ] < data[y + SEQ];
        }

        private int oldest() {
            if (heapSize == 0) {
                return ring[ringHead];
            }
            if (ringSize == 0) {
                return heap[0];
            }
            int r = ring[ringHead];
            return less(heap[0], r) ? heap[0] : r;
        }

        boolean oldestExpiresBefore(long nowSec, int nowNano) {
            int base = oldest() * STRIDE;
            return before(data[base + EXP_SEC], (int) (data[base + NANO_APP] >>> 32), nowSec, nowNano);
        }

        /** Removes the nonce closest to expiry; the table must not be empty. @return its app id */
        int removeOldest() {
            int s = oldest();
            if (ringSize > 0 && ring[ringHead] == s) {
                ringHead = (ringHead + 1) % ring.length;
                ringSize--;
            } else {
                heapPop();
            }
            removeIndex(s);
            if (longNonces != null) {
                longNonces[s] = null;
            }
            freeSlots[freeCount++] = s;
            size--;
            return (int) data[s * STRIDE + NANO_APP];
        }

        private void heapPush(int s) {
            int i = heapSize++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!less(s, heap[parent])) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = s;
        }

        private void heapPop() {
            int last = heap[--heapSize];
            int i = 0;
            int half = heapSize >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < heapSize && less(heap[right], heap[child])) {
                    child = right;
                }
                if (!less(heap[child], last)) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            if (heapSize > 0) {
                heap[i] = last;
            }
        }
    }
}
