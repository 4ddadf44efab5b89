package io.github.privatenumber.simulator.internal.state;

import io.github.privatenumber.simulator.NumberPool;

/** A pool number and its current use. Mutable; guarded by the platform lock. */
final class Slot {
    final String appKey;
    final NumberPool.Entry entry;
    final int order;
    /** The subscription this number is X of, or {@code null}. */
    Subscription asX;
    /** In how many active YB pairs this number is Y. */
    int yUses;

    Slot(String appKey, NumberPool.Entry entry, int order) {
        this.appKey = appKey;
        this.entry = entry;
        this.order = order;
    }

    boolean isFree() {
        return asX == null && yUses == 0;
    }
}
