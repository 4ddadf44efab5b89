package io.github.privatenumber.core;

/**
 * A signed request (an inbound push, or a request the simulator received) failed verification. The
 * {@link #reason()} says which check failed; the message never contains the secret or the digest.
 */
public class SignatureVerificationException extends PrivateNumberException {

    /** Which check failed. */
    public enum Reason {
        /** {@code Authorization} or {@code X-AKSK} / {@code X-WSSE} is absent. */
        MISSING_HEADER,
        /** A header is present but cannot be read: wrong scheme, syntax, attribute missing, bad format. */
        MALFORMED_HEADER,
        /** The {@code Username} is not a known app key. */
        UNKNOWN_USERNAME,
        /** The {@code Username} is not the app key the request is made for. */
        USERNAME_MISMATCH,
        /** The {@code PasswordDigest} does not match. */
        BAD_DIGEST,
        /** {@code Created} lies outside the allowed clock skew. */
        STALE_CREATED,
        /** The nonce was already used inside the window. */
        REPLAYED_NONCE,
        /** The request uses a scheme that is switched off (legacy WSSE). */
        SCHEME_DISABLED,
        /**
         * The request was otherwise valid, but too many requests arrived inside the window to remember their
         * nonces; retry later. The verifier's replay memory is bounded and fails closed: when it is full of nonces
         * that are still inside the window, a new nonce is refused rather than evicting a remembered one, because
         * an evicted nonce could be replayed. Only requests with a valid digest are remembered, so only a holder of
         * the app's secret can fill the memory. A receiver answers such a push with a failure status (503 says
         * "try again later"; 401 also works, as for every verification failure) and the platform pushes it again
         * later. Size the capacity to at least the peak request rate × 2 × the allowed skew so that this never
         * happens in normal operation.
         */
        REPLAY_CACHE_FULL
    }

    private final Reason reason;

    /**
     * @param reason which check failed; never {@code null}
     * @param detail a human explanation without secrets, digests or phone numbers; never {@code null}
     * @throws InvalidValueException (field {@code reason} or {@code detail}) if an argument is {@code null}
     */
    public SignatureVerificationException(Reason reason, String detail) {
        super(message(reason, detail));
        this.reason = reason;
    }

    private static String message(Reason reason, String detail) {
        if (reason == null) {
            throw new InvalidValueException("reason", "is required");
        }
        if (detail == null) {
            throw new InvalidValueException("detail", "is required");
        }
        return "signature verification failed (" + reason + "): " + detail;
    }

    /**
     * @return which check failed
     */
    public Reason reason() {
        return reason;
    }
}
