package io.github.privatenumber.simulator.internal.http;

import io.github.privatenumber.core.SignatureVerificationException;
import io.github.privatenumber.signing.SignatureVerifier;
import io.github.privatenumber.signing.VerifiedSignature;
import io.github.privatenumber.simulator.internal.ApiException;
import io.github.privatenumber.simulator.internal.ResultCodes;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Authentication of platform API requests (SPEC section 2) by the signing module's {@link SignatureVerifier}
 * (headers, Username, Created, digest, nonce). When the verifier refuses the headers' form, a structural
 * check of {@code Authorization} and {@code X-AKSK} / {@code X-WSSE} picks the precise 400 code of the
 * problem. Thread-safe.
 *
 * <p>400 codes: 1023006 Authorization missing; 1023007 Authorization not
 * {@code AKSK realm="SDP",profile="UsernameToken",type="Appkey"} (or the WSSE form); 1023008 X-AKSK (X-WSSE)
 * missing; 1023009 X-AKSK not a {@code UsernameToken} attribute list; 1023010 Username missing; 1023011
 * PasswordDigest missing; 1023012 Nonce missing; 1023031 Nonce not 1–128 letters or digits; 1023032 Created
 * missing; 1023033 Created not {@code yyyy-MM-dd'T'HH:mm:ss'Z'}; 1023034 PasswordDigest not Base64 of 32
 * bytes; 1023035 an attribute given twice; 1023036 WSSE switched off; 1023037 {@code Authorization},
 * {@code X-AKSK} or {@code X-WSSE} given twice (see {@link #singleHeaders}), or anything else the verifier
 * cannot read.
 */
public final class AuthCheck {

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{1,128}");
    private static final Pattern CREATED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private final SignatureVerifier verifier;
    private final boolean wsseEnabled;

    /**
     * @param verifier the signing module's verifier, set up with the simulator's apps and skew
     * @param wsseEnabled whether the legacy WSSE scheme is accepted
     */
    public AuthCheck(SignatureVerifier verifier, boolean wsseEnabled) {
        this.verifier = verifier;
        this.wsseEnabled = wsseEnabled;
    }

    /**
     * Checks a request.
     *
     * @param headers header lookup (case-insensitive), {@code null} when absent
     * @param appKey the request's {@code app_key}; {@code null} where the API has none (recording API):
     *     then the Username must be a known app key
     * @param appKeyRequired whether a missing {@code app_key} is an error (binding and callStop APIs)
     * @return the verified app key
     * @throws ApiException with the platform's status and code
     */
    public String check(Function<String, String> headers, String appKey, boolean appKeyRequired) {
        try {
            if (appKeyRequired && (appKey == null || appKey.isEmpty())) {
                verifier.verify(headers); // broken headers are reported first
                throw new ApiException(403, ResultCodes.INVALID_APP_KEY, "app_key query parameter is required");
            }
            // without an app_key (recording API) the Username must merely be a known app key
            VerifiedSignature v = appKeyRequired ? verifier.verify(headers, appKey) : verifier.verify(headers);
            return v.appKey();
        } catch (SignatureVerificationException e) {
            switch (e.reason()) {
                case MISSING_HEADER:
                case MALFORMED_HEADER:
                case SCHEME_DISABLED:
                    // the verifier refused the headers' form: find the precise code (throws), else the generic one
                    structure(headers);
                    throw map(e);
                case BAD_DIGEST:
                    // a digest that is no Base64 of 32 bytes can never match: it is malformed, not wrong
                    digestShape(headers);
                    throw map(e);
                default:
                    throw map(e);
            }
        }
    }

    private static ApiException map(SignatureVerificationException e) {
        switch (e.reason()) {
            case UNKNOWN_USERNAME:
                return new ApiException(403, ResultCodes.INVALID_APP_KEY, "invalid app_key: the Username of X-AKSK is not a known app key");
            case USERNAME_MISMATCH:
                return new ApiException(403, ResultCodes.INVALID_APP_KEY, "invalid app_key: the Username of X-AKSK must equal app_key");
            case BAD_DIGEST:
                return new ApiException(401, ResultCodes.INVALID_DIGEST, "invalid PasswordDigest");
            case REPLAYED_NONCE:
                return new ApiException(401, ResultCodes.INVALID_DIGEST, "invalid PasswordDigest: this Nonce was already used");
            case STALE_CREATED:
                return new ApiException(401, ResultCodes.STALE_CREATED, "Created is too far from the server time");
            case REPLAY_CACHE_FULL:
                // only with a guard that refuses when full: the platform is busy, not the request wrong
                return new ApiException(500, "1010001", "internal error: too many requests inside the window to remember their nonces");
            case SCHEME_DISABLED:
                return new ApiException(400, "1023036", "the legacy WSSE scheme is not accepted by this simulator");
            default:
                return new ApiException(400, "1023037", "Authorization or X-AKSK cannot be read");
        }
    }

    /**
     * Refuses a request that carries an authentication header more than once: which one would count?
     *
     * @param values a header's values by name
     * @throws ApiException 400 1023037 naming the header
     */
    public static void singleHeaders(Function<String, List<String>> values) {
        for (String name : new String[] {"Authorization", "X-AKSK", "X-WSSE"}) {
            if (values.apply(name).size() > 1) {
                throw bad("1023037", "the " + name + " header is given more than once");
            }
        }
    }

    /** The structural checks, run once the verifier refused a request's headers; throws the precise 400. */
    private void structure(Function<String, String> headers) {
        String authorization = headers.apply("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw bad("1023006", "Authorization header is missing");
        }
        String auth = authorization.strip();
        int sp = auth.indexOf(' ');
        String scheme = (sp < 0 ? auth : auth.substring(0, sp)).toUpperCase(java.util.Locale.ROOT);
        boolean wsse = scheme.equals("WSSE");
        if (!scheme.equals("AKSK") && !wsse) {
            throw bad("1023007", "Authorization must be AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"");
        }
        Map<String, String> authAttrs = sp < 0 ? null : attributes(auth.substring(sp + 1));
        if (authAttrs == null || !"SDP".equals(authAttrs.get("realm")) || !"UsernameToken".equals(authAttrs.get("profile"))
                || !"Appkey".equals(authAttrs.get("type"))) {
            throw bad("1023007", "Authorization must be " + scheme + " realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"");
        }
        if (wsse && !wsseEnabled) {
            throw bad("1023036", "the legacy WSSE scheme is not accepted by this simulator");
        }
        String tokenName = wsse ? "X-WSSE" : "X-AKSK";
        String token = headers.apply(tokenName);
        if (token == null || token.isBlank()) {
            throw bad("1023008", tokenName + " header is missing");
        }
        String t = token.strip();
        if (!t.startsWith("UsernameToken ")) {
            throw bad("1023009", tokenName + " must start with UsernameToken");
        }
        Map<String, String> a;
        try {
            a = attributesStrict(t.substring("UsernameToken ".length()));
        } catch (IllegalStateException dup) {
            throw bad("1023035", tokenName + " names the attribute " + dup.getMessage() + " twice");
        }
        if (a == null) {
            throw bad("1023009", tokenName + " must be a list of Name=\"value\" attributes separated by commas");
        }
        if (isEmpty(a.get("Username"))) {
            throw bad("1023010", tokenName + " has no Username");
        }
        if (isEmpty(a.get("PasswordDigest"))) {
            throw bad("1023011", tokenName + " has no PasswordDigest");
        }
        if (isEmpty(a.get("Nonce"))) {
            throw bad("1023012", tokenName + " has no Nonce");
        }
        if (!NONCE.matcher(a.get("Nonce")).matches()) {
            throw bad("1023031", "Nonce must be 1-128 letters or digits");
        }
        if (isEmpty(a.get("Created"))) {
            throw bad("1023032", tokenName + " has no Created");
        }
        if (!CREATED.matcher(a.get("Created")).matches()) {
            throw bad("1023033", "Created must be UTC time like 2018-02-12T15:30:20Z");
        }
        if (!isDigest(a.get("PasswordDigest"))) {
            throw bad("1023034", "PasswordDigest must be the Base64 of a 32-byte SHA-256 value");
        }
    }

    /** Throws 400 1023034 when the token's PasswordDigest is not the Base64 of 32 bytes. */
    private static void digestShape(Function<String, String> headers) {
        String token = headers.apply("X-AKSK");
        if (token == null) {
            token = headers.apply("X-WSSE");
        }
        String t = token == null ? "" : token.strip();
        if (!t.startsWith("UsernameToken ")) {
            return;
        }
        Map<String, String> a = attributes(t.substring("UsernameToken ".length()));
        String digest = a == null ? null : a.get("PasswordDigest");
        if (digest != null && !isDigest(digest)) {
            throw bad("1023034", "PasswordDigest must be the Base64 of a 32-byte SHA-256 value");
        }
    }

    private static boolean isDigest(String digest) {
        try {
            return Base64.getDecoder().decode(digest).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static ApiException bad(String code, String desc) {
        return new ApiException(400, code, desc);
    }

    private static Map<String, String> attributes(String s) {
        try {
            return attributesStrict(s);
        } catch (IllegalStateException dup) {
            return null;
        }
    }

    /**
     * Parses {@code name="value", name="value"} (spaces after commas optional, any order).
     *
     * @return the attributes, or {@code null} when the syntax is wrong
     * @throws IllegalStateException naming an attribute that appears twice
     */
    private static Map<String, String> attributesStrict(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            int nameStart = i;
            while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (i == nameStart || i >= n || s.charAt(i) != '=') {
                return null;
            }
            String name = s.substring(nameStart, i);
            i++;
            if (i >= n || s.charAt(i) != '"') {
                return null;
            }
            int close = s.indexOf('"', i + 1);
            if (close < 0) {
                return null;
            }
            if (out.put(name, s.substring(i + 1, close)) != null) {
                throw new IllegalStateException(name);
            }
            i = close + 1;
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (i == n) {
                return out;
            }
            if (s.charAt(i) != ',') {
                return null;
            }
            i++;
        }
    }
}
