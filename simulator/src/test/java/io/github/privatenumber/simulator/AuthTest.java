package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.signing.AkskSigner;
import io.github.privatenumber.signing.NonceSource;
import io.github.privatenumber.signing.SignedHeaders;
import io.github.privatenumber.signing.WsseSigner;
import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Authentication as the platform does it, and the documented codes of every failure. */
class AuthTest {

    static final AppCredentials OTHER = AppCredentials.of("other-app", "other-secret-0002");

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.builder()
            .configure(b -> b.addApp(OTHER, null, null, null))
            .build();

    private Api api;
    private String query;

    @BeforeEach
    void setUp() {
        api = new Api(SIM.simulator());
        query = Api.BINDING + api.qs("relationNum", "+8617075500001");
    }

    private Api.Resp withHeaders(Map<String, String> headers) {
        return api.send("GET", query, null, headers);
    }

    private static Map<String, String> headers(String authorization, String tokenName, String token) {
        Map<String, String> m = new LinkedHashMap<>();
        if (authorization != null) {
            m.put("Authorization", authorization);
        }
        if (token != null) {
            m.put(tokenName, token);
        }
        m.put("Content-Type", "application/json;charset=UTF-8");
        return m;
    }

    private static final String AUTH = "AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"";

    private String validToken() {
        return PySample.buildAkskHeader(api.appKey(), SIM.credentials().appSecret());
    }

    /** A correctly signed request passes authentication and reaches the query (nothing bound: 1016001). */
    @Test
    void validSignaturePasses() {
        Api.Resp r = withHeaders(headers(AUTH, "X-AKSK", validToken()));
        assertEquals(403, r.status());
        assertEquals("1016001", r.code());
    }

    @Test
    void missingAuthorization() {
        Api.Resp r = withHeaders(headers(null, "X-AKSK", validToken()));
        assertEquals(400, r.status());
        assertEquals("1023006", r.code());
        assertEquals("application/json;charset=UTF-8", r.headers().firstValue("Content-Type").orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Basic dXNlcjpwYXNz",
        "AKSK",
        "AKSK realm=\"XYZ\",profile=\"UsernameToken\",type=\"Appkey\"",
        "AKSK realm=\"SDP\",profile=\"Token\",type=\"Appkey\"",
        "AKSK realm=\"SDP\",profile=\"UsernameToken\"",
    })
    void malformedAuthorization(String authorization) {
        Api.Resp r = withHeaders(headers(authorization, "X-AKSK", validToken()));
        assertEquals(400, r.status(), r.toString());
        assertEquals("1023007", r.code());
    }

    @Test
    void missingToken() {
        Api.Resp r = withHeaders(headers(AUTH, "X-AKSK", null));
        assertEquals(400, r.status());
        assertEquals("1023008", r.code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1023009|Token Username=\"k\"",
        "1023009|UsernameToken Username=k,Nonce=\"1\"",
        "1023010|UsernameToken PasswordDigest=\"gFjPO1pbkjd8z9QCQ+ALC28IAPzxNhm+lR9RBsVq70k=\",Nonce=\"66C92B11\",Created=\"2018-02-12T15:30:20Z\"",
        "1023011|UsernameToken Username=\"sim-app-key\",Nonce=\"66C92B11\",Created=\"2018-02-12T15:30:20Z\"",
        "1023012|UsernameToken Username=\"sim-app-key\",PasswordDigest=\"gFjPO1pbkjd8z9QCQ+ALC28IAPzxNhm+lR9RBsVq70k=\",Created=\"2018-02-12T15:30:20Z\"",
        "1023031|UsernameToken Username=\"sim-app-key\",PasswordDigest=\"gFjPO1pbkjd8z9QCQ+ALC28IAPzxNhm+lR9RBsVq70k=\",Nonce=\"66C9-2B11\",Created=\"2018-02-12T15:30:20Z\"",
        "1023032|UsernameToken Username=\"sim-app-key\",PasswordDigest=\"gFjPO1pbkjd8z9QCQ+ALC28IAPzxNhm+lR9RBsVq70k=\",Nonce=\"66C92B11\"",
        "1023033|UsernameToken Username=\"sim-app-key\",PasswordDigest=\"gFjPO1pbkjd8z9QCQ+ALC28IAPzxNhm+lR9RBsVq70k=\",Nonce=\"66C92B11\",Created=\"2018-02-12 15:30:20\"",
        "1023034|UsernameToken Username=\"sim-app-key\",PasswordDigest=\"not-base64!\",Nonce=\"66C92B11\",Created=\"2018-02-12T15:30:20Z\"",
        "1023035|UsernameToken Username=\"sim-app-key\",Username=\"sim-app-key\",PasswordDigest=\"gFjPO1pbkjd8z9QCQ+ALC28IAPzxNhm+lR9RBsVq70k=\",Nonce=\"66C92B11\",Created=\"2018-02-12T15:30:20Z\"",
    })
    void malformedToken(String code, String token) {
        Api.Resp r = withHeaders(headers(AUTH, "X-AKSK", token));
        assertEquals(400, r.status(), r.toString());
        assertEquals(code, r.code(), r.desc());
    }

