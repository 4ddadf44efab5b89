package io.github.privatenumber.signing;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link NonceSource#secureRandom()}. Random bytes come in batches; a batch's slots are claimed with
 * {@link AtomicInteger#getAndIncrement()}, so every slot goes to exactly one caller. No thread-locals: a short-lived
 * (virtual) thread costs no more than a pooled one.
 */
final class SecureRandomNonceSource implements NonceSource {

    private static final int NONCE_BYTES = 16;
    private static final int SLOTS = 64;

    /** Characters of every nonce from this source. */
    static final int LENGTH = 2 * NONCE_BYTES;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random;
    private final Object refillLock = new Object();
    private volatile Batch batch;

    SecureRandomNonceSource(SecureRandom random) {
        this.random = random;
    }

    static SecureRandom defaultRandom() {
        try {
            // Hash_DRBG: much cheaper per byte than NativePRNG, which mixes every read with /dev/urandom
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    @Override
    public String next() {
        byte[] out = new byte[LENGTH];
        nextInto(out, 0);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the next nonce as {@link #LENGTH} ASCII bytes, sparing the signer a string and its re-validation.
     */
    void nextInto(byte[] out, int off) {
        while (true) {
            Batch b = batch;
            if (b != null) {
                int slot = b.next.getAndIncrement();
                if (slot < SLOTS) {
                    hex(b.bytes, slot * NONCE_BYTES, out, off);
                    return;
                }
            }
            synchronized (refillLock) {
                if (batch == b) {
                    byte[] bytes = new byte[SLOTS * NONCE_BYTES];
                    random.nextBytes(bytes);
                    batch = new Batch(bytes);
                }
            }
        }
    }

    private static void hex(byte[] bytes, int from, byte[] out, int off) {
        for (int i = 0; i < NONCE_BYTES; i++) {
            int b = bytes[from + i];
            out[off + 2 * i] = HEX[(b >> 4) & 0xF];
            out[off + 2 * i + 1] = HEX[b & 0xF];
        }
    }

    @Override
    public String toString() {
        return "NonceSource.secureRandom(" + random.getAlgorithm() + ")";
    }

    /** Immutable bytes plus the counter of claimed slots; published through the volatile field. */
    private static final class Batch {
        final byte[] bytes;
        final AtomicInteger next = new AtomicInteger();

        Batch(byte[] bytes) {
            this.bytes = bytes;
        }
    }
}
