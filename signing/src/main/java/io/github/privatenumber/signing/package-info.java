/**
 * Signing and verification of the platform's {@code UsernameToken} headers: {@code Authorization} plus
 * {@code X-AKSK} (HMAC-SHA256) and the legacy {@code X-WSSE} (plain SHA-256).
 *
 * <p>Outbound: an {@link io.github.privatenumber.signing.AkskSigner} (or
 * {@link io.github.privatenumber.signing.WsseSigner}) produces fresh {@link io.github.privatenumber.signing.SignedHeaders}
 * on every call, with a new nonce and the current UTC time. Inbound: a
 * {@link io.github.privatenumber.signing.SignatureVerifier} checks the headers of a push (or, in the simulator, of a
 * request) and returns a {@link io.github.privatenumber.signing.VerifiedSignature} or throws a
 * {@link io.github.privatenumber.core.SignatureVerificationException} whose reason says which check failed.
 *
 * <h2>Null contract</h2>
 * <ul>
 *   <li>No method returns {@code null}; absent optional results are {@link java.util.Optional#empty()}.</li>
 *   <li>No parameter accepts {@code null} unless its documentation says so; passing {@code null} throws an
 *       {@link io.github.privatenumber.core.InvalidValueException} whose {@code field()} names the parameter, like
 *       any other invalid value.</li>
 *   <li>The exceptions are the parsers of received text ({@link io.github.privatenumber.signing.UsernameToken#parse},
 *       {@link io.github.privatenumber.signing.AuthorizationHeader#parse},
 *       {@link io.github.privatenumber.signing.CreatedTime#parse}): a {@code null} there stands for an absent header
 *       value and is rejected with a {@link io.github.privatenumber.core.SignatureVerificationException}, like any
 *       other unreadable input. A header lookup function given to the verifier returns {@code null} for a header that
 *       is absent.</li>
 * </ul>
 *
 * <h2>Secrets</h2>
 * No {@code toString()} and no exception message of this package contains an app secret, a digest (expected or
 * received) or a nonce in clear; values received from the network are only echoed when they are short, printable
 * and passed through {@link io.github.privatenumber.core.Masking}.
 */
package io.github.privatenumber.signing;