    @Test
    void spacesAfterCommasAndAnyAttributeOrderAreAccepted() {
        String t = validToken();
        // UsernameToken Username="..",PasswordDigest="..",Nonce="..",Created=".."
        String[] parts = t.substring("UsernameToken ".length()).split(",");
        String reordered = "UsernameToken " + parts[3] + ", " + parts[2] + ", " + parts[0] + ", " + parts[1];
        Api.Resp r = withHeaders(headers("AKSK realm=\"SDP\", profile=\"UsernameToken\", type=\"Appkey\"", "X-AKSK", reordered));
        assertEquals("1016001", r.code(), r.toString());
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        Api.Resp r = withHeaders(headers(AUTH, "x-aksk", validToken()));
        assertEquals("1016001", r.code(), r.toString());
    }

    @Test
    void badDigest() {
        Api.Resp r = withHeaders(headers(AUTH, "X-AKSK", PySample.buildAkskHeader(api.appKey(), "wrong-secret")));
        assertEquals(401, r.status());
        assertEquals("1010010", r.code());
    }

    @Test
    void digestOfTheWrongLengthIsMalformedNotWrong() {
        for (int length : new int[] {31, 33, 20, 1}) {
            String digest = java.util.Base64.getEncoder().encodeToString(new byte[length]);
            String token = validToken().replaceAll("PasswordDigest=\"[^\"]*\"", "PasswordDigest=\"" + digest + "\"");
            Api.Resp r = withHeaders(headers(AUTH, "X-AKSK", token));
            assertEquals(400, r.status(), length + " bytes: " + r);
            assertEquals("1023034", r.code(), length + " bytes: " + r);
        }
        String wrong = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Api.Resp r = withHeaders(headers(AUTH, "X-AKSK", validToken().replaceAll("PasswordDigest=\"[^\"]*\"",
                "PasswordDigest=\"" + wrong + "\"")));
        assertEquals(401, r.status(), "32 bytes, just wrong: " + r);
        assertEquals("1010010", r.code());
    }

    @Test
    void replayedNonce() {
        Map<String, String> h = headers(AUTH, "X-AKSK", validToken());
        assertEquals("1016001", withHeaders(h).code());
        Api.Resp again = withHeaders(h);
        assertEquals(401, again.status());
        assertEquals("1010010", again.code());
    }

