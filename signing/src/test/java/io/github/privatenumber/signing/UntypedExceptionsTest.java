package io.github.privatenumber.signing;

import static io.github.privatenumber.signing.DigestsTest.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.PrivateNumberException;
import io.github.privatenumber.core.SignatureVerificationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Every public entry point of the signing module answers a {@code null} or out-of-range argument with an
 * {@link InvalidValueException} naming the argument, never with a bare {@code NullPointerException} or
 * {@code ArithmeticException}.
 */
class UntypedExceptionsTest {

    static final AppCredentials APP = AppCredentials.of("Hx8eT2vZ0app", SECRET);
    static final TestClock CLOCK = TestClock.at("2024-06-01T12:00:00Z");

    @TestFactory
    Stream<DynamicTest> nullArgumentsNameTheirField() {
        SignatureVerifier verifier = SignatureVerifier.builder().credentials(APP).clock(CLOCK).build();
        SignedHeaders signed = AkskSigner.of(APP, CLOCK, () -> "N1").sign();
        List<DynamicTest> cases = new ArrayList<>();
        cases.add(dynamicTest("credentials", () -> AkskSigner.of(null)));
        cases.add(dynamicTest("credentials", () -> WsseSigner.of(null)));
        cases.add(dynamicTest("clock", () -> AkskSigner.of(APP, null, () -> "N")));
        cases.add(dynamicTest("nonces", () -> WsseSigner.of(APP, Clock.systemUTC(), null)));
        cases.add(dynamicTest("credentials", () -> AkskSigner.of(null, Clock.systemUTC(), () -> "N")));
        cases.add(dynamicTest("random", () -> NonceSource.secureRandom(null)));
        cases.add(dynamicTest("appSecret", () -> Digests.aksk(null, "n", "c")));
        cases.add(dynamicTest("nonce", () -> Digests.aksk("s", null, "c")));
        cases.add(dynamicTest("created", () -> Digests.wsse("s", "n", null)));
        cases.add(dynamicTest("instant", () -> CreatedTime.format(null)));
        cases.add(dynamicTest("scheme", () -> AuthorizationHeader.format(null)));
        cases.add(dynamicTest("authorization", () -> new SignedHeaders(null, "X-AKSK", "v")));
        cases.add(dynamicTest("tokenHeaderName", () -> new SignedHeaders("a", null, "v")));
        cases.add(dynamicTest("tokenHeaderValue", () -> new SignedHeaders("a", "X-AKSK", null)));
        cases.add(dynamicTest("action", () -> signed.forEach(null)));
        cases.add(dynamicTest("appKey", () -> new VerifiedSignature(null, Scheme.AKSK, "n", Instant.EPOCH)));
        cases.add(dynamicTest("scheme", () -> new VerifiedSignature("a", null, "n", Instant.EPOCH)));
        cases.add(dynamicTest("nonce", () -> new VerifiedSignature("a", Scheme.AKSK, null, Instant.EPOCH)));
        cases.add(dynamicTest("created", () -> new VerifiedSignature("a", Scheme.AKSK, "n", null)));
        cases.add(dynamicTest("headerLookup", () -> verifier.verify((Function<String, String>) null)));
        cases.add(dynamicTest("headerLookup", () -> verifier.verify((Function<String, String>) null, "app")));
        cases.add(dynamicTest("headers", () -> verifier.verify((Map<String, List<String>>) null)));
        cases.add(dynamicTest("headers", () -> verifier.verify((Map<String, List<String>>) null, "app")));
        cases.add(dynamicTest("expectedAppKey", () -> verifier.verify(SignatureVerifierTest.lookup(signed), null)));
        cases.add(dynamicTest("expectedAppKey", () -> verifier.verify(Map.of(), null)));
        cases.add(dynamicTest("credentials", () -> SignatureVerifier.builder().credentials((AppCredentials) null)));
        cases.add(dynamicTest("credentials", () -> SignatureVerifier.builder().credentials((AppCredentials[]) null)));
        cases.add(dynamicTest("credentials", () -> SignatureVerifier.builder().credentials(APP, null)));
        cases.add(dynamicTest("credentialsLookup", () -> SignatureVerifier.builder().credentialsLookup(null)));
        cases.add(dynamicTest("clock", () -> SignatureVerifier.builder().clock(null)));
        cases.add(dynamicTest("allowedSkew", () -> SignatureVerifier.builder().allowedSkew(null)));
        cases.add(dynamicTest("allowedSkew", () -> SignatureVerifier.builder().allowedSkew(Duration.ofSeconds(Long.MAX_VALUE))));
        cases.add(dynamicTest("allowedSkew", () -> SignatureVerifier.builder().allowedSkew(Duration.ofDays(1).plusNanos(1))));
        return cases.stream();
    }

    private static DynamicTest dynamicTest(String field, Executable call) {
        return DynamicTest.dynamicTest(field, () -> {
            InvalidValueException e = assertThrows(InvalidValueException.class, call);
            assertEquals(field, e.field(), e.getMessage());
        });
    }

    @Test
    void theLargestSkewIsOneDayAndItVerifiesWithoutOverflow() {
        SignatureVerifier wide = SignatureVerifier.builder().credentials(APP).clock(CLOCK)
                .allowedSkew(Duration.ofDays(1)).build();
        assertEquals(Duration.ofDays(1), wide.allowedSkew());
        assertEquals("N1", wide.verify(SignatureVerifierTest.lookup(AkskSigner.of(APP, CLOCK, () -> "N1").sign())).nonce());
        // Created far in the past and in the future, at the ends of the supported years
        for (String created : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
            String nonce = "E" + created.charAt(0);
            String digest = Digests.aksk(SECRET, nonce, created);
            String token = new UsernameToken(APP.appKey(), digest, nonce, created).toHeaderValue();
            SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                    () -> wide.verify(SignatureVerifierTest.lookup(Scheme.AKSK.authorizationValue(), "X-AKSK", token)));
            assertEquals(SignatureVerificationException.Reason.STALE_CREATED, e.reason(), e.getMessage());
        }
    }

    @Test
    void aFailingCredentialsLookupIsReportedApartFromVerificationFailures() {
        IllegalStateException storeDown = new IllegalStateException("store down");
        SignatureVerifier byLookup = SignatureVerifier.builder().clock(CLOCK)
                .credentialsLookup(key -> {
                    throw storeDown;
                }).build();
        SignedHeaders signed = AkskSigner.of(APP, CLOCK, () -> "L1").sign();
        PrivateNumberException e = assertThrows(PrivateNumberException.class,
                () -> byLookup.verify(SignatureVerifierTest.lookup(signed)));
        assertFalse(e instanceof SignatureVerificationException, e.toString());
        assertEquals("credentials lookup failed", e.getMessage());
        assertSame(storeDown, e.getCause());
        // the nonce was not recorded: once the store is back the same push verifies
        SignatureVerifier recovered = SignatureVerifier.builder().clock(CLOCK)
                .credentialsLookup(key -> Optional.of(APP)).build();
        assertTrue(recovered.verify(SignatureVerifierTest.lookup(signed)).nonce().equals("L1"));
        // a lookup that answers null counts as not knowing the app
        SignatureVerifier nullLookup = SignatureVerifier.builder().clock(CLOCK).credentialsLookup(key -> null).build();
        assertEquals(SignatureVerificationException.Reason.UNKNOWN_USERNAME, assertThrows(
                SignatureVerificationException.class, () -> nullLookup.verify(SignatureVerifierTest.lookup(signed))).reason());
    }
}
