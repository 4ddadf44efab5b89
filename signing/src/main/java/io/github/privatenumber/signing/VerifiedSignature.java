package io.github.privatenumber.signing;

import io.github.privatenumber.core.Masking;
import java.time.Instant;
import java.util.Objects;

/**
 * What a successful {@link SignatureVerifier#verify} established. Immutable and thread-safe.
 *
 * @param appKey the app key that signed (the token's {@code Username})
 * @param scheme the scheme used
 * @param nonce the nonce, now recorded as used
 * @param created the token's {@code Created}
 */
public record VerifiedSignature(String appKey, Scheme scheme, String nonce, Instant created) {

    /**
     * Checks the components.
     *
     * @param appKey the app key that signed
     * @param scheme the scheme used
     * @param nonce the nonce
     * @param created the token's {@code Created}
     * @throws NullPointerException if a component is {@code null}
     */
    public VerifiedSignature {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(created, "created");
    }

    /**
     * @return the components with the nonce masked
     */
    @Override
    public String toString() {
        return "VerifiedSignature[appKey=" + Masking.maskText(appKey) + ", scheme=" + scheme + ", nonce="
                + Masking.mask(nonce) + ", created=" + created + "]";
    }
}
