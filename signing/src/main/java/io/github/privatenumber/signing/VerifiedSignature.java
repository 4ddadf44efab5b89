package io.github.privatenumber.signing;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.Masking;
import java.time.Instant;

/**
 * What a successful {@link SignatureVerifier#verify} established. Immutable and thread-safe.
 *
 * @param appKey the app key that signed (the token's {@code Username}): 1–128 visible ASCII characters
 *     without double quotes
 * @param scheme the scheme used
 * @param nonce the nonce, now recorded as used: 1–128 ASCII letters or digits
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
     * @throws InvalidValueException naming the component that is {@code null}, or ({@code appKey},
     *     {@code nonce}) that breaks the rule of a {@code UsernameToken}'s {@code Username} or {@code Nonce}
     */
    public VerifiedSignature {
        String problem = TokenRules.usernameProblem(appKey);
        if (problem != null) {
            throw new InvalidValueException("appKey", problem);
        }
        Args.required("scheme", scheme);
        problem = TokenRules.nonceProblem(nonce);
        if (problem != null) {
            throw new InvalidValueException("nonce", problem);
        }
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
