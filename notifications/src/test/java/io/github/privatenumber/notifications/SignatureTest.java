package io.github.privatenumber.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.notifications.testing.PushTestClient;
import io.github.privatenumber.signing.AkskSigner;
import io.github.privatenumber.signing.NonceSource;
import io.github.privatenumber.signing.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signature checks: every failure is 401, names the check in the log, and delivers nothing. */
class SignatureTest {

    private static final String BODY = "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"sig-1\",\"callerNum\":\"+8613812345678\"}]}";

    private final RecordingSink sink = new RecordingSink();
    private final NotificationReceiver receiver = Fixtures.receiver(sink).build();
    private final PushTestClient platform = Fixtures.platform();

    private ReceiverResponse deliver(Map<String, String> headers) {
        return PushTestClient.deliver(receiver, "POST", BODY.getBytes(StandardCharsets.UTF_8), headers);
    }

    private void assertRejected(Map<String, String> headers, String check) {
        try (LogCapture log = new LogCapture()) {
            ReceiverResponse answer = deliver(headers);
            assertEquals(401, answer.status(), answer.body());
            assertEquals("{\"result\":\"error\",\"status\":401,\"message\":\"signature verification failed\"}", answer.body());
            String logged = log.text();
            assertTrue(logged.contains("status=401") && logged.contains("check " + check + " failed"), logged);
            assertFalse(logged.contains(Fixtures.APP.appSecret()), "never the secret");
            assertFalse(logged.contains("13812345678"), "never a number in clear");
        }
        assertEquals(0, sink.calls.get(), "nothing reaches the sink");
    }

    @Test
    void validSignatureIsAccepted() {
        assertEquals(200, deliver(platform.headers()).status());
        assertEquals(1, sink.cdrs.size());
    }

    @Test
    void tamperedNonce() {
        Map<String, String> headers = platform.headers();
        String token = headers.get("X-AKSK");
        String nonce = token.replaceAll(".*Nonce=\"([^\"]*)\".*", "$1");
        String tampered = (nonce.charAt(0) == 'a' ? "b" : "a") + nonce.substring(1);
        headers.put("X-AKSK", token.replace("Nonce=\"" + nonce + "\"", "Nonce=\"" + tampered + "\""));
        assertRejected(headers, "BAD_DIGEST");
    }

    @Test
    void tamperedDigest() {
        Map<String, String> headers = platform.headers();
        headers.put("X-AKSK", headers.get("X-AKSK").replaceAll("PasswordDigest=\"[^\"]*\"",
                "PasswordDigest=\"gFjPO1pbkjd8z9QCQ+ALC28IAPzxNhm+lR9RBsVq70k=\""));
        assertRejected(headers, "BAD_DIGEST");
    }

