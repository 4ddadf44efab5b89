package io.github.privatenumber.signing;

import static io.github.privatenumber.signing.DigestsTest.AKSK_DIGEST;
import static io.github.privatenumber.signing.DigestsTest.NONCE;
import static io.github.privatenumber.signing.DigestsTest.SECRET;
import static io.github.privatenumber.signing.DigestsTest.WSSE_DIGEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AkskSigner and WsseSigner, which share their engine; each test runs for both. */
class SignerTest {

    static final AppCredentials APP = AppCredentials.of("Hx8eT2vZ0app", SECRET);

    static Signer signer(Scheme scheme, AppCredentials credentials, Clock clock, NonceSource nonces) {
        return scheme == Scheme.AKSK ? AkskSigner.of(credentials, clock, nonces) : WsseSigner.of(credentials, clock, nonces);
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void exactHeadersForTheKnownAnswerVector(Scheme scheme) {
        Signer signer = signer(scheme, APP, TestClock.at("2018-02-12T15:30:20.750Z"), () -> NONCE);
        SignedHeaders headers = signer.sign();
        String digest = scheme == Scheme.AKSK ? AKSK_DIGEST : WSSE_DIGEST;
        String auth = scheme == Scheme.AKSK
                ? "AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\""
                : "WSSE realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"";
        assertEquals(auth, headers.authorization());
        assertEquals(scheme == Scheme.AKSK ? "X-AKSK" : "X-WSSE", headers.tokenHeaderName());
        assertEquals("UsernameToken Username=\"Hx8eT2vZ0app\",PasswordDigest=\"" + digest
                + "\",Nonce=\"66C92B11FF8A425FB8D4CCFE0ED9ED1F\",Created=\"2018-02-12T15:30:20Z\"",
                headers.tokenHeaderValue());
        assertEquals(scheme, headers.scheme());
        assertEquals(scheme, signer.scheme());
        assertEquals("Hx8eT2vZ0app", signer.appKey());
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void freshNonceAndCreatedOnEveryCall(Scheme scheme) {
        TestClock clock = TestClock.at("2024-05-01T10:00:00Z");
        AtomicInteger counter = new AtomicInteger();
        Signer signer = signer(scheme, APP, clock, () -> "n" + counter.incrementAndGet());
        UsernameToken first = UsernameToken.parse(signer.sign().tokenHeaderValue());
        clock.advance(Duration.ofMillis(1500));
        UsernameToken second = UsernameToken.parse(signer.sign().tokenHeaderValue());
        clock.advance(Duration.ofMillis(400));
        UsernameToken third = UsernameToken.parse(signer.sign().tokenHeaderValue());
        assertEquals("n1", first.nonce());
        assertEquals("n2", second.nonce());
        assertEquals("n3", third.nonce());
        assertEquals("2024-05-01T10:00:00Z", first.created());
        assertEquals("2024-05-01T10:00:01Z", second.created());
        assertEquals("2024-05-01T10:00:01Z", third.created());
        assertNotEquals(first.passwordDigest(), second.passwordDigest());
        assertNotEquals(second.passwordDigest(), third.passwordDigest());
        // the clock may also go back (NTP step); the cache must follow
        clock.advance(Duration.ofHours(-2));
        assertEquals("2024-05-01T08:00:01Z", UsernameToken.parse(signer.sign().tokenHeaderValue()).created());
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void twoCallsWithTheDefaultsDiffer(Scheme scheme) {
        Signer signer = scheme == Scheme.AKSK ? AkskSigner.of(APP) : WsseSigner.of(APP);
        UsernameToken a = UsernameToken.parse(signer.sign().tokenHeaderValue());
        UsernameToken b = UsernameToken.parse(signer.sign().tokenHeaderValue());
        assertNotEquals(a.nonce(), b.nonce());
        assertTrue(a.nonce().matches("[0-9A-F]{32}"));
        long drift = Math.abs(Duration.between(Instant.now(), a.createdInstant()).toSeconds());
        assertTrue(drift <= 5, "Created is the current UTC time, off by " + drift + " s");
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void createdIsUtcOnABeijingHost(Scheme scheme) {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
            Clock beijingClock = TestClock.at("2018-02-12T15:30:20Z").withZone(ZoneId.of("Asia/Shanghai"));
            assertEquals(ZoneId.of("Asia/Shanghai"), beijingClock.getZone());
            SignedHeaders headers = signer(scheme, APP, beijingClock, () -> NONCE).sign();
            UsernameToken token = UsernameToken.parse(headers.tokenHeaderValue());
            assertEquals("2018-02-12T15:30:20Z", token.created());
            assertEquals(scheme == Scheme.AKSK ? AKSK_DIGEST : WSSE_DIGEST, token.passwordDigest());
            // and with the real system clock under the same default zone
            Signer live = scheme == Scheme.AKSK ? AkskSigner.of(APP) : WsseSigner.of(APP);
            Instant created = UsernameToken.parse(live.sign().tokenHeaderValue()).createdInstant();
            assertTrue(Math.abs(Duration.between(Instant.now(), created).toSeconds()) <= 5, "not shifted by 8 hours");
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void matchesTheReferenceDigestsForManyInputs(Scheme scheme) {
        TestClock clock = TestClock.at("2001-01-01T00:00:00Z");
        AppCredentials longSecret = AppCredentials.of("k", "s".repeat(128));
        for (AppCredentials app : new AppCredentials[] {APP, longSecret}) {
            Iterator<String> it = List.of("a", "Z9", NONCE, "x".repeat(128), "0123456789abcdefABCDEF").iterator();
            Signer signer = signer(scheme, app, clock, it::next);
            while (it.hasNext()) {
                clock.advance(Duration.ofSeconds(12_345_678));
                UsernameToken token = UsernameToken.parse(signer.sign().tokenHeaderValue());
                String expected = scheme == Scheme.AKSK
                        ? Digests.aksk(app.appSecret(), token.nonce(), token.created())
                        : Digests.wsse(app.appSecret(), token.nonce(), token.created());
                assertEquals(expected, token.passwordDigest());
                assertEquals(app.appKey(), token.username());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void defaultNonceSourceFastPathMatchesTheReference(Scheme scheme) {
        byte[] known = new byte[64 * 16];
        for (int i = 0; i < known.length; i++) {
            known[i] = (byte) (i * 37 + 11);
        }
        NonceSource nonces = NonceSource.secureRandom(new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(known, 0, bytes, 0, bytes.length);
            }
        });
        Signer signer = signer(scheme, APP, TestClock.at("2018-02-12T15:30:20Z"), nonces);
        for (int n = 0; n < 70; n++) {
            UsernameToken token = UsernameToken.parse(signer.sign().tokenHeaderValue());
            int slot = n % 64;
            String expectedNonce = HexFormat.of().withUpperCase().formatHex(known, slot * 16, slot * 16 + 16);
            assertEquals(expectedNonce, token.nonce());
            String expectedDigest = scheme == Scheme.AKSK
                    ? Digests.aksk(SECRET, expectedNonce, "2018-02-12T15:30:20Z")
                    : Digests.wsse(SECRET, expectedNonce, "2018-02-12T15:30:20Z");
            assertEquals(expectedDigest, token.passwordDigest());
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "abc-def", "abc def", "ünïcode", "abc\"", "a\r\nX-Evil: 1"})
    void rejectsBadNoncesFromACustomSource(String bad) {
        for (Scheme scheme : Scheme.values()) {
            Signer signer = signer(scheme, APP, Clock.systemUTC(), () -> bad);
            InvalidValueException e = assertThrows(InvalidValueException.class, signer::sign);
            assertEquals("Nonce", e.field());
        }
    }

    @Test
    void rejectsTooLongNonce() {
        Signer signer = AkskSigner.of(APP, Clock.systemUTC(), () -> "a".repeat(129));
        assertEquals("Nonce", assertThrows(InvalidValueException.class, signer::sign).field());
    }

    @Test
    void anAppKeyThatCannotBeQuotedNeverReachesASigner() {
        // refused where the credentials are made, so no signer ever sees one
        assertEquals("appKey", assertThrows(InvalidValueException.class, () -> AppCredentials.of("ab\"c", SECRET))
                .field());
    }

    @Test
    void rejectsAClockOutsideTheFormat() {
        Signer signer = AkskSigner.of(APP, Clock.fixed(Instant.parse("+10000-01-01T00:00:00Z"), ZoneId.of("UTC")), () -> NONCE);
        assertEquals("Created", assertThrows(InvalidValueException.class, signer::sign).field());
    }

    @Test
    void nullArgumentsAreRejected() {
        assertEquals("credentials", assertThrows(InvalidValueException.class, () -> AkskSigner.of(null)).field());
        assertEquals("clock", assertThrows(InvalidValueException.class, () -> AkskSigner.of(APP, null, () -> NONCE)).field());
        assertEquals("nonces", assertThrows(InvalidValueException.class, () -> WsseSigner.of(APP, Clock.systemUTC(), null)).field());
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void secretsStayOutOfToString(Scheme scheme) {
        Signer signer = signer(scheme, APP, TestClock.at("2018-02-12T15:30:20Z"), () -> NONCE);
        SignedHeaders headers = signer.sign();
        for (String text : new String[] {signer.toString(), headers.toString(),
                UsernameToken.parse(headers.tokenHeaderValue()).toString()}) {
            assertFalse(text.contains(SECRET), text);
            assertFalse(text.contains(AKSK_DIGEST), text);
            assertFalse(text.contains(WSSE_DIGEST), text);
            assertFalse(text.contains(NONCE), text);
        }
        assertTrue(headers.toString().contains("Hx8eT2vZ0app"), headers.toString());
        assertTrue(headers.toString().contains("2018-02-12T15:30:20Z"), headers.toString());
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void headersAsMapAndForEach(Scheme scheme) {
        SignedHeaders headers = signer(scheme, APP, Clock.systemUTC(), () -> NONCE).sign();
        Map<String, String> map = headers.asMap();
        assertEquals(List.of("Authorization", scheme.tokenHeaderName()), List.copyOf(map.keySet()));
        assertEquals(headers.authorization(), map.get("Authorization"));
        assertEquals(headers.tokenHeaderValue(), map.get(scheme.tokenHeaderName()));
        assertThrows(UnsupportedOperationException.class, () -> map.put("x", "y"));
        StringBuilder seen = new StringBuilder();
        headers.forEach((name, value) -> seen.append(name).append('=').append(value).append('\n'));
        assertEquals("Authorization=" + headers.authorization() + "\n" + scheme.tokenHeaderName() + "="
                + headers.tokenHeaderValue() + "\n", seen.toString());
    }

    @Test
    void signedHeadersValidatesTheTokenHeaderName() {
        assertEquals("tokenHeaderName", assertThrows(InvalidValueException.class,
                () -> new SignedHeaders("a", "X-Other", "b")).field());
        assertEquals("authorization", assertThrows(InvalidValueException.class, () -> new SignedHeaders(null, "X-AKSK", "b")).field());
        assertTrue(new SignedHeaders("a", "X-AKSK", "garbage with secret").toString().contains("not shown"));
        assertFalse(new SignedHeaders("a", "X-AKSK", "garbage with secret").toString().contains("secret"));
    }
}
