package io.github.privatenumber.notifications;

/**
 * The keys of an {@link InMemoryDeduplicationStore} claimed and not yet confirmed or released: as many as records
 * are being delivered at once, so few. Open addressing with linear probing over the store's seeded hash (which the
 * store has computed for the same key anyway), removal by shifting the following run back; no entry object per
 * claim. Grows with the most claims held at once, never shrinks. Not thread-safe; used under the store's lock.
 */
final class ClaimedKeys {

    private String[] keys = new String[16];
    private int[] hashes = new int[16];
    private int size;

    int size() {
        return size;
    }

    /** @return whether {@code key} was added (it was not held) */
    boolean add(String key, int hash) {
        int m = keys.length - 1;
        int i = hash & m;
        for (String k; (k = keys[i]) != null; i = (i + 1) & m) {
            if (hashes[i] == hash && k.equals(key)) {
                return false;
            }
        }
        keys[i] = key;
        hashes[i] = hash;
        if (++size * 2 > keys.length) {
            grow();
        }
        return true;
    }

    /** Removes {@code key} if it is held. */
    void remove(String key, int hash) {
        int m = keys.length - 1;
        int i = hash & m;
        for (String k; (k = keys[i]) != null; i = (i + 1) & m) {
            if (hashes[i] == hash && k.equals(key)) {
                shiftBack(i);
                size--;
                return;
            }
        }
    }

    private void shiftBack(int hole) {
        int m = keys.length - 1;
        for (int j = (hole + 1) & m; keys[j] != null; j = (j + 1) & m) {
            int home = hashes[j] & m;
            // the key at j stays unless its home lies cyclically outside (hole, j]
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                keys[hole] = keys[j];
                hashes[hole] = hashes[j];
                hole = j;
            }
        }
        keys[hole] = null;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        keys = new String[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        int m = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = oldHashes[j] & m;
                while (keys[i] != null) {
                    i = (i + 1) & m;
                }
                keys[i] = oldKeys[j];
                hashes[i] = oldHashes[j];
            }
        }
    }
}
