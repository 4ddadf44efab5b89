package io.github.privatenumber.signing;

import io.github.privatenumber.core.Masking;
import java.time.Instant;

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
     * @throws io.github.privatenumber.core.InvalidValueException naming the component that is {@code null}
     */
    public VerifiedSignature {
        Args.required("appKey", appKey);
        Args.required("scheme", scheme);
        Args.required("nonce", nonce);
        Args.required("created", created);
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
