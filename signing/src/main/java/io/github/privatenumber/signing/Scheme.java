package io.github.privatenumber.signing;

/**
 * The two signature schemes of the platform. Each names the value of the {@code Authorization} header and the
 * header that carries the {@code UsernameToken}. Immutable and thread-safe.
 */
public enum Scheme {

    /** HMAC-SHA256 over nonce and created, keyed with the app secret; header {@code X-AKSK}. The current scheme. */
    AKSK("X-AKSK"),

    /** SHA-256 over nonce, created and app secret; header {@code X-WSSE}. Legacy, seen in old integrations and pushes. */
    WSSE("X-WSSE");

    private final String tokenHeaderName;
    private final String authorizationValue;

    Scheme(String tokenHeaderName) {
        this.tokenHeaderName = tokenHeaderName;
        this.authorizationValue = name() + " realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"";
    }

    /**
     * @return the name of the header that carries the {@code UsernameToken}: {@code X-AKSK} or {@code X-WSSE}
     */
    public String tokenHeaderName() {
        return tokenHeaderName;
    }

    /**
     * @return the exact {@code Authorization} value this SDK sends, e.g.
     *     {@code AKSK realm="SDP",profile="UsernameToken",type="Appkey"}
     */
    public String authorizationValue() {
        return authorizationValue;
    }
}
