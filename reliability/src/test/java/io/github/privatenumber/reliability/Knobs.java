package io.github.privatenumber.reliability;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The suite's settings, from system properties (a {@code -D} on the Maven command line reaches the test JVM), and its
 * seeds. Every random choice of the suite comes from {@link #random(String)}: one base seed, printed at start, derived
 * per purpose, so a failing run is replayed with {@code -Dreliability.seed=<printed value>}.
 */
final class Knobs {

    static final String SEED_PROPERTY = "reliability.seed";

    private static final long BASE_SEED = baseSeed();

    private Knobs() {
    }

    private static long baseSeed() {
        String given = System.getProperty(SEED_PROPERTY);
        long seed = given != null && !given.isBlank() ? Long.parseLong(given.strip()) : new SecureRandom().nextLong();
        System.out.println("[reliability] seed=" + seed + " (replay with -D" + SEED_PROPERTY + "=" + seed + ")"
                + (given != null ? " [given]" : " [random]"));
        return seed;
    }

    /** @return the base seed of this run */
    static long seed() {
        return BASE_SEED;
    }

    /**
     * @param purpose what the generator is for; distinct purposes get independent streams
     * @return a generator seeded from the base seed and the purpose
     */
    static Random random(String purpose) {
        long h = 1125899906842597L;
        for (int i = 0; i < purpose.length(); i++) {
            h = 31 * h + purpose.charAt(i);
        }
        return new Random(BASE_SEED ^ (h * 0x9E3779B97F4A7C15L));
    }

    /**
     * @param name a system property
     * @param defaultValue used when it is absent
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the value
     */
    static int integer(String name, int defaultValue, int min, int max) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        int n = Integer.parseInt(v.strip());
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + n);
        }
        return n;
    }
}
