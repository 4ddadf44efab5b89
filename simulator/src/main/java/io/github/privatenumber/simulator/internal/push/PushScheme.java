package io.github.privatenumber.simulator.internal.push;

/** How the simulator signs the pushes it sends (SPEC section 2 and 10). */
public enum PushScheme {
    /** {@code Authorization: AKSK …} and {@code X-AKSK}, HMAC-SHA256: what current pushes use. */
    AKSK,
    /** {@code Authorization: WSSE …} and {@code X-WSSE}, plain SHA-256: the legacy scheme of older pushes. */
    WSSE
}