    @Test
    void staleCreated() {
        PushTestClient late = PushTestClient.of(AkskSigner.of(Fixtures.APP,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6)), NonceSource.secureRandom()));
        assertRejected(late.headers(), "STALE_CREATED");
        PushTestClient early = PushTestClient.of(AkskSigner.of(Fixtures.APP,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6)), NonceSource.secureRandom()));
        assertRejected(early.headers(), "STALE_CREATED");
    }

    @Test
    void skewWindowIsConfigurable() {
        NotificationReceiver strict = Fixtures.receiver(sink).allowedSkew(Duration.ofSeconds(30)).build();
        PushTestClient late = PushTestClient.of(AkskSigner.of(Fixtures.APP,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1)), NonceSource.secureRandom()));
        assertEquals(401, late.deliver(strict, BODY).status());
        NotificationReceiver lax = Fixtures.receiver(sink).allowedSkew(Duration.ofMinutes(15)).build();
        PushTestClient later = PushTestClient.of(AkskSigner.of(Fixtures.APP,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)), NonceSource.secureRandom()));
        assertEquals(200, later.deliver(lax, BODY).status());
    }

    @Test
    void wrongAppKey() {
        assertRejected(PushTestClient.of(Fixtures.OTHER_APP).headers(), "UNKNOWN_USERNAME");
    }

    @Test
    void rightKeyWrongSecret() {
        PushTestClient impostor = PushTestClient.of(AppCredentials.of(Fixtures.APP.appKey(), "not-the-secret"));
        assertRejected(impostor.headers(), "BAD_DIGEST");
    }

    @Test
    void replayedHeaders() {
        Map<String, String> headers = platform.headers();
        assertEquals(200, deliver(headers).status());
        sink.calls.set(0);
        assertRejected(headers, "REPLAYED_NONCE");
    }

    @Test
    void wsseIsRefusedUnlessEnabled() {
        PushTestClient legacy = PushTestClient.wsse(Fixtures.APP);
        assertRejected(legacy.headers(), "SCHEME_DISABLED");

        NotificationReceiver withWsse = Fixtures.receiver(sink).wsseEnabled(true).build();
        assertEquals(200, legacy.deliver(withWsse, BODY).status());
        assertEquals(1, sink.cdrs.size());
        assertEquals(200, platform.deliver(withWsse, BODY.replace("sig-1", "sig-2")).status(), "AKSK still works");
    }

    @Test
    void severalAppsAndALookup() {
        NotificationReceiver two = NotificationReceiver.builder().credentials(Fixtures.APP, Fixtures.OTHER_APP)
                .sink(sink).build();
        assertEquals(200, PushTestClient.of(Fixtures.OTHER_APP).deliver(two, BODY).status());

        NotificationReceiver looked = NotificationReceiver.builder()
                .credentialsLookup(key -> key.equals(Fixtures.APP.appKey()) ? Optional.of(Fixtures.APP) : Optional.empty())
                .sink(sink).build();
        assertEquals(200, platform.deliver(looked, BODY.replace("sig-1", "sig-3")).status());
        assertEquals(401, PushTestClient.of(Fixtures.OTHER_APP).deliver(looked, BODY).status());

        NotificationReceiver broken = NotificationReceiver.builder()
                .credentialsLookup(key -> {
                    throw new IllegalStateException("vault unreachable");
                })
                .sink(sink).build();
        assertEquals(503, platform.deliver(broken, BODY).status(), "a failing lookup is not the caller's fault");
    }

    @Test
    void aVerifierBuiltElsewhere() {
        SignatureVerifier verifier = SignatureVerifier.builder().credentials(Fixtures.APP).build();
        NotificationReceiver r = NotificationReceiver.builder().verifier(verifier).sink(sink).build();
        assertEquals(200, platform.deliver(r, BODY).status());
        assertThrows(InvalidValueException.class,
                () -> NotificationReceiver.builder().verifier(verifier).credentials(Fixtures.APP).sink(sink).build());
    }

    @Test
    void verificationIsOnUnlessSwitchedOffExplicitly() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> NotificationReceiver.builder().sink(sink).build());
        assertTrue(e.getMessage().contains("withoutSignatureVerification"), e.getMessage());
        assertTrue(Fixtures.receiver(sink).build().verifiesSignatures());

        NotificationReceiver open;
        try (LogCapture log = new LogCapture()) {
            open = NotificationReceiver.builder().sink(sink).withoutSignatureVerification().build();
            assertTrue(log.text().contains("WARN") && log.text().contains("signature verification of pushes is switched OFF"),
                    log.text());
        }
        assertFalse(open.verifiesSignatures());
        assertEquals(200, PushTestClient.deliver(open, "POST", BODY.getBytes(StandardCharsets.UTF_8), Map.of()).status());
        assertThrows(InvalidValueException.class, () -> NotificationReceiver.builder().sink(sink)
                .withoutSignatureVerification().credentials(Fixtures.APP).build());
    }

    @Test
    void builderChecks() {
        assertThrows(InvalidValueException.class, () -> NotificationReceiver.builder().credentials(Fixtures.APP).build());
        assertThrows(InvalidValueException.class, () -> Fixtures.receiver(sink).maxBodyBytes(10).build());
        assertThrows(InvalidValueException.class, () -> Fixtures.receiver(sink).allowedSkew(Duration.ZERO).build());
        assertThrows(InvalidValueException.class, () -> Fixtures.receiver(sink).replayCapacity(0).build());
        assertThrows(InvalidValueException.class, () -> Fixtures.receiver(sink).inProgressWait(Duration.ofSeconds(-1)).build());
        String text = Fixtures.receiver(sink).build().toString();
        assertFalse(text.contains(Fixtures.APP.appSecret()), text);
    }
}
