package io.github.privatenumber.signing;

import java.security.SecureRandom;

/**
 * Supplies the {@code Nonce} of each signature. A signer asks for a new one on every call, so a retried request
 * never repeats a nonce.
 *
 * <p>A nonce must be 1–128 ASCII letters or digits; signers check what a source returns and reject anything else
 * with an {@link io.github.privatenumber.core.InvalidValueException} on field {@code Nonce}. Implementations must
 * be thread-safe and should never repeat a value: the platform, like {@link SignatureVerifier}, rejects a nonce it
 * has already seen inside its time window. Custom sources exist for tests; production code uses
 * {@link #secureRandom()}.
 */
@FunctionalInterface
public interface NonceSource {

    /**
     * @return the next nonce: 1–128 ASCII letters or digits, never {@code null}
     */
    String next();

    /**
     * The default source: 16 bytes from a {@link SecureRandom} (the JDK's NIST SP 800-90A {@code DRBG} when
     * present, else the platform default), written as 32 upper-case hexadecimal characters, the shape of the
     * dash-less UUIDs in Huawei's samples.
     *
     * <p>The random bytes are drawn 64 nonces at a time and handed out with an atomic counter, so a call costs
     * tens of nanoseconds and threads rarely wait for each other; each byte is handed out once. Thread-safe.
     * Every call returns a new, independently seeded source.
     *
     * @return a new source
     */
    static NonceSource secureRandom() {
        return new SecureRandomNonceSource(SecureRandomNonceSource.defaultRandom());
    }

    /**
     * Like {@link #secureRandom()} but drawing from the given generator, e.g. one from a FIPS provider.
     *
     * @param random a thread-safe generator; only this source should use it
     * @return a new source
     * @throws io.github.privatenumber.core.InvalidValueException (field {@code random}) if {@code random} is
     *     {@code null}
     */
    static NonceSource secureRandom(SecureRandom random) {
        return new SecureRandomNonceSource(Args.required("random", random));
    }
}
