package io.github.privatenumber.notifications;

/**
 * The confirmed keys of an {@link InMemoryDeduplicationStore}, in order of confirmation, held in primitive arrays so
 * that a remembered key is no object at all: keys live for hours, and objects per key (a string, a map entry, a time)
 * would be copied by young collections until promoted and, stored into long-lived tables, dirty cards that every
 * young collection scans. Not thread-safe; used under the store's lock.
 *
 * <ul>
 *   <li>Entries sit in a FIFO ring in order of confirmation, {@value #STRIDE} longs each (time of confirmation,
 *       hash, where the key's characters lie and how many), so that one entry is one read.</li>
 *   <li>The characters sit in a FIFO byte ring in the same order: one byte per character for a Latin-1 key, two for
 *       any other. Both rings release space from their head only, which is where keys leave (expiry and eviction are
 *       both oldest-first).</li>
 *   <li>An open-addressing index (linear probing, removal by shifting the following run back, no tombstones) maps a
 *       key to its entry; each index entry holds the hash beside the entry's slot, so that a probe that does not
 *       match never reads the entry. The hash is seeded per store.</li>
 *   <li>A key confirmed again is marked dead where it was and appended anew (it moves to the young end, as the
 *       insertion order of the former {@code LinkedHashMap} had it). Dead entries are dropped when they reach the
 *       head, or compacted away when the ring is full and a quarter of it is dead.</li>
 * </ul>
 * Arrays grow by doubling and are never shrunk; they stay proportional to the most keys held at once.
 */
final class DeliveredKeys {

    private static final int DEAD = 1;
    private static final int WIDE = 2;
    private static final int STRIDE = 4;
    private static final int SEC = 0;
    private static final int OFFSET = 1;
    private static final int NANO_HASH = 2;
    private static final int LENGTH_FLAGS = 3;
    private static final int INITIAL_ENTRIES = 16;
    private static final int INITIAL_BYTES = 1024;

    private final long seed;
    private String lastKey;
    private int lastHash;
    private int live;
    private int dead;

    // entries: absolute positions head .. tail - 1, each in slot position & (entries - 1)
    private long head;
    private long tail;
    private int entries = INITIAL_ENTRIES;
    private long[] data = new long[INITIAL_ENTRIES * STRIDE];

    // characters: absolute offsets arenaHead .. arenaTail - 1, each at offset & (arena.length - 1)
    private byte[] arena = new byte[INITIAL_BYTES];
    private long arenaHead;
    private long arenaTail;

    // the entry's hash in the high half and its slot + 1 in the low half; 0 is empty; at most half full
    private long[] index = new long[2 * INITIAL_ENTRIES];

    DeliveredKeys(long seed) {
        this.seed = seed;
    }

    /** @return how many live keys are held */
    int size() {
        return live;
    }

    /** @return entries in the ring, dead ones included (for tests) */
    int entries() {
        return (int) (tail - head);
    }

    /** @return bytes of key characters in the ring, dead ones included (for tests) */
    long bytes() {
        return arenaTail - arenaHead;
    }

    boolean contains(String key) {
        return findSlot(key, hashOf(key)) >= 0;
    }

    /** Marks {@code key} dead where it is, if it is held. */
    void remove(String key) {
        int slot = findSlot(key, hashOf(key));
        if (slot < 0) {
            return;
        }
        int e = (int) index[slot] - 1;
        removeIndexSlot(slot);
        data[e * STRIDE + LENGTH_FLAGS] |= DEAD;
        live--;
        dead++;
    }

