package io.github.privatenumber.signing;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.SignatureVerificationException;
import java.time.Instant;

/**
 * The value of an {@code X-AKSK} or {@code X-WSSE} header:
 * {@code UsernameToken Username="..",PasswordDigest="..",Nonce="..",Created=".."}. Immutable and thread-safe.
 *
 * <p>{@link #toString()} hides the digest and masks the nonce.
 *
 * @param username the app key, 1–128 visible ASCII characters without double quotes
 * @param passwordDigest the Base64 digest, 1–128 characters of the standard Base64 alphabet
 * @param nonce 1–128 ASCII letters or digits
 * @param created UTC time as {@code yyyy-MM-dd'T'HH:mm:ss'Z'} (see {@link CreatedTime})
 */
public record UsernameToken(String username, String passwordDigest, String nonce, String created) {

    private static final String KEYWORD = "UsernameToken";
    private static final String[] KEYWORDS = {KEYWORD};
    private static final String[] ATTRIBUTES = {"Username", "PasswordDigest", "Nonce", "Created"};

    /**
     * Checks every value against its rule.
     *
     * @param username the app key
     * @param passwordDigest the Base64 digest
     * @param nonce the nonce
     * @param created the UTC {@code Created} text
     * @throws InvalidValueException naming the attribute ({@code Username}, {@code PasswordDigest}, {@code Nonce}
     *     or {@code Created}) whose value breaks its rule, {@code null} included; the message never shows the
     *     digest
     */
    public UsernameToken {
        require(ATTRIBUTES[0], TokenRules.usernameProblem(username));
        require(ATTRIBUTES[1], TokenRules.digestProblem(passwordDigest));
        require(ATTRIBUTES[2], TokenRules.nonceProblem(nonce));
        require(ATTRIBUTES[3], CreatedTime.problem(created));
        try {
            CreatedTime.parse(created);
        } catch (SignatureVerificationException e) {
            throw new InvalidValueException(ATTRIBUTES[3], "is not a real UTC date and time");
        }
    }

    private static void require(String attribute, String problem) {
        if (problem != null) {
            throw new InvalidValueException(attribute, problem);
        }
    }

    /**
     * Reads a received header value. Accepts the four attributes in any order, with or without spaces after the
     * commas, with spaces (or tabs) around {@code =} and around the whole value; attribute names are matched
     * without regard to case; unknown attributes are ignored.
     *
     * @param headerValue the received value; {@code null} is rejected like any malformed value
     * @return the token, its values checked by the rules of {@link UsernameToken}
     * @throws SignatureVerificationException with reason {@code MALFORMED_HEADER} if the value is empty or blank,
     *     longer than 1024 characters, contains a non-ASCII or control character (other than a tab), does not start
     *     with {@code UsernameToken}, has an unquoted or unterminated value, lacks or repeats one of the four
     *     attributes, or holds a value that breaks its rule; the message names the attribute and never shows the
     *     digest
     */
    public static UsernameToken parse(String headerValue) {
        return parse(KEYWORD, headerValue);
    }

    /**
     * As {@link #parse(String)}, naming {@code header} in messages.
     */
    static UsernameToken parse(String header, String headerValue) {
        HeaderSyntax.Parsed parsed = HeaderSyntax.parse(header, headerValue, KEYWORDS, "must start with " + KEYWORD,
                ATTRIBUTES);
        String[] v = parsed.values();
        for (int i = 0; i < ATTRIBUTES.length; i++) {
            if (v[i] == null) {
                throw HeaderSyntax.malformed(header, "lacks the attribute " + ATTRIBUTES[i]);
            }
        }
        try {
            return new UsernameToken(v[0], v[1], v[2], v[3]);
        } catch (InvalidValueException e) {
            throw HeaderSyntax.malformed(header, "attribute " + e.getMessage());
        }
    }

    /** The values of a token header in its canonical form, already checked, with {@code Created} read. */
    record Canonical(String username, String passwordDigest, String nonce, String created, Instant createdInstant) {
    }

    private static final String C_USERNAME = KEYWORD + " Username=\"";
    private static final String C_DIGEST = "\",PasswordDigest=\"";
    private static final String C_NONCE = "\",Nonce=\"";
    private static final String C_CREATED = "\",Created=\"";

    /**
     * Reads a header value in exactly the form the platform and this SDK send ({@link #toHeaderValue()}: the four
     * attributes in the documented order, no spaces) in one pass, with every value checked by its rule. Anything
     * else, or any value that breaks a rule, gives {@code null}: then {@link #parse(String, String)} reads it (or says
     * what is wrong with it). For a value this accepts, that parse gives the same four values.
     */
    static Canonical canonical(String value) {
        if (value == null || !value.startsWith(C_USERNAME)) {
            return null;
        }
        int from = C_USERNAME.length();
        int to = scan(value, from, USERNAME, AppCredentials.MAX_LENGTH);
        if (to < 0 || !value.startsWith(C_DIGEST, to)) {
            return null;
        }
        String username = value.substring(from, to);
        from = to + C_DIGEST.length();
        to = scan(value, from, DIGEST, TokenRules.MAX_DIGEST);
        if (to < 0 || !value.startsWith(C_NONCE, to)) {
            return null;
        }
        String digest = value.substring(from, to);
        from = to + C_NONCE.length();
        to = scan(value, from, NONCE, TokenRules.MAX_NONCE);
        if (to < 0 || !value.startsWith(C_CREATED, to)) {
            return null;
        }
        String nonce = value.substring(from, to);
        from = to + C_CREATED.length();
        to = from + CreatedTime.LENGTH;
        if (value.length() != to + 1 || value.charAt(to) != '"') {
            return null;
        }
        String created = value.substring(from, to);
        Instant at;
        try {
            // its shape and calendar
            at = CreatedTime.parse(created);
        } catch (SignatureVerificationException e) {
            return null;
        }
        return new Canonical(username, digest, nonce, created, at);
    }

    private static final int USERNAME = 0;
    private static final int DIGEST = 1;
    private static final int NONCE = 2;

    /**
     * @return the index of the double quote that ends a value starting at {@code from}, when the value has 1 to
     *     {@code max} characters that all follow the rule of {@code kind}; else -1
     */
    private static int scan(String s, int from, int kind, int max) {
        int n = Math.min(s.length(), from + max + 1);
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return i > from ? i : -1;
            }
            boolean ok = switch (kind) {
                case USERNAME -> TokenRules.isUsernameChar(c);
                case DIGEST -> TokenRules.isBase64Char(c);
                default -> TokenRules.isNonceChar(c);
            };
            if (!ok) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * @return the instant of {@link #created()}
     */
    public Instant createdInstant() {
        return CreatedTime.parse(created);
    }

    /**
     * @return the header value in the form this SDK sends: no spaces after the commas, attributes in the documented
     *     order
     */
    public String toHeaderValue() {
        return KEYWORD + " Username=\"" + username + "\",PasswordDigest=\"" + passwordDigest + "\",Nonce=\"" + nonce
                + "\",Created=\"" + created + "\"";
    }

    /**
     * @return the attributes with the digest replaced by asterisks and the nonce masked
     */
    @Override
    public String toString() {
        return "UsernameToken[username=" + Masking.maskText(username) + ", passwordDigest=******, nonce="
                + Masking.mask(nonce) + ", created=" + created + "]";
    }
}
