package io.github.privatenumber.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hands out SHA-256 instances in a given state. Cloning a prepared instance is several times cheaper than
 * {@link MessageDigest#getInstance} and, for HMAC, saves hashing the padded key again; a provider whose digests
 * cannot be cloned falls back to building the state afresh. Thread-safe: the prototype is never updated after
 * construction, only cloned.
 */
final class Sha256 {

    /** Bytes of SHA-256 output. */
    static final int LENGTH = 32;

    private final MessageDigest prototype;
    private final byte[] prefix;
    private final boolean cloneable;

    /**
     * @param prefix the bytes every handed-out digest has already absorbed (not copied; the caller keeps it unchanged)
     */
    Sha256(byte[] prefix) {
        this.prefix = prefix;
        this.prototype = newDigest();
        prototype.update(prefix);
        boolean canClone;
        try {
            prototype.clone();
            canClone = true;
        } catch (CloneNotSupportedException e) {
            canClone = false;
        }
        this.cloneable = canClone;
    }

    /**
     * @return a digest that has absorbed the prefix and nothing else; owned by the caller
     */
    MessageDigest start() {
        if (cloneable) {
            try {
                return (MessageDigest) prototype.clone();
            } catch (CloneNotSupportedException e) {
                // checked in the constructor; fall through to the slow path
            }
        }
        MessageDigest fresh = newDigest();
        fresh.update(prefix);
        return fresh;
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
