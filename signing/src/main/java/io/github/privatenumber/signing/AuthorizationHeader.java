package io.github.privatenumber.signing;

import io.github.privatenumber.core.SignatureVerificationException;

/**
 * Reads and writes the {@code Authorization} header of the platform's two schemes:
 * {@code AKSK realm="SDP",profile="UsernameToken",type="Appkey"} and the same with {@code WSSE}. Pure functions,
 * thread-safe.
 */
public final class AuthorizationHeader {

    private static final String[] ATTRIBUTES = {"realm", "profile", "type"};
    private static final String[] REQUIRED = {"SDP", "UsernameToken", "Appkey"};
    private static final String[] SCHEMES = {Scheme.AKSK.name(), Scheme.WSSE.name()};
    private static final String HEADER = SignedHeaders.AUTHORIZATION;

    private AuthorizationHeader() {
    }

    /**
     * Reads a received {@code Authorization} value. The scheme and the attribute names are matched without regard to
     * case (as HTTP does for auth schemes and parameters), the attributes may come in any order with any spacing,
     * unknown attributes are ignored; the values of {@code realm}, {@code profile} and {@code type} must be exactly
     * {@code SDP}, {@code UsernameToken} and {@code Appkey}.
     *
     * @param headerValue the received value; {@code null} is rejected like any malformed value
     * @return the scheme it announces
     * @throws SignatureVerificationException with reason {@code MALFORMED_HEADER} for another scheme, a missing,
     *     repeated or wrong attribute, broken syntax, a value longer than 1024 characters or non-ASCII or control
     *     characters
     */
    public static Scheme parse(String headerValue) {
        // the exact values this SDK and the platform send read as their scheme without parsing
        if (Scheme.AKSK.authorizationValue().equals(headerValue)) {
            return Scheme.AKSK;
        }
        if (Scheme.WSSE.authorizationValue().equals(headerValue)) {
            return Scheme.WSSE;
        }
        HeaderSyntax.Parsed parsed = HeaderSyntax.parse(HEADER, headerValue, SCHEMES,
                "does not announce a supported scheme (AKSK or WSSE)", ATTRIBUTES);
        Scheme scheme = parsed.keyword().equalsIgnoreCase(Scheme.AKSK.name()) ? Scheme.AKSK : Scheme.WSSE;
        String[] v = parsed.values();
        for (int i = 0; i < ATTRIBUTES.length; i++) {
            if (v[i] == null) {
                throw HeaderSyntax.malformed(HEADER, "lacks the attribute " + ATTRIBUTES[i]);
            }
            if (!v[i].equals(REQUIRED[i])) {
                throw HeaderSyntax.malformed(HEADER, "attribute " + ATTRIBUTES[i] + " must be \"" + REQUIRED[i]
                        + "\", got " + HeaderSyntax.echo(v[i]));
            }
        }
        return scheme;
    }

    /**
     * @param scheme the scheme
     * @return the exact value this SDK sends, the same as {@link Scheme#authorizationValue()}
     * @throws io.github.privatenumber.core.InvalidValueException (field {@code scheme}) if {@code scheme} is
     *     {@code null}
     */
    public static String format(Scheme scheme) {
        return Args.required("scheme", scheme).authorizationValue();
    }
}
