package io.github.privatenumber.signing;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.PrivateNumberException;
import io.github.privatenumber.core.SignatureVerificationException;
import io.github.privatenumber.core.SignatureVerificationException.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies the {@code Authorization} and {@code X-AKSK} (or legacy {@code X-WSSE}) headers of a received request,
 * from the header values alone (the digest does not cover the body). Immutable after {@link Builder#build()} apart
 * from its {@link ReplayGuard}; thread-safe.
 *
 * <p>The checks run in this order and the first that fails throws a {@link SignatureVerificationException} with
 * the given reason:
 * <ol>
 *   <li>{@code Authorization} and one of {@code X-AKSK}, {@code X-WSSE} are present — {@code MISSING_HEADER};</li>
 *   <li>{@code Authorization} reads as AKSK or WSSE — {@code MALFORMED_HEADER}; a WSSE request while WSSE is
 *       disabled — {@code SCHEME_DISABLED}; the token header of the announced scheme is absent (only the other one
 *       came) — {@code MALFORMED_HEADER};</li>
 *   <li>the {@code UsernameToken} reads ({@link UsernameToken#parse}) — {@code MALFORMED_HEADER};</li>
 *   <li>the {@code Username} is a known app key — {@code UNKNOWN_USERNAME}; and, when an expected app key is given,
 *       equals it — {@code USERNAME_MISMATCH};</li>
 *   <li>{@code Created} lies within the allowed skew of the clock, either way — {@code STALE_CREATED};</li>
 *   <li>the digest matches, compared in constant time — {@code BAD_DIGEST};</li>
 *   <li>the nonce has not been accepted before for this app inside the window — {@code REPLAYED_NONCE}; and there
 *       is room to remember it until it leaves the window — {@code REPLAY_CACHE_FULL}. The nonce is recorded only
 *       after the digest checked out, so forged requests cannot fill the replay cache.</li>
 * </ol>
 * A header that is present but empty counts as present and fails as {@code MALFORMED_HEADER}. When both token
 * headers are present, only the one of the announced scheme is read. Messages never contain a secret, a digest or
 * a phone number.
 *
 * <p><b>Replay memory.</b> Accepted nonces are kept in a bounded {@link ReplayGuard} that fails closed: when it is
 * full of nonces still inside the window, a request with a new nonce is refused with {@code REPLAY_CACHE_FULL}
 * rather than forgetting a remembered nonce, so a replay inside the window is never accepted. Only holders of an
 * app's secret can fill it; a receiver answers such a push with a failure status (503, or 401) and the platform
 * pushes it again later. Size {@link Builder#replayCapacity(int)} to at least the peak request rate × 2 × the allowed
 * skew, and give each app its own share with {@link Builder#replayCapacityPerApp(int)} when one receiver serves
 * several apps.
 *
 * <p><b>Exceptions.</b> {@link SignatureVerificationException} means the request was checked and refused. A
 * {@linkplain Builder#credentialsLookup(Function) credentials lookup} that throws means it could not be checked: that
 * comes out as a plain {@link PrivateNumberException} ("credentials lookup failed", the lookup's exception as its
 * cause), so a receiver can answer 503 and have the push sent again. A {@code null} argument is an
 * {@link InvalidValueException} naming it.
 */
public final class SignatureVerifier {

    /** Header names the verifier asks for. */
    private static final String AUTHORIZATION = SignedHeaders.AUTHORIZATION;

    /** The largest {@link Builder#allowedSkew(Duration)}: one day. */
    public static final Duration MAX_ALLOWED_SKEW = Duration.ofDays(1);

    private final Map<String, Keys> fixed;
    private final Function<String, Optional<AppCredentials>> lookup;
    private final Clock clock;
    private final Duration allowedSkew;
    private final boolean wsseEnabled;
    private final ReplayGuard replayGuard;

    private SignatureVerifier(Builder b) {
        this.fixed = b.credentials.isEmpty() ? null : prepare(b.credentials, b.wsseEnabled);
        this.lookup = b.lookup;
        this.clock = b.clock;
        this.allowedSkew = b.allowedSkew;
        this.wsseEnabled = b.wsseEnabled;
        this.replayGuard = new ReplayGuard(b.replayCapacity,
                b.replayCapacityPerApp == 0 ? b.replayCapacity : b.replayCapacityPerApp, b.replayOverflow);
    }

    private static Map<String, Keys> prepare(Map<String, AppCredentials> credentials, boolean wsse) {
        Map<String, Keys> keys = new HashMap<>();
        credentials.forEach((appKey, c) -> keys.put(appKey, new Keys(c, wsse)));
        return Map.copyOf(keys);
    }

    /**
     * @return a new builder; AKSK is always enabled, WSSE off by default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a request.
     *
     * @param headerLookup returns the value of a header by name, or {@code null} when absent; the caller matches
     *     names without regard to case. Asked for {@code Authorization}, {@code X-AKSK} and {@code X-WSSE}.
     * @return who signed, and how
     * @throws SignatureVerificationException if a check fails (see the class description)
     * @throws PrivateNumberException (not a {@code SignatureVerificationException}) with the message
     *     {@code credentials lookup failed} and the original exception as its cause, if the
     *     {@linkplain Builder#credentialsLookup(Function) credentials lookup} threw: the request could not be
     *     checked, which is not the same as a bad signature (a receiver answers 503 rather than 401, so that the
     *     platform pushes again); the nonce is not recorded
     * @throws InvalidValueException (field {@code headerLookup}) if {@code headerLookup} is {@code null}
     */
    public VerifiedSignature verify(Function<String, String> headerLookup) {
        return verify(headerLookup, null, false);
    }

    /**
     * Verifies a request made for a particular app: as {@link #verify(Function)}, and the token's {@code Username}
     * must equal {@code expectedAppKey} (e.g. the request's {@code app_key}).
     *
     * @param headerLookup as in {@link #verify(Function)}
     * @param expectedAppKey the app key the request must be signed by; any text that is not the signer's app key
     *     (empty included, e.g. an {@code app_key} taken from the request) fails as {@code USERNAME_MISMATCH}
     * @return who signed, and how
     * @throws SignatureVerificationException if a check fails; {@code USERNAME_MISMATCH} for another app key
     * @throws PrivateNumberException if the credentials lookup threw, as in {@link #verify(Function)}
     * @throws InvalidValueException naming the argument ({@code headerLookup}, {@code expectedAppKey}) that is
     *     {@code null}
     */
    public VerifiedSignature verify(Function<String, String> headerLookup, String expectedAppKey) {
        Args.required("headerLookup", headerLookup);
        return verify(headerLookup, Args.required("expectedAppKey", expectedAppKey), true);
    }

    /**
     * Verifies a request whose headers come as a map, such as those of most HTTP servers. Names are matched without
     * regard to case; a header given several times is read once when every value is the same.
     *
     * @param headers header names to values; {@code null} names, lists and values are skipped
     * @return who signed, and how
     * @throws SignatureVerificationException if a check fails, or {@code MALFORMED_HEADER} when one of the three
     *     headers appears more than once with different values
     * @throws PrivateNumberException if the credentials lookup threw, as in {@link #verify(Function)}
     * @throws InvalidValueException (field {@code headers}) if {@code headers} is {@code null}
     */
    public VerifiedSignature verify(Map<String, List<String>> headers) {
        Args.required("headers", headers);
        return verify(name -> single(headers, name));
    }

    /**
     * As {@link #verify(Map)}, and the token's {@code Username} must equal {@code expectedAppKey}.
     *
     * @param headers header names to values
     * @param expectedAppKey the app key the request must be signed by, as in {@link #verify(Function, String)}
     * @return who signed, and how
     * @throws SignatureVerificationException if a check fails
     * @throws PrivateNumberException if the credentials lookup threw, as in {@link #verify(Function)}
     * @throws InvalidValueException naming the argument ({@code headers}, {@code expectedAppKey}) that is
     *     {@code null}
     */
    public VerifiedSignature verify(Map<String, List<String>> headers, String expectedAppKey) {
        Args.required("headers", headers);
        Args.required("expectedAppKey", expectedAppKey);
        return verify(name -> single(headers, name), expectedAppKey);
    }

    private VerifiedSignature verify(Function<String, String> headerLookup, String expectedAppKey, boolean expect) {
        Args.required("headerLookup", headerLookup);
        String authorization = headerLookup.apply(AUTHORIZATION);
        String akskValue = headerLookup.apply(Scheme.AKSK.tokenHeaderName());
        String wsseValue = headerLookup.apply(Scheme.WSSE.tokenHeaderName());
        if (authorization == null) {
            throw new SignatureVerificationException(Reason.MISSING_HEADER, "the Authorization header is absent");
        }
        if (akskValue == null && wsseValue == null) {
            throw new SignatureVerificationException(Reason.MISSING_HEADER, "neither X-AKSK nor X-WSSE is present");
        }

        Scheme scheme = AuthorizationHeader.parse(authorization);
        if (scheme == Scheme.WSSE && !wsseEnabled) {
            throw new SignatureVerificationException(Reason.SCHEME_DISABLED, "the legacy WSSE scheme is not enabled");
        }
        String tokenValue = scheme == Scheme.AKSK ? akskValue : wsseValue;
        if (tokenValue == null) {
            throw HeaderSyntax.malformed(AUTHORIZATION, "announces " + scheme + " but the request carries no "
                    + scheme.tokenHeaderName());
        }

        // the form the platform sends is read in one pass; any other goes through the full parser (same values)
        String username;
        String passwordDigest;
        String nonce;
        String createdText;
        Instant created;
        UsernameToken.Canonical canonical = UsernameToken.canonical(tokenValue);
        if (canonical != null) {
            username = canonical.username();
            passwordDigest = canonical.passwordDigest();
            nonce = canonical.nonce();
            createdText = canonical.created();
            created = canonical.createdInstant();
        } else {
            UsernameToken token = UsernameToken.parse(scheme.tokenHeaderName(), tokenValue);
            username = token.username();
            passwordDigest = token.passwordDigest();
            nonce = token.nonce();
            createdText = token.created();
            created = null;
        }
        DigestFunction digest = digestFunction(username, scheme);
        if (expect && !username.equals(expectedAppKey)) {
            throw new SignatureVerificationException(Reason.USERNAME_MISMATCH, "the Username "
                    + HeaderSyntax.echo(username) + " is not the app key of this request");
        }

        if (created == null) {
            created = CreatedTime.parse(createdText);
        }
        Instant now = clock.instant();
        if (outsideSkew(created, now)) {
            Duration offset = Duration.between(now, created);
            // the distance rounded up and the limit rounded down, so the message never reads "300 s, at most 300 s"
            throw new SignatureVerificationException(Reason.STALE_CREATED, "Created " + createdText + " is "
                    + seconds(offset.abs(), RoundingMode.CEILING) + " s " + (offset.isNegative() ? "behind" : "ahead of")
                    + " the verifier's clock, more than the " + seconds(allowedSkew, RoundingMode.FLOOR)
                    + " s allowed");
        }

        byte[] expected = expectedDigest(digest, nonce, createdText);
        if (!constantTimeEquals(expected, passwordDigest)) {
            throw new SignatureVerificationException(Reason.BAD_DIGEST, "the PasswordDigest of Username "
                    + HeaderSyntax.echo(username) + " does not match");
        }

        switch (replayGuard.admit(username, nonce, created.plus(allowedSkew), now)) {
            case REPLAY -> throw new SignatureVerificationException(Reason.REPLAYED_NONCE, "the nonce was already "
                    + "used inside the allowed window by Username " + HeaderSyntax.echo(username)
                    + "; every request needs a fresh nonce");
            case FULL -> throw new SignatureVerificationException(Reason.REPLAY_CACHE_FULL, "too many requests inside "
                    + "the allowed window to remember their nonces (at most " + replayGuard.capacity() + " in all, "
                    + replayGuard.perAppCapacity() + " per app); retry later");
            case FIRST_USE -> {
                // remembered until it leaves the window
            }
        }
        return new VerifiedSignature(username, scheme, nonce, created);
    }

    /** A duration in seconds with at most three decimals, e.g. {@code 300}, {@code 300.5}, {@code 0.001}. */
    private static String seconds(Duration d, RoundingMode rounding) {
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
                .setScale(3, rounding).stripTrailingZeros().toPlainString();
    }

    private DigestFunction digestFunction(String username, Scheme scheme) {
        if (fixed != null) {
            Keys keys = fixed.get(username);
            if (keys != null) {
                return scheme == Scheme.AKSK ? keys.aksk : keys.wsse;
            }
        } else {
            Optional<AppCredentials> found;
            try {
                found = lookup.apply(username);
            } catch (RuntimeException e) {
                // the request could not be checked: not a verdict on its signature, so not a verification failure
                throw new PrivateNumberException("credentials lookup failed", e);
            }
            // a lookup that answers for another key than asked is treated as not knowing this one
            if (found != null && found.isPresent() && found.get().appKey().equals(username)) {
                return DigestFunction.of(scheme, found.get().appSecret());
            }
        }
        throw new SignatureVerificationException(Reason.UNKNOWN_USERNAME, "the Username " + HeaderSyntax.echo(username)
                + " is not a known app key");
    }

    /**
     * Whether {@code created} lies more than {@link #allowedSkew} from {@code now}, either way: the comparison of
     * {@code Duration.between(now, created).abs()} with the skew, in plain arithmetic ({@code Duration.abs()} of a
     * negative duration goes through {@code BigDecimal}).
     */
    private boolean outsideSkew(Instant created, Instant now) {
        long seconds = created.getEpochSecond() - now.getEpochSecond();
        int nanos = created.getNano() - now.getNano();
        if (nanos < 0) {
            seconds--;
            nanos += 1_000_000_000;
        }
        if (seconds < 0) {
            // the magnitude of seconds + nanos / 1e9
            if (nanos == 0) {
                seconds = -seconds;
            } else {
                seconds = -seconds - 1;
                nanos = 1_000_000_000 - nanos;
            }
        }
        long limit = allowedSkew.getSeconds();
        return seconds > limit || (seconds == limit && nanos > allowedSkew.getNano());
    }

    /**
     * The expected digest as Base64 ASCII bytes, encoded by the JDK (the signers use their own encoder). The nonce
     * and the created value are ASCII (checked by {@link UsernameToken}).
     */
    private static byte[] expectedDigest(DigestFunction digest, String nonce, String created) {
        int n = nonce.length();
        int c = created.length();
        byte[] input = new byte[n + c];
        for (int i = 0; i < n; i++) {
            input[i] = (byte) nonce.charAt(i);
        }
        for (int i = 0; i < c; i++) {
            input[n + i] = (byte) created.charAt(i);
        }
        byte[] raw = new byte[Sha256.LENGTH];
        digest.digest(input, 0, n, n, c, raw);
        return Base64.getEncoder().encode(raw);
    }

    /**
     * {@link MessageDigest#isEqual} of the expected bytes and the received digest's characters (Base64, so ASCII,
     * checked by {@link UsernameToken}), without copying them into bytes: the time does not depend on where they
     * differ, only on the length, which is no secret.
     */
    private static boolean constantTimeEquals(byte[] expected, String received) {
        if (expected.length != received.length()) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < expected.length; i++) {
            difference |= (expected[i] & 0xFF) ^ received.charAt(i);
        }
        return difference == 0;
    }

    private static String single(Map<String, List<String>> headers, String name) {
        String found = null;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || !e.getKey().equalsIgnoreCase(name)) {
                continue;
            }
            for (String value : e.getValue()) {
                if (value == null) {
                    continue;
                }
                if (found == null) {
                    found = value;
                } else if (!found.equals(value)) {
                    throw HeaderSyntax.malformed(name, "appears more than once with different values");
                }
            }
        }
        return found;
    }

    /**
     * @return the nonce cache, e.g. to watch {@link ReplayGuard#refusals()}
     */
    public ReplayGuard replayGuard() {
        return replayGuard;
    }

    /**
     * @return the allowed distance between {@code Created} and the clock, either way
     */
    public Duration allowedSkew() {
        return allowedSkew;
    }

    /**
     * @return whether the legacy WSSE scheme is accepted
     */
    public boolean wsseEnabled() {
        return wsseEnabled;
    }

    /**
     * @return the configuration; never a secret
     */
    @Override
    public String toString() {
        return "SignatureVerifier[" + (fixed != null ? "apps=" + fixed.keySet().stream().sorted().toList() : "apps=lookup")
                + ", clock=" + clock + ", allowedSkew=" + allowedSkew + ", wsseEnabled=" + wsseEnabled
                + ", replayGuard=" + replayGuard + "]";
    }

    /** One app's secret prepared, once, for the enabled schemes. */
    private static final class Keys {
        final DigestFunction aksk;
        final DigestFunction wsse;

        Keys(AppCredentials credentials, boolean wsseEnabled) {
            this.aksk = DigestFunction.of(Scheme.AKSK, credentials.appSecret());
            this.wsse = wsseEnabled ? DigestFunction.of(Scheme.WSSE, credentials.appSecret()) : null;
        }
    }

    /**
     * Configures a {@link SignatureVerifier}. Not thread-safe; {@link #build()} copies what it needs, so a builder
     * may be reused.
     */
    public static final class Builder {

        private final Map<String, AppCredentials> credentials = new HashMap<>();
        private Function<String, Optional<AppCredentials>> lookup;
        private Clock clock = Clock.systemUTC();
        private Duration allowedSkew = Duration.ofMinutes(5);
        private int replayCapacity = ReplayGuard.DEFAULT_CAPACITY;
        /** 0: the same as {@link #replayCapacity}. */
        private int replayCapacityPerApp;
        private ReplayGuard.Overflow replayOverflow = ReplayGuard.Overflow.REFUSE;
        private boolean wsseEnabled;

        private Builder() {
        }

        /**
         * Adds apps whose signatures are accepted; may be called several times. Excludes
         * {@link #credentialsLookup(Function)}.
         *
         * @param credentials the apps' keys and secrets
         * @return this builder
         * @throws InvalidValueException (field {@code credentials}) if the array or an element is {@code null}, or
         *     an app key is given twice with different secrets
         */
        public Builder credentials(AppCredentials... credentials) {
            Args.required("credentials", credentials);
            for (AppCredentials c : credentials) {
                Args.required("credentials", c);
                AppCredentials before = this.credentials.putIfAbsent(c.appKey(), c);
                if (before != null && !before.equals(c)) {
                    throw new InvalidValueException("credentials", "the app key " + c.appKey()
                            + " is given twice with different secrets");
                }
            }
            return this;
        }

        /**
         * Looks up apps on demand instead, e.g. from a store that may change at run time. Called once per
         * verification with the token's {@code Username}, after the headers have been read and before the digest is
         * checked; an empty result, {@code null}, or credentials for another app key mean {@code UNKNOWN_USERNAME}.
         * The function must be thread-safe. A {@link RuntimeException} it throws makes {@code verify} throw a
         * {@link PrivateNumberException} "credentials lookup failed" with it as the cause (not a
         * {@link SignatureVerificationException}: the request could not be checked, so a receiver answers 503 and
         * the platform pushes again). Excludes {@link #credentials(AppCredentials...)}.
         *
         * @param lookup app key to credentials
         * @return this builder
         * @throws InvalidValueException (field {@code credentialsLookup}) if {@code lookup} is {@code null}
         */
        public Builder credentialsLookup(Function<String, Optional<AppCredentials>> lookup) {
            this.lookup = Args.required("credentialsLookup", lookup);
            return this;
        }

        /**
         * @param clock the time {@code Created} is compared with and nonces expire by; default the system UTC clock
         * @return this builder
         * @throws InvalidValueException (field {@code clock}) if {@code clock} is {@code null}
         */
        public Builder clock(Clock clock) {
            this.clock = Args.required("clock", clock);
            return this;
        }

        /**
         * @param allowedSkew how far {@code Created} may lie from the clock, either way, and so how long a nonce is
         *     remembered; default five minutes, at most {@link SignatureVerifier#MAX_ALLOWED_SKEW one day}
         * @return this builder
         * @throws InvalidValueException (field {@code allowedSkew}) if {@code null}, not positive, or longer than
         *     one day
         */
        public Builder allowedSkew(Duration allowedSkew) {
            Args.required("allowedSkew", allowedSkew);
            if (allowedSkew.isNegative() || allowedSkew.isZero()) {
                throw new InvalidValueException("allowedSkew", "must be positive, got " + allowedSkew);
            }
            if (allowedSkew.compareTo(MAX_ALLOWED_SKEW) > 0) {
                throw new InvalidValueException("allowedSkew", "must be at most " + MAX_ALLOWED_SKEW + " (one day), got "
                        + allowedSkew);
            }
            this.allowedSkew = allowedSkew;
            return this;
        }

        /**
         * @param overflow what a full replay memory does with a new nonce: {@link ReplayGuard.Overflow#REFUSE} (the
         *     default: the request fails with {@code REPLAY_CACHE_FULL}, a replay is never accepted) or
         *     {@link ReplayGuard.Overflow#EVICT_OLDEST} (for load-test tools such as the simulator only: the nonce
         *     closest to expiry is forgotten)
         * @return this builder
         * @throws InvalidValueException (field {@code replayOverflow}) if {@code null}
         */
        public Builder replayOverflow(ReplayGuard.Overflow overflow) {
            this.replayOverflow = Args.required("replayOverflow", overflow);
            return this;
        }

        /**
         * @param replayCapacity the most nonces remembered at once, all apps together (see {@link ReplayGuard});
         *     default {@value ReplayGuard#DEFAULT_CAPACITY}. When it is full of nonces still inside the window, new
         *     requests fail with {@code REPLAY_CACHE_FULL} until older nonces leave the window (unless
         *     {@link #replayOverflow} says otherwise): size it to at least the peak accepted requests per second × 2 ×
         *     the allowed skew in seconds
         * @return this builder
         * @throws InvalidValueException (field {@code replayCapacity}) if less than 1
         */
        public Builder replayCapacity(int replayCapacity) {
            if (replayCapacity < 1) {
                throw new InvalidValueException("replayCapacity", "must be at least 1, got " + replayCapacity);
            }
            this.replayCapacity = replayCapacity;
            return this;
        }

        /**
         * @param replayCapacityPerApp the most nonces remembered at once for one app key, so that one app's burst
         *     cannot fill the memory for the others; default: the whole {@link #replayCapacity(int)}, shared by all
         *     apps. Must not exceed {@code replayCapacity} (checked by {@link #build()})
         * @return this builder
         * @throws InvalidValueException (field {@code replayCapacityPerApp}) if less than 1
         */
        public Builder replayCapacityPerApp(int replayCapacityPerApp) {
            if (replayCapacityPerApp < 1) {
                throw new InvalidValueException("replayCapacityPerApp", "must be at least 1, got " + replayCapacityPerApp);
            }
            this.replayCapacityPerApp = replayCapacityPerApp;
            return this;
        }

        /**
         * @param wsseEnabled whether the legacy WSSE scheme is accepted; default {@code false}, so that a WSSE request
         *     fails with {@code SCHEME_DISABLED}
         * @return this builder
         */
        public Builder wsseEnabled(boolean wsseEnabled) {
            this.wsseEnabled = wsseEnabled;
            return this;
        }

        /**
         * @return a new verifier with its own, empty {@link ReplayGuard}
         * @throws InvalidValueException (field {@code credentials}) if neither or both of
         *     {@link #credentials(AppCredentials...)} and {@link #credentialsLookup(Function)} were given; (field
         *     {@code replayCapacityPerApp}) if it exceeds {@code replayCapacity}
         */
        public SignatureVerifier build() {
            if (credentials.isEmpty() == (lookup == null)) {
                throw new InvalidValueException("credentials", credentials.isEmpty()
                        ? "give credentials(..) or credentialsLookup(..)"
                        : "give either credentials(..) or credentialsLookup(..), not both");
            }
            if (replayCapacityPerApp > replayCapacity) {
                throw new InvalidValueException("replayCapacityPerApp", "must not exceed replayCapacity ("
                        + replayCapacity + "), got " + replayCapacityPerApp);
            }
            return new SignatureVerifier(this);
        }
    }
}
