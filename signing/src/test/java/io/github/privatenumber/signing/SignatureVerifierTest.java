package io.github.privatenumber.signing;

import static io.github.privatenumber.signing.DigestsTest.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.SignatureVerificationException;
import io.github.privatenumber.core.SignatureVerificationException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureVerifierTest {

    static final AppCredentials APP = AppCredentials.of("Hx8eT2vZ0app", SECRET);
    static final AppCredentials OTHER = AppCredentials.of("otherApp", "otherSecret0002");
    static final AppCredentials STRANGER = AppCredentials.of("strangerApp", "strangerSecret3");

    TestClock clock;
    AtomicInteger nonceCounter;
    SignatureVerifier verifier;

    @BeforeEach
    void setUp() {
        clock = TestClock.at("2024-06-01T12:00:00Z");
        nonceCounter = new AtomicInteger();
        verifier = SignatureVerifier.builder().credentials(APP, OTHER).clock(clock).wsseEnabled(true).build();
    }

    Signer signer(Scheme scheme, AppCredentials app) {
        NonceSource nonces = () -> "N" + nonceCounter.incrementAndGet();
        return SignerTest.signer(scheme, app, clock, nonces);
    }

    SignedHeaders sign(Scheme scheme) {
        return signer(scheme, APP).sign();
    }

    /** Case-insensitive lookup, as a servlet container provides. */
    static Function<String, String> lookup(SignedHeaders h) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.forEach(map::put);
        return map::get;
    }

    static Function<String, String> lookup(String authorization, String name, String value) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (authorization != null) {
            map.put("Authorization", authorization);
        }
        if (name != null) {
            map.put(name, value);
        }
        return map::get;
    }

    SignatureVerificationException rejected(Reason reason, Function<String, String> headers) {
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class, () -> verifier.verify(headers));
        assertEquals(reason, e.reason(), e.getMessage());
        assertClean(e);
        return e;
    }

    static void assertClean(SignatureVerificationException e) {
        String m = e.getMessage();
        for (AppCredentials c : new AppCredentials[] {APP, OTHER, STRANGER}) {
            assertFalse(m.contains(c.appSecret()), m);
        }
        assertFalse(m.matches("(?s).*[A-Za-z0-9+/]{43}=.*"), "no digest in: " + m);
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void acceptsWhatTheSignerProduces(Scheme scheme) {
        SignedHeaders headers = sign(scheme);
        VerifiedSignature v = verifier.verify(lookup(headers));
        assertEquals(new VerifiedSignature("Hx8eT2vZ0app", scheme, "N1", Instant.parse("2024-06-01T12:00:00Z")), v);
        assertEquals("N2", verifier.verify(lookup(sign(scheme)), "Hx8eT2vZ0app").nonce());
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void acceptsBothSpacingStylesAndEveryAttributeOrder(Scheme scheme) {
        for (String separator : new String[] {",", ", ", " , ", ",\t"}) {
            for (List<Integer> order : UsernameTokenTest.permutations(List.of(0, 1, 2, 3))) {
                SignedHeaders headers = sign(scheme);
                UsernameToken t = UsernameToken.parse(headers.tokenHeaderValue());
                String[] attrs = {
                    "Username=\"" + t.username() + "\"", "PasswordDigest=\"" + t.passwordDigest() + "\"",
                    "Nonce=\"" + t.nonce() + "\"", "Created=\"" + t.created() + "\""
                };
                List<String> parts = new ArrayList<>();
                order.forEach(i -> parts.add(attrs[i]));
                String value = "UsernameToken " + String.join(separator, parts);
                String auth = scheme.name() + " realm=\"SDP\", profile=\"UsernameToken\", type=\"Appkey\"";
                assertEquals(t.nonce(), verifier.verify(lookup(auth, scheme.tokenHeaderName(), value)).nonce());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void rejectsAWrongDigest(Scheme scheme) {
        SignedHeaders headers = sign(scheme);
        UsernameToken t = UsernameToken.parse(headers.tokenHeaderValue());
        char first = t.passwordDigest().charAt(0);
        String forged = (first == 'A' ? 'B' : 'A') + t.passwordDigest().substring(1);
        String value = new UsernameToken(t.username(), forged, t.nonce(), t.created()).toHeaderValue();
        SignatureVerificationException e = rejected(Reason.BAD_DIGEST,
                lookup(headers.authorization(), scheme.tokenHeaderName(), value));
        assertFalse(e.getMessage().contains(forged));
        assertFalse(e.getMessage().contains(t.passwordDigest()));
        // signed with another app's secret under this app's name
        SignedHeaders wrongSecret = signer(scheme, AppCredentials.of(APP.appKey(), "notTheSecret")).sign();
        rejected(Reason.BAD_DIGEST, lookup(wrongSecret));
        // the other scheme's digest under this scheme's header
        SignedHeaders otherScheme = sign(scheme == Scheme.AKSK ? Scheme.WSSE : Scheme.AKSK);
        rejected(Reason.BAD_DIGEST, lookup(headers.authorization(), scheme.tokenHeaderName(), otherScheme.tokenHeaderValue()));
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void createdMustLieWithinTheSkew(Scheme scheme) {
        Instant t0 = clock.instant();
        for (int minutes : new int[] {-6, 6}) {
            clock.set(t0.plus(Duration.ofMinutes(minutes)));
            SignedHeaders headers = sign(scheme);
            clock.set(t0);
            SignatureVerificationException e = rejected(Reason.STALE_CREATED, lookup(headers));
            assertTrue(e.getMessage().contains("360 s"), e.getMessage());
        }
        for (int seconds : new int[] {-300, -240, 240, 300}) {
            clock.set(t0.plusSeconds(seconds));
            SignedHeaders headers = sign(scheme);
            clock.set(t0);
            verifier.verify(lookup(headers));
        }
        clock.set(t0.plusSeconds(301));
        SignedHeaders early = sign(scheme);
        clock.set(t0);
        rejected(Reason.STALE_CREATED, lookup(early));
    }

    @Test
    void theSkewWindowMatchesDurationArithmeticToTheNanosecond() {
        java.util.Random random = new java.util.Random(5);
        Instant t0 = clock.instant();
        for (Duration skew : new Duration[] {Duration.ofMinutes(5), Duration.ofMillis(1500), Duration.ofNanos(1),
            Duration.ofSeconds(2).plusNanos(999_999_999)}) {
            SignatureVerifier v = SignatureVerifier.builder().credentials(APP).clock(clock).allowedSkew(skew).build();
            long limit = skew.toNanos();
            for (int i = 0; i < 400; i++) {
                // the verifier's clock within a few seconds either side of the window's edges, to the nanosecond
                long edge = (random.nextBoolean() ? 1 : -1) * limit;
                long noise = i % 3 == 0 ? 0 : (long) (random.nextGaussian() * 1.5e9);
                long offset = edge + noise + random.nextInt(3) - 1;
                Instant now = t0.plusNanos(offset);
                clock.set(t0);
                String nonce = "S" + i + "x" + limit;
                SignedHeaders headers = SignerTest.signer(Scheme.AKSK, APP, clock, () -> nonce).sign();
                clock.set(now);
                boolean stale = Duration.between(now, t0).abs().compareTo(skew) > 0;
                if (stale) {
                    rejected(v, Reason.STALE_CREATED, lookup(headers));
                } else {
                    v.verify(lookup(headers));
                }
            }
        }
    }

    private static SignatureVerificationException rejected(SignatureVerifier v, Reason reason,
            java.util.function.Function<String, String> headers) {
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class, () -> v.verify(headers));
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    @Test
    void theStaleMessageNeverContradictsItself() {
        Instant t0 = clock.instant();
        SignedHeaders behind = sign(Scheme.AKSK);
        clock.set(t0.plusMillis(300_500));
        SignatureVerificationException e = rejected(Reason.STALE_CREATED, lookup(behind));
        assertTrue(e.getMessage().contains("300.5 s behind"), e.getMessage());
        assertTrue(e.getMessage().contains("more than the 300 s allowed"), e.getMessage());
        clock.set(t0.plusNanos(300_000_000_001L));
        SignedHeaders justBehind = SignerTest.signer(Scheme.AKSK, APP, TestClock.at("2024-06-01T12:00:00Z"), () -> "J1").sign();
        e = rejected(Reason.STALE_CREATED, lookup(justBehind));
        assertTrue(e.getMessage().contains("300.001 s behind"), e.getMessage());
        clock.set(t0.minusMillis(301_250));
        e = rejected(Reason.STALE_CREATED, lookup(SignerTest.signer(Scheme.AKSK, APP, TestClock.at("2024-06-01T12:00:00Z"),
                () -> "J2").sign()));
        assertTrue(e.getMessage().contains("301.25 s ahead of"), e.getMessage());
        SignatureVerifier subSecond = SignatureVerifier.builder().credentials(APP).clock(clock)
                .allowedSkew(Duration.ofMillis(1500)).build();
        clock.set(t0.plusSeconds(2));
        e = assertThrows(SignatureVerificationException.class, () -> subSecond.verify(lookup(
                SignerTest.signer(Scheme.AKSK, APP, TestClock.at("2024-06-01T12:00:00Z"), () -> "J3").sign())));
        assertTrue(e.getMessage().contains("2 s behind") && e.getMessage().contains("more than the 1.5 s allowed"),
                e.getMessage());
    }

    @Test
    void theReplayMessageDoesNotClaimWhenTheFirstUseWas() {
        SignedHeaders headers = sign(Scheme.AKSK);
        verifier.verify(lookup(headers));
        clock.advance(Duration.ofMinutes(4));
        SignatureVerificationException e = rejected(Reason.REPLAYED_NONCE, lookup(headers));
        assertFalse(e.getMessage().contains("within the last"), e.getMessage());
        assertTrue(e.getMessage().contains("already used inside the allowed window"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void rejectsAReplayedNonceUntilItIsStale(Scheme scheme) {
        SignedHeaders headers = sign(scheme);
        verifier.verify(lookup(headers));
        rejected(Reason.REPLAYED_NONCE, lookup(headers));
        clock.advance(Duration.ofMinutes(5));
        rejected(Reason.REPLAYED_NONCE, lookup(headers));
        clock.advance(Duration.ofSeconds(1));
        rejected(Reason.STALE_CREATED, lookup(headers));
        // the same nonce from another app is no replay
        SignedHeaders sameNonceOtherApp = SignerTest.signer(scheme, OTHER, clock, () -> "N1").sign();
        SignedHeaders sameNonceThisApp = SignerTest.signer(scheme, APP, clock, () -> "N1").sign();
        verifier.verify(lookup(sameNonceOtherApp));
        verifier.verify(lookup(sameNonceThisApp));
    }

    @Test
    void aFullReplayMemoryRefusesNewNoncesInsteadOfForgettingOldOnes() {
        SignatureVerifier small = SignatureVerifier.builder().credentials(APP).clock(clock).replayCapacity(2).build();
        SignedHeaders first = sign(Scheme.AKSK);
        small.verify(lookup(first));
        small.verify(lookup(sign(Scheme.AKSK)));
        SignedHeaders third = sign(Scheme.AKSK);
        SignatureVerificationException full = assertThrows(SignatureVerificationException.class,
                () -> small.verify(lookup(third)));
        assertEquals(Reason.REPLAY_CACHE_FULL, full.reason(), full.getMessage());
        assertTrue(full.getMessage().contains("retry later"), full.getMessage());
        assertClean(full);
        // the first nonce, still inside the window, is not accepted again
        SignatureVerificationException replay = assertThrows(SignatureVerificationException.class,
                () -> small.verify(lookup(first)));
        assertEquals(Reason.REPLAYED_NONCE, replay.reason());
        assertEquals(1, small.replayGuard().refusals());
        // once the remembered nonces have left the window there is room again, and the refused push, sent again
        // with a fresh signature as the platform does, is accepted
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        small.verify(lookup(sign(Scheme.AKSK)));
    }

    @Test
    void oneAppsTrafficNeitherEvictsNorBlocksAnotherAppsNonces() {
        SignatureVerifier shared = SignatureVerifier.builder().credentials(APP, OTHER).clock(clock)
                .replayCapacity(4).replayCapacityPerApp(2).build();
        SignedHeaders otherFirst = signer(Scheme.AKSK, OTHER).sign();
        shared.verify(lookup(otherFirst));
        shared.verify(lookup(sign(Scheme.AKSK)));
        shared.verify(lookup(sign(Scheme.AKSK)));
        assertEquals(Reason.REPLAY_CACHE_FULL, assertThrows(SignatureVerificationException.class,
                () -> shared.verify(lookup(sign(Scheme.AKSK)))).reason());
        assertEquals(Reason.REPLAYED_NONCE, assertThrows(SignatureVerificationException.class,
                () -> shared.verify(lookup(otherFirst))).reason());
        assertEquals(OTHER.appKey(), shared.verify(lookup(signer(Scheme.AKSK, OTHER).sign())).appKey());
        assertEquals(2, shared.replayGuard().perAppCapacity());
        assertEquals("replayCapacityPerApp", assertThrows(InvalidValueException.class,
                () -> SignatureVerifier.builder().credentials(APP).replayCapacity(2).replayCapacityPerApp(3).build()).field());
        assertEquals("replayCapacityPerApp", assertThrows(InvalidValueException.class,
                () -> SignatureVerifier.builder().replayCapacityPerApp(0)).field());
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void forgedRequestsDoNotPoisonTheReplayCache(Scheme scheme) {
        SignedHeaders genuine = SignerTest.signer(scheme, APP, clock, () -> "Shared1").sign();
        SignedHeaders forged = SignerTest.signer(scheme, AppCredentials.of(APP.appKey(), "guessedSecret"), clock,
                () -> "Shared1").sign();
        rejected(Reason.BAD_DIGEST, lookup(forged));
        assertEquals("Shared1", verifier.verify(lookup(genuine)).nonce());
        assertEquals(1, verifier.replayGuard().size());
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void usernameMustBeKnownAndExpected(Scheme scheme) {
        SignedHeaders fromOther = signer(scheme, OTHER).sign();
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> verifier.verify(lookup(fromOther), APP.appKey()));
        assertEquals(Reason.USERNAME_MISMATCH, e.reason());
        assertClean(e);
        rejected(Reason.UNKNOWN_USERNAME, lookup(signer(scheme, STRANGER).sign()));
        e = assertThrows(SignatureVerificationException.class,
                () -> verifier.verify(lookup(signer(scheme, STRANGER).sign()), APP.appKey()));
        assertEquals(Reason.UNKNOWN_USERNAME, e.reason());
        assertEquals(OTHER.appKey(), verifier.verify(lookup(signer(scheme, OTHER).sign()), OTHER.appKey()).appKey());
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void rejectsMalformedTokens(Scheme scheme) {
        String token = sign(scheme).tokenHeaderValue();
        UsernameToken t = UsernameToken.parse(token);
        String name = scheme.tokenHeaderName();
        String auth = scheme.authorizationValue();
        Map<String, UnaryOperator<String>> breakages = new LinkedHashMap<>();
        breakages.put("no Username", v -> v.replace("Username=\"" + t.username() + "\",", ""));
        breakages.put("no PasswordDigest", v -> v.replace("PasswordDigest=\"" + t.passwordDigest() + "\",", ""));
        breakages.put("no Nonce", v -> v.replace("Nonce=\"" + t.nonce() + "\",", ""));
        breakages.put("no Created", v -> v.replace(",Created=\"" + t.created() + "\"", ""));
        breakages.put("duplicated Nonce", v -> v + ",Nonce=\"" + t.nonce() + "\"");
        breakages.put("duplicated Created", v -> v + ", Created=\"" + t.created() + "\"");
        breakages.put("non-ASCII", v -> v.replace("Username=", "Usérname="));
        breakages.put("too long", v -> v + ",x=\"" + "a".repeat(1100) + "\"");
        breakages.put("empty", v -> "");
        breakages.put("blank", v -> "   ");
        breakages.put("wrong prefix", v -> v.replace("UsernameToken ", "Token "));
        breakages.put("unquoted", v -> v.replace("Nonce=\"" + t.nonce() + "\"", "Nonce=" + t.nonce()));
        breakages.put("unterminated", v -> v.substring(0, v.length() - 1));
        breakages.put("empty Nonce", v -> v.replace("Nonce=\"" + t.nonce() + "\"", "Nonce=\"\""));
        breakages.put("line break", v -> v.replace(",Nonce", ",\r\nNonce"));
        breakages.forEach((what, breakage) -> {
            SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                    () -> verifier.verify(lookup(auth, name, breakage.apply(token))), what);
            assertEquals(Reason.MALFORMED_HEADER, e.reason(), what + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(name), e.getMessage());
            assertClean(e);
        });
        // nothing above was recorded, so the intact token still verifies
        verifier.verify(lookup(auth, name, token));
    }

    @Test
    void aCreatedInTheWrongFormatIsShownAsSentButANumberInAHeaderIsMasked() {
        String token = sign(Scheme.AKSK).tokenHeaderValue();
        UsernameToken t = UsernameToken.parse(token);
        String withFraction = token.replace("Created=\"" + t.created() + "\"", "Created=\"2024-06-01T12:00:00.123Z\"");
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class, () -> verifier.verify(
                lookup(Scheme.AKSK.authorizationValue(), Scheme.AKSK.tokenHeaderName(), withFraction)));
        assertTrue(e.getMessage().contains("'2024-06-01T12:00:00.123Z'"), e.getMessage());
        String number = token.replace("Created=\"" + t.created() + "\"", "Created=\"+8613812345678\"");
        e = assertThrows(SignatureVerificationException.class, () -> verifier.verify(
                lookup(Scheme.AKSK.authorizationValue(), Scheme.AKSK.tokenHeaderName(), number)));
        assertFalse(e.getMessage().contains("13812345678"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void rejectsMalformedAuthorization(Scheme scheme) {
        SignedHeaders headers = sign(scheme);
        String name = scheme.tokenHeaderName();
        for (String auth : new String[] {
            "", " ", "Basic dXNlcjpwYXNz", scheme.name() + " realm=\"SDP\",profile=\"UsernameToken\"",
            scheme.name() + " realm=\"XYZ\",profile=\"UsernameToken\",type=\"Appkey\"",
            scheme.name() + " realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\",type=\"Appkey\""
        }) {
            rejected(Reason.MALFORMED_HEADER, lookup(auth, name, headers.tokenHeaderValue()));
        }
        // Authorization announces one scheme, the request carries the other token header
        Scheme other = scheme == Scheme.AKSK ? Scheme.WSSE : Scheme.AKSK;
        rejected(Reason.MALFORMED_HEADER, lookup(other.authorizationValue(), name, headers.tokenHeaderValue()));
    }

    @Test
    void missingHeaders() {
        SignedHeaders headers = sign(Scheme.AKSK);
        rejected(Reason.MISSING_HEADER, lookup(null, "X-AKSK", headers.tokenHeaderValue()));
        rejected(Reason.MISSING_HEADER, lookup(headers.authorization(), null, null));
        rejected(Reason.MISSING_HEADER, name -> null);
        rejected(Reason.MISSING_HEADER, lookup(null, null, null));
        assertTrue(rejected(Reason.MISSING_HEADER, lookup(null, "X-AKSK", headers.tokenHeaderValue()))
                .getMessage().contains("Authorization"));
    }

    @Test
    void wsseIsOffByDefault() {
        SignatureVerifier aksOnly = SignatureVerifier.builder().credentials(APP).clock(clock).build();
        assertFalse(aksOnly.wsseEnabled());
        SignedHeaders wsse = sign(Scheme.WSSE);
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> aksOnly.verify(lookup(wsse)));
        assertEquals(Reason.SCHEME_DISABLED, e.reason());
        assertEquals(Scheme.AKSK, aksOnly.verify(lookup(sign(Scheme.AKSK))).scheme());
    }

    @Test
    void mapHeadersAreCaseInsensitive() {
        SignedHeaders headers = sign(Scheme.AKSK);
        Map<String, List<String>> map = new HashMap<>();
        map.put("authorization", List.of(headers.authorization()));
        map.put("x-aksk", List.of(headers.tokenHeaderValue()));
        map.put("Content-Type", List.of("application/json"));
        map.put(null, List.of("HTTP/1.1 200 OK"));
        assertEquals("N1", verifier.verify(map).nonce());

        SignedHeaders second = sign(Scheme.AKSK);
        Map<String, List<String>> repeated = new HashMap<>();
        repeated.put("AUTHORIZATION", List.of(second.authorization(), second.authorization()));
        repeated.put("Authorization", List.of(second.authorization()));
        repeated.put("X-Aksk", List.of(second.tokenHeaderValue()));
        assertEquals("N2", verifier.verify(repeated, APP.appKey()).nonce());
    }

    @Test
    void mapHeadersRepeatedWithDifferentValuesAreMalformed() {
        SignedHeaders a = sign(Scheme.AKSK);
        SignedHeaders b = sign(Scheme.AKSK);
        Map<String, List<String>> map = new HashMap<>();
        map.put("Authorization", List.of(a.authorization()));
        map.put("X-AKSK", List.of(a.tokenHeaderValue()));
        map.put("x-aksk", List.of(b.tokenHeaderValue()));
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class, () -> verifier.verify(map));
        assertEquals(Reason.MALFORMED_HEADER, e.reason());
        assertClean(e);
        Map<String, List<String>> twoAuth = new HashMap<>();
        twoAuth.put("Authorization", List.of(a.authorization(), "WSSE realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\""));
        twoAuth.put("X-AKSK", List.of(a.tokenHeaderValue()));
        assertEquals(Reason.MALFORMED_HEADER,
                assertThrows(SignatureVerificationException.class, () -> verifier.verify(twoAuth)).reason());
        Map<String, List<String>> none = new HashMap<>();
        none.put("Authorization", new ArrayList<>());
        assertEquals(Reason.MISSING_HEADER,
                assertThrows(SignatureVerificationException.class, () -> verifier.verify(none)).reason());
    }

    @Test
    void credentialsLookup() {
        Map<String, AppCredentials> store = new HashMap<>(Map.of(APP.appKey(), APP, "alias", OTHER));
        SignatureVerifier byLookup = SignatureVerifier.builder()
                .credentialsLookup(key -> Optional.ofNullable(store.get(key))).clock(clock).build();
        assertEquals(APP.appKey(), byLookup.verify(lookup(sign(Scheme.AKSK))).appKey());
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> byLookup.verify(lookup(signer(Scheme.AKSK, STRANGER).sign())));
        assertEquals(Reason.UNKNOWN_USERNAME, e.reason());
        // credentials for another key than asked do not count
        SignedHeaders alias = signer(Scheme.AKSK, AppCredentials.of("alias", OTHER.appSecret())).sign();
        assertEquals(Reason.UNKNOWN_USERNAME,
                assertThrows(SignatureVerificationException.class, () -> byLookup.verify(lookup(alias))).reason());
        // a rotated secret is picked up on the next request
        store.put(APP.appKey(), AppCredentials.of(APP.appKey(), "rotatedSecret"));
        assertEquals(Reason.BAD_DIGEST, assertThrows(SignatureVerificationException.class,
                () -> byLookup.verify(lookup(sign(Scheme.AKSK)))).reason());
        assertTrue(byLookup.toString().contains("lookup"));
    }

    @Test
    void theClockZoneDoesNotMatter() {
        SignatureVerifier beijing = SignatureVerifier.builder().credentials(APP)
                .clock(clock.withZone(ZoneId.of("Asia/Shanghai"))).build();
        assertEquals(clock.instant(), beijing.verify(lookup(sign(Scheme.AKSK))).created());
    }

    @Test
    void builderValidates() {
        assertEquals("credentials", assertThrows(InvalidValueException.class,
                () -> SignatureVerifier.builder().build()).field());
        assertEquals("credentials", assertThrows(InvalidValueException.class,
                () -> SignatureVerifier.builder().credentials(APP).credentialsLookup(k -> Optional.empty()).build()).field());
        assertEquals("credentials", assertThrows(InvalidValueException.class,
                () -> SignatureVerifier.builder().credentials(APP, AppCredentials.of(APP.appKey(), "different"))).field());
        SignatureVerifier.builder().credentials(APP, AppCredentials.of(APP.appKey(), SECRET)).build();
        assertEquals("allowedSkew", assertThrows(InvalidValueException.class,
                () -> SignatureVerifier.builder().allowedSkew(Duration.ZERO)).field());
        assertEquals("allowedSkew", assertThrows(InvalidValueException.class,
                () -> SignatureVerifier.builder().allowedSkew(Duration.ofSeconds(-1))).field());
        assertEquals("replayCapacity", assertThrows(InvalidValueException.class,
                () -> SignatureVerifier.builder().replayCapacity(0)).field());
        assertEquals("clock", assertThrows(InvalidValueException.class,
                () -> SignatureVerifier.builder().clock(null)).field());
        assertEquals("credentials", assertThrows(InvalidValueException.class,
                () -> SignatureVerifier.builder().credentials((AppCredentials) null)).field());
        assertEquals("headerLookup", assertThrows(InvalidValueException.class,
                () -> verifier.verify((Function<String, String>) null)).field());
        assertEquals("expectedAppKey", assertThrows(InvalidValueException.class,
                () -> verifier.verify(lookup(sign(Scheme.AKSK)), null)).field());
        assertEquals("allowedSkew", assertThrows(InvalidValueException.class,
                () -> SignatureVerifier.builder().allowedSkew(Duration.ofSeconds(Long.MAX_VALUE))).field());

        SignatureVerifier custom = SignatureVerifier.builder().credentials(APP).allowedSkew(Duration.ofSeconds(30))
                .replayCapacity(7).build();
        assertEquals(Duration.ofSeconds(30), custom.allowedSkew());
        assertEquals(7, custom.replayGuard().capacity());
        assertFalse(custom.toString().contains(SECRET));
    }

    @Test
    void shorterSkewShortensTheWindow() {
        SignatureVerifier strict = SignatureVerifier.builder().credentials(APP).clock(clock)
                .allowedSkew(Duration.ofSeconds(30)).build();
        SignedHeaders headers = sign(Scheme.AKSK);
        clock.advance(Duration.ofSeconds(31));
        assertEquals(Reason.STALE_CREATED,
                assertThrows(SignatureVerificationException.class, () -> strict.verify(lookup(headers))).reason());
    }
}
