package io.github.privatenumber.signing;

import io.github.privatenumber.core.AppCredentials;
import java.time.Clock;

/**
 * Signs requests with the legacy scheme: {@code Authorization} and {@code X-WSSE}. Only for old integrations and for imitating older pushes; new code uses {@link AkskSigner}.
 *
 * <p>Every {@link #sign()} produces:
 * <pre>
 * Authorization: WSSE realm="SDP",profile="UsernameToken",type="Appkey"
 * X-WSSE: UsernameToken Username="&lt;appKey&gt;",PasswordDigest="&lt;digest&gt;",Nonce="&lt;nonce&gt;",Created="&lt;created&gt;"
 * </pre>
 * with no space after the commas (as in Huawei's samples), a fresh nonce, {@code Created} the clock's current
 * second in UTC, and the digest {@code Base64(SHA-256(nonce + created + appSecret))} (see {@link Digests#wsse}).
 *
 * <p>Immutable and thread-safe; the secret is prepared once, so a call costs little more than the hash itself.
 * The secret never appears in {@link #toString()}.
 */
public final class WsseSigner implements Signer {

    private final TokenSigner signer;

    private WsseSigner(TokenSigner signer) {
        this.signer = signer;
    }

    /**
     * A signer on the system UTC clock with {@link NonceSource#secureRandom()}.
     *
     * @param credentials the app's key and secret
     * @return the signer
     * @throws io.github.privatenumber.core.InvalidValueException (field {@code credentials}) if
     *     {@code credentials} is {@code null}; (field {@code appKey}) if the app key contains a double quote, which
     *     cannot be sent inside the quoted {@code Username}
     */
    public static WsseSigner of(AppCredentials credentials) {
        return of(credentials, Clock.systemUTC(), NonceSource.secureRandom());
    }

    /**
     * A signer with the given clock and nonce source (for tests, or to share a source). Only the clock's instant is
     * used, never its zone.
     *
     * @param credentials the app's key and secret
     * @param clock where {@code Created} comes from
     * @param nonces where nonces come from; asked once per {@link #sign()}
     * @return the signer
     * @throws io.github.privatenumber.core.InvalidValueException naming the argument ({@code credentials},
     *     {@code clock}, {@code nonces}) that is {@code null}; (field {@code appKey}) if the app key contains a
     *     double quote
     */
    public static WsseSigner of(AppCredentials credentials, Clock clock, NonceSource nonces) {
        return new WsseSigner(new TokenSigner(Scheme.WSSE, credentials, clock, nonces));
    }

    /**
     * Signs one request afresh. Call it for every request and every retry; never reuse the result.
     *
     * @return {@code Authorization} and {@code X-WSSE}
     * @throws io.github.privatenumber.core.InvalidValueException on field {@code Nonce} if the nonce source returns
     *     something other than 1–128 ASCII letters or digits, or on field {@code Created} if the clock stands outside
     *     the years 0000–9999
     */
    @Override
    public SignedHeaders sign() {
        return signer.sign();
    }

    /**
     * @return {@link Scheme#WSSE}
     */
    @Override
    public Scheme scheme() {
        return Scheme.WSSE;
    }

    /**
     * @return the app key sent as {@code Username}
     */
    @Override
    public String appKey() {
        return signer.appKey();
    }

    /**
     * @return the app key, clock and nonce source; never the secret
     */
    @Override
    public String toString() {
        return "WsseSigner" + signer.describe();
    }
}