    @Test
    void createdOutsideTheSkewWindow() {
        for (long offset : new long[] {-360, 360}) {
            Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(offset));
            SignedHeaders h = AkskSigner.of(SIM.credentials(), skewed, NonceSource.secureRandom()).sign();
            Api.Resp r = withHeaders(headers(h.authorization(), h.tokenHeaderName(), h.tokenHeaderValue()));
            assertEquals(401, r.status(), "offset " + offset);
            assertEquals("1010013", r.code());
        }
        Clock inside = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-240));
        SignedHeaders h = AkskSigner.of(SIM.credentials(), inside, NonceSource.secureRandom()).sign();
        assertEquals("1016001", withHeaders(headers(h.authorization(), h.tokenHeaderName(), h.tokenHeaderValue())).code());
    }

    @Test
    void platformClockDoesNotAffectAuthentication() {
        SIM.simulator().advanceClock(Duration.ofDays(3));
        assertEquals("1016001", api.query("relationNum", "+8617075500001").code());
    }

    @Test
    void usernameMustEqualAppKey() {
        // signed by the other (known) app, sent with this app's app_key
        Api.Resp r = api.send("GET", query, null, api.as(OTHER).signedHeaders());
        assertEquals(403, r.status());
        assertEquals("1010003", r.code());
    }

    @Test
    void unknownOrMissingAppKey() {
        Api stranger = api.as(AppCredentials.of("unknown-app", "whatever-secret"));
        Api.Resp r = stranger.query("relationNum", "+8617075500001");
        assertEquals(403, r.status());
        assertEquals("1010003", r.code());

        Api.Resp noKey = api.signed("GET", Api.BINDING + "?relationNum=%2B8617075500001", null);
        assertEquals(403, noKey.status());
        assertEquals("1010003", noKey.code());
    }

    @Test
    void recordingApiNeedsAKnownUsername() {
        Api stranger = api.as(AppCredentials.of("unknown-app", "whatever-secret"));
        Api.Resp r = stranger.recordingUrl("obs.simulator.local", "x.wav");
        assertEquals(403, r.status());
        assertEquals("1010003", r.code());
        Api.Resp known = api.recordingUrl("obs.simulator.local", "x.wav");
        assertEquals("1012007", known.code());
    }

    @Test
    void legacyWsseIsAcceptedByDefault() {
        SignedHeaders h = WsseSigner.of(SIM.credentials()).sign();
        Api.Resp r = withHeaders(headers(h.authorization(), h.tokenHeaderName(), h.tokenHeaderValue()));
        assertEquals("1016001", r.code(), r.toString());
    }

    @Test
    void legacyWsseCanBeRefused() {
        try (Simulator strict = Simulator.builder().acceptWsse(false).build().start()) {
            Api a = new Api(strict);
            SignedHeaders h = WsseSigner.of(strict.credentials()).sign();
            Api.Resp r = a.send("GET", Api.BINDING + a.qs("relationNum", "+8617075500001"), null,
                    headers(h.authorization(), h.tokenHeaderName(), h.tokenHeaderValue()));
            assertEquals(400, r.status());
            assertEquals("1023036", r.code());
        }
    }

    @Test
    void appsAreIsolated() {
        Api other = api.as(OTHER);
        String[] ax = api.ax(Api.ax("+8613800000001"));
        Api.Resp r = other.query("subscriptionId", ax[0]);
        assertEquals("1016001", r.code());
        assertEquals("1016001", other.query("relationNum", ax[1]).code());
        assertEquals("1016001", other.unbind("subscriptionId", ax[0]).code());
        String[] otherAx = other.ax(Api.ax("+8613800000001"));
        assertFalse(otherAx[1].equals(ax[1]), "apps have separate pools");
        assertTrue(SIM.simulator().apps().contains(OTHER));
    }

    @Test
    void descriptionNeverEchoesTheSecretOrDigest() {
        Api.Resp r = withHeaders(headers(AUTH, "X-AKSK", PySample.buildAkskHeader(api.appKey(), "wrong-secret")));
        assertFalse(r.text().contains(SIM.credentials().appSecret()));
        assertFalse(r.text().contains("PasswordDigest=\""));
        assertTrue(Instant.now().isAfter(Instant.EPOCH));
    }
}