    /** Appends a key that is not held (the caller removed it first), confirmed at the given time. */
    void add(String key, long seconds, int nanos) {
        if (tail - head == entries) {
            rebuild(dead >= entries / 4 ? entries : entries * 2);
        }
        boolean wide = !latin1(key);
        int n = key.length();
        reserveArena(wide ? 2L * n : n);
        int h = hashOf(key);
        int e = slot(tail);
        tail++;
        int base = e * STRIDE;
        data[base + SEC] = seconds;
        data[base + OFFSET] = arenaTail;
        data[base + NANO_HASH] = ((long) nanos << 32) | (h & 0xFFFFFFFFL);
        data[base + LENGTH_FLAGS] = ((long) n << 8) | (wide ? WIDE : 0);
        int am = arena.length - 1;
        long at = arenaTail;
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (wide) {
                arena[(int) (at++ & am)] = (byte) (c >>> 8);
            }
            arena[(int) (at++ & am)] = (byte) c;
        }
        arenaTail = at;
        live++;
        if ((long) live * 2 > index.length) {
            reindex(index.length * 2);
        } else {
            insertIndex(h, e);
        }
    }

    /**
     * Drops entries from the head while they are dead or were confirmed at or before the given time; stops at the
     * first live entry confirmed after it (so a clock that stepped back delays expiry, never skips a key).
     */
    void expireUpTo(long seconds, int nanos) {
        while (tail > head) {
            int base = slot(head) * STRIDE;
            if ((data[base + LENGTH_FLAGS] & DEAD) == 0) {
                long sec = data[base + SEC];
                int nano = (int) (data[base + NANO_HASH] >>> 32);
                if (sec > seconds || (sec == seconds && nano > nanos)) {
                    return;
                }
            }
            dropHead();
        }
    }

    /** Forgets the oldest live key; there must be one. */
    void removeOldest() {
        while ((data[slot(head) * STRIDE + LENGTH_FLAGS] & DEAD) != 0) {
            dropHead();
        }
        dropHead();
    }

    private int slot(long position) {
        return (int) (position & (entries - 1));
    }

    /**
     * The key's characters, eight per step, mixed with the store's seed (so that colliding keys cannot be chosen
     * without it). The last key's hash is kept: a key is claimed, then confirmed with the same instance.
     */
    int hashOf(String key) {
        if (key == lastKey) {
            return lastHash;
        }
        int n = key.length();
        // two lanes of four characters each, so that the multiplications of one step do not wait on each other
        long h = seed ^ (n * 0xC2B2AE3D27D4EB4FL);
        long g = ~seed;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long w = key.charAt(i) | (long) key.charAt(i + 1) << 16 | (long) key.charAt(i + 2) << 32
                    | (long) key.charAt(i + 3) << 48;
            long v = key.charAt(i + 4) | (long) key.charAt(i + 5) << 16 | (long) key.charAt(i + 6) << 32
                    | (long) key.charAt(i + 7) << 48;
            h = (h ^ w) * 0x9E3779B97F4A7C15L;
            g = (g ^ v) * 0xD6E8FEB86659FD93L;
            h ^= h >>> 29;
            g ^= g >>> 31;
        }
        for (; i < n; i++) {
            h = (h ^ key.charAt(i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        h = (h ^ Long.rotateLeft(g, 23)) * 0xBF58476D1CE4E5B9L;
        int result = (int) (h ^ (h >>> 32));
        lastKey = key;
        lastHash = result;
        return result;
    }

    private static boolean latin1(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** @return the index slot pointing at {@code key}'s entry, or -1 */
    private int findSlot(String key, int h) {
        int m = index.length - 1;
        for (int i = h & m; ; i = (i + 1) & m) {
            long x = index[i];
            if (x == 0) {
                return -1;
            }
            if ((int) (x >>> 32) == h && same((int) x - 1, key)) {
                return i;
            }
        }
    }

    private boolean same(int e, String key) {
        int base = e * STRIDE;
        long lengthFlags = data[base + LENGTH_FLAGS];
        int n = key.length();
        if ((lengthFlags >>> 8) != n) {
            return false;
        }
        int am = arena.length - 1;
        long at = data[base + OFFSET];
        if ((lengthFlags & WIDE) != 0) {
            for (int i = 0; i < n; i++) {
                int hi = arena[(int) (at++ & am)] & 0xFF;
                int lo = arena[(int) (at++ & am)] & 0xFF;
                if (((hi << 8) | lo) != key.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < n; i++) {
            if ((arena[(int) (at++ & am)] & 0xFF) != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private long bytesOf(int e) {
        long lengthFlags = data[e * STRIDE + LENGTH_FLAGS];
        return (lengthFlags & WIDE) != 0 ? 2 * (lengthFlags >>> 8) : lengthFlags >>> 8;
    }

    private void dropHead() {
        int e = slot(head);
        if ((data[e * STRIDE + LENGTH_FLAGS] & DEAD) != 0) {
            dead--;
        } else {
            removeIndexSlot(indexSlotOf(e));
            live--;
        }
        head++;
        arenaHead = tail == head ? arenaTail : data[slot(head) * STRIDE + OFFSET];
    }

    /** The index slot pointing at live entry {@code e}. */
    private int indexSlotOf(int e) {
        int m = index.length - 1;
        int i = (int) data[e * STRIDE + NANO_HASH] & m;
        while ((int) index[i] != e + 1) {
            i = (i + 1) & m;
        }
        return i;
    }

    private void insertIndex(int h, int e) {
        int m = index.length - 1;
        int i = h & m;
        while (index[i] != 0) {
            i = (i + 1) & m;
        }
        index[i] = ((long) h << 32) | (e + 1);
    }

    private void removeIndexSlot(int hole) {
        int m = index.length - 1;
        for (int j = (hole + 1) & m; index[j] != 0; j = (j + 1) & m) {
            int home = (int) (index[j] >>> 32) & m;
            // the entry at j stays unless its home lies cyclically outside (hole, j]
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                index[hole] = index[j];
                hole = j;
            }
        }
        index[hole] = 0;
    }

    private void reindex(int newLength) {
        index = new long[newLength];
        for (long p = head; p < tail; p++) {
            int e = slot(p);
            int base = e * STRIDE;
            if ((data[base + LENGTH_FLAGS] & DEAD) == 0) {
                insertIndex((int) data[base + NANO_HASH], e);
            }
        }
    }

    private void reserveArena(long bytes) {
        long needed = arenaTail - arenaHead + bytes;
        if (needed <= arena.length) {
            return;
        }
        long n = arena.length;
        while (n < needed) {
            n *= 2;
        }
        if (n > 1 << 30) {
            throw new IllegalStateException("the de-duplication store's keys exceed 1 GiB");
        }
        byte[] grown = new byte[(int) n];
        copy(arena, arenaHead, grown, arenaHead, arenaTail - arenaHead);
        arena = grown;
    }

    /**
     * Copies {@code count} bytes from absolute offset {@code from} of ring {@code src} to absolute offset {@code to}
     * of ring {@code dst} (each offset taken modulo its ring's length), in contiguous runs.
     */
    private static void copy(byte[] src, long from, byte[] dst, long to, long count) {
        while (count > 0) {
            int s = (int) (from & (src.length - 1));
            int d = (int) (to & (dst.length - 1));
            int run = (int) Math.min(count, Math.min(src.length - s, dst.length - d));
            System.arraycopy(src, s, dst, d, run);
            from += run;
            to += run;
            count -= run;
        }
    }

    /** Lays the live entries out again from position 0 in a ring of {@code newEntries}, dropping dead ones. */
    private void rebuild(int newEntries) {
        if (newEntries > (Integer.MAX_VALUE - 16) / STRIDE) {
            throw new IllegalStateException("the de-duplication store holds more keys than one array can");
        }
        long[] d2 = new long[newEntries * STRIDE];
        byte[] a2 = new byte[arena.length];
        int k = 0;
        long at = 0;
        for (long p = head; p < tail; p++) {
            int base = slot(p) * STRIDE;
            if ((data[base + LENGTH_FLAGS] & DEAD) != 0) {
                continue;
            }
            int to = k * STRIDE;
            d2[to + SEC] = data[base + SEC];
            d2[to + OFFSET] = at;
            d2[to + NANO_HASH] = data[base + NANO_HASH];
            d2[to + LENGTH_FLAGS] = data[base + LENGTH_FLAGS];
            long bytes = bytesOf(slot(p));
            copy(arena, data[base + OFFSET], a2, at, bytes);
            at += bytes;
            k++;
        }
        data = d2;
        entries = newEntries;
        arena = a2;
        head = 0;
        tail = k;
        dead = 0;
        arenaHead = 0;
        arenaTail = at;
        // the index holds slots of the old layout: rebuild it, at least twice the ring's length
        reindex(Math.max(index.length, 2 * newEntries));
    }
}
