package io.github.privatenumber.signing;

/**
 * Signs outbound requests for one app. Implementations ({@link AkskSigner}, {@link WsseSigner}) are immutable and
 * thread-safe: share one per app.
 */
public sealed interface Signer permits AkskSigner, WsseSigner {

    /**
     * Signs one request, with a fresh nonce and the clock's current second as UTC {@code Created}. Call it for every
     * request and again for every retry.
     *
     * @return the two headers to send
     * @throws io.github.privatenumber.core.InvalidValueException on field {@code Nonce} if the nonce source returns
     *     something other than 1–128 ASCII letters or digits, or on field {@code Created} if the clock stands outside
     *     the years 0000–9999
     */
    SignedHeaders sign();

    /**
     * @return the scheme of the headers {@link #sign()} produces
     */
    Scheme scheme();

    /**
     * @return the app key sent as {@code Username}
     */
    String appKey();
}
