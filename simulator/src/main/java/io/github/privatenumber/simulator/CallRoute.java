package io.github.privatenumber.simulator;

/** How the simulated platform handled a call, decided from the bindings when the call arrived. */
public enum CallRoute {
    /** A dialled Y and reached B; B saw X. CDR direction 1. */
    A_TO_B,
    /** B dialled X and reached A; A saw Y. CDR direction 0. */
    B_TO_A,
    /** Someone without a YB on the relation dialled X; the platform allocated a Y for them (auto YB), then as {@link #B_TO_A}. */
    B_TO_A_AUTO_Y,
    /** The relation's callDirection forbids this direction: hang-up code 8014. */
    DIRECTION_BLOCKED,
    /** A bound number dialled its own privacy number (A dialled X, or B dialled Y): hang-up code 8032. */
    OWN_PRIVACY_NUMBER,
    /** The dialled privacy number has no binding for this caller: hang-up code 8030. */
    NO_BINDING,
    /** A Y was needed for the caller but none could be allocated: hang-up code 8031. */
    Y_ALLOCATION_FAILED,
    /** A fixed-line number tried to call; fixed lines can only receive calls: hang-up code 8023. */
    FIXED_LINE_CALLER;

    /** @return whether the call was forwarded to a callee */
    public boolean routed() {
        return this == A_TO_B || this == B_TO_A || this == B_TO_A_AUTO_Y;
    }
}
