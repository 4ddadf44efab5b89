package io.github.privatenumber.simulator.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/** Generators for the platform's identifiers. Thread-safe. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private static final AtomicLong SEQUENCE = new AtomicLong(1000);

    private Ids() {
    }

    /**
     * @param bytes how many random bytes
     * @return that many random bytes as lower-case hex
     */
    public static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    /** @return the next number of a process-wide sequence */
    public static long next() {
        return SEQUENCE.incrementAndGet();
    }

    /**
     * @param bytes how many random bytes
     * @return random bytes
     */
    public static byte[] randomBytes(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return b;
    }
}
