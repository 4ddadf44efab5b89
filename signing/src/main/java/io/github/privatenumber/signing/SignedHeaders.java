package io.github.privatenumber.signing;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.SignatureVerificationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.Collections;

/**
 * The two headers that sign one request: {@code Authorization} and {@code X-AKSK} (or {@code X-WSSE}). Made fresh
 * by a signer for every request and every retry; never reuse one. Immutable and thread-safe.
 *
 * <p>{@link #toString()} hides the digest and masks the nonce, so an instance can be logged.
 *
 * @param authorization the value of the {@code Authorization} header
 * @param tokenHeaderName {@code X-AKSK} or {@code X-WSSE}
 * @param tokenHeaderValue the {@code UsernameToken ...} value of that header
 */
public record SignedHeaders(String authorization, String tokenHeaderName, String tokenHeaderValue) {

    /** Name of the {@code Authorization} header. */
    public static final String AUTHORIZATION = "Authorization";

    /**
     * Checks the components.
     *
     * @param authorization the value of the {@code Authorization} header
     * @param tokenHeaderName {@code X-AKSK} or {@code X-WSSE}
     * @param tokenHeaderValue the value of that header
     * @throws InvalidValueException naming the component that is {@code null}; (field {@code authorization} or
     *     {@code tokenHeaderValue}) if a value is empty, blank, or holds a character other than printable ASCII
     *     and tab, such as a line break that would smuggle in another header; (field {@code tokenHeaderName})
     *     unless the name is {@code X-AKSK} or {@code X-WSSE}
     */
    public SignedHeaders {
        // the schemes' own constant values are valid as they stand: a signer passes exactly those instances
        if (authorization != Scheme.AKSK.authorizationValue() && authorization != Scheme.WSSE.authorizationValue()) {
            headerValue("authorization", authorization);
        }
        Args.required("tokenHeaderName", tokenHeaderName);
        headerValue("tokenHeaderValue", tokenHeaderValue);
        if (!tokenHeaderName.equals(Scheme.AKSK.tokenHeaderName()) && !tokenHeaderName.equals(Scheme.WSSE.tokenHeaderName())) {
            throw new InvalidValueException("tokenHeaderName", "must be X-AKSK or X-WSSE");
        }
    }

    private static void headerValue(String field, String value) {
        Args.required(field, value);
        if (value.isEmpty()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        // one pass over every header of every request: a plain range check per character, the blank check only
        // for a value that starts with a space or tab (printable ASCII and tab hold no other whitespace)
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7E || (c < 0x20 && c != '\t')) {
                throw new InvalidValueException(field, "must be printable ASCII (a header value); "
                        + (c > 0x7F ? "non-ASCII" : "control") + " character at index " + i);
            }
        }
        if (HeaderSyntax.isSpace(value.charAt(0)) && value.isBlank()) {
            throw new InvalidValueException(field, "must not be blank");
        }
    }

    /**
     * @return the scheme the token header belongs to
     */
    public Scheme scheme() {
        return tokenHeaderName.equals(Scheme.AKSK.tokenHeaderName()) ? Scheme.AKSK : Scheme.WSSE;
    }

    /**
     * Hands both headers to {@code action}, {@code Authorization} first, e.g. {@code signed.forEach(request::setHeader)}.
     *
     * @param action receives header name and value
     * @throws InvalidValueException (field {@code action}) if {@code action} is {@code null}
     */
    public void forEach(BiConsumer<? super String, ? super String> action) {
        Args.required("action", action);
        action.accept(AUTHORIZATION, authorization);
        action.accept(tokenHeaderName, tokenHeaderValue);
    }

    /**
     * @return an unmodifiable map of the two headers, {@code Authorization} first
     */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>(4);
        forEach(map::put);
        return Collections.unmodifiableMap(map);
    }

    /**
     * @return both headers with the digest replaced by asterisks and the nonce masked
     */
    @Override
    public String toString() {
        String token;
        try {
            token = UsernameToken.parse(tokenHeaderValue).toString();
        } catch (SignatureVerificationException e) {
            token = "(unreadable, " + tokenHeaderValue.length() + " characters, not shown)";
        }
        return "SignedHeaders[" + AUTHORIZATION + ": " + Masking.maskText(authorization) + ", "
                + tokenHeaderName + ": " + token + "]";
    }
}
