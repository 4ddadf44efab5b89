package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator's own admin API under /simulator/, and 404/405 of the platform API. */
class AdminApiTest {

    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    private static final String A = "+8613800000001";
    private static final String B = "+8613900000001";
    private Simulator sim;
    private Api api;

    @BeforeEach
    void setUp() {
        sim = SIM.simulator();
        api = new Api(sim);
    }

    private Api.Resp admin(String method, String path, String body) {
        return api.send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                body == null ? Map.of() : Map.of("Content-Type", "application/json"));
    }

    @Test
    void stateShowsMaskedBindingsCallsAndPushes() throws Exception {
        String[] ax = api.ax(Api.ax(A).put("userData", "secret order"));
        String y = api.yb(ax[0], B);
        try (PushReceiver receiver = new PushReceiver(sim.credentials())) {
            admin("POST", "/simulator/push-urls", "{\"eventUrl\":\"" + receiver.eventUrl() + "\",\"feeUrl\":\"" + receiver.feeUrl() + "\"}");
            sim.placeCall(CallRequest.of(A, y));
            assertTrue(sim.awaitPushesSettled(Duration.ofSeconds(10)));
        }
        Api.Resp r = admin("GET", "/simulator/state", null);
        assertEquals(200, r.status());
        String text = r.text();
        for (String number : new String[] {A, B, ax[1], y}) {
            assertFalse(text.contains(number), "a number in clear: " + number);
            assertFalse(text.contains(number.substring(1)), "a number in clear: " + number);
        }
        JsonNode s = r.json();
        JsonNode b = s.get("bindings").get(0);
        assertEquals(ax[0], b.get("subscriptionId").textValue());
        assertEquals("+86138****0001", b.get("numA").textValue());
        assertEquals("+86139****0001", b.get("ybBindings").get(0).get("numB").textValue());
        assertEquals(1, s.get("calls").size());
        assertEquals("A_TO_B", s.get("calls").get(0).get("route").textValue());
        assertEquals(6, s.get("pushes").size(), "five events and one CDR batch");
        JsonNode push = s.get("pushes").get(0);
        assertEquals("DELIVERED", push.get("state").textValue());
        assertEquals(200, push.get("attempts").get(0).get("httpStatus").intValue());
        assertTrue(s.get("apps").get(0).get("eventUrl").textValue().endsWith("/events"));
        assertEquals(8 + 6 + 4 + 4 - 2, s.get("apps").get(0).get("freeNumbersByArea").properties().stream()
                .mapToInt(e -> e.getValue().intValue()).sum());
    }

    @Test
    void clockMovesPlatformTimeAndExpiresBindings() {
        api.ax(Api.ax(A).put("duration", 60));
        Instant before = sim.platformTime();
        Api.Resp r = admin("POST", "/simulator/clock", "{\"advanceSeconds\":60}");
        assertEquals(200, r.status(), r.toString());
        Instant after = Instant.parse(r.json().get("platformTime").textValue());
        assertTrue(Duration.between(before, after).getSeconds() >= 60);
        assertEquals(60, r.json().get("offsetSeconds").intValue());
        assertTrue(sim.state().bindings().isEmpty());
        assertEquals(400, admin("POST", "/simulator/clock", "{\"advanceSeconds\":-5}").status());
        assertEquals(400, admin("POST", "/simulator/clock", "{\"advanceSeconds\":\"60\"}").status());
        assertEquals(400, admin("POST", "/simulator/clock", "not json").status());
        assertEquals(200, admin("GET", "/simulator/clock", null).status());
    }

    @Test
    void clockRefusesHugeOrNegativeAdvancesWithoutChangingState() {
        api.ax(Api.ax(A).put("duration", 60));
        for (String bad : new String[] {"4611686018427387904", "9223372036854775807", "315619201", "-1",
                "99999999999999999999999"}) {
            Api.Resp r = admin("POST", "/simulator/clock", "{\"advanceSeconds\":" + bad + "}");
            assertEquals(400, r.status(), bad + ": " + r);
            assertTrue(r.json().get("error").textValue().contains("advanceSeconds"), r.toString());
            assertEquals(0, admin("GET", "/simulator/clock", null).json().get("offsetSeconds").longValue(), "no state change");
        }
        // everything still works: the platform API, the state, pushes' timestamps
        assertEquals(200, admin("GET", "/simulator/state", null).status());
        assertEquals(1, sim.state().bindings().size());
        assertEquals(200, api.bind(Api.ax("+8613800000002")).status());
        assertEquals(200, admin("POST", "/simulator/calls", "{\"caller\":\"" + A + "\",\"called\":\"+8617002100004\"}").status());

        // the same bound in process, and a cap on the total
        assertThrows(IllegalArgumentException.class, () -> sim.advanceClock(Duration.ofSeconds(Long.MAX_VALUE)));
        assertThrows(IllegalArgumentException.class, () -> sim.advanceClock(Duration.ofDays(3654)));
        assertThrows(IllegalArgumentException.class, () -> sim.advanceClock(Duration.ofSeconds(-1)));
        Instant before = sim.platformTime();
        for (int i = 0; i < 10; i++) {
            sim.advanceClock(Duration.ofDays(3652));
        }
        assertThrows(IllegalArgumentException.class, () -> sim.advanceClock(Duration.ofDays(3653)), "over 100 years ahead");
        assertTrue(Duration.between(before, sim.platformTime()).toDays() >= 36_520);
        assertEquals(200, admin("GET", "/simulator/state", null).status(), "far-future time still works");
        assertEquals(200, api.bind(Api.ax("+8613800000003").put("duration", 7_776_000)).status());
        assertEquals(400, admin("POST", "/simulator/clock", "{\"advanceSeconds\":315576000}").status(), "over the total cap");
    }

    @Test
    void resetClearsEverything() {
        api.ax(Api.ax(A));
        sim.placeCall(CallRequest.of(A, "+8617002100004"));
        sim.faults().add(Fault.serverError("/nowhere").unlimited());
        sim.advanceClock(Duration.ofHours(1));
        assertEquals(200, admin("POST", "/simulator/reset", null).status());
        SimulatorState s = sim.state();
        assertTrue(s.bindings().isEmpty() && s.calls().isEmpty() && s.pushes().isEmpty() && s.faults().isEmpty());
        assertTrue(Duration.between(Instant.now(), sim.platformTime()).abs().getSeconds() < 5, "platform clock back on real time");
        assertEquals(405, admin("GET", "/simulator/reset", null).status());
    }

    @Test
    void callsEndpointValidatesItsInput() {
        assertEquals(400, admin("POST", "/simulator/calls", "{\"caller\":\"" + A + "\"}").status());
        assertEquals(400, admin("POST", "/simulator/calls", "{\"caller\":\"" + A + "\",\"called\":\"+8613312345678\"}").status());
        assertEquals(400, admin("POST", "/simulator/calls", "{\"caller\":\"" + A + "\",\"called\":\"+8617002100004\",\"talkSeconds\":\"x\"}").status());
        assertEquals(400, admin("POST", "/simulator/calls", "{\"calls\":[]}").status());
        Api.Resp ok = admin("POST", "/simulator/calls", "{\"caller\":\"" + A + "\",\"called\":\"+8617002100004\",\"answer\":false}");
        assertEquals(200, ok.status());
        assertEquals(8030, ok.json().get("calls").get(0).get("hangupCode").intValue());
        assertTrue(ok.json().get("calls").get(0).get("sessionId").isTextual());
        Api.Resp held = api.send("POST", "/simulator/calls", ("{\"caller\":\"" + A + "\",\"called\":\"+8617002100004\",\"hold\":true}")
                .getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(200, held.status());
    }

    @Test
    void healthAndUnknownAdminPaths() {
        assertEquals("UP", admin("GET", "/simulator/health", null).json().get("status").textValue());
        Api.Resp unknown = admin("GET", "/simulator/nope", null);
        assertEquals(404, unknown.status());
        assertTrue(unknown.json().has("error"));
        Api.Resp wrong = admin("POST", "/simulator/state", "{}");
        assertEquals(405, wrong.status());
        assertEquals("GET", wrong.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void unknownApiPathAndWrongMethodAnswerJson() {
        Api.Resp unknown = api.signed("GET", "/rest/omp/nothing/v1.0?app_key=" + api.appKey(), null);
        assertEquals(404, unknown.status());
        assertEquals("application/json;charset=UTF-8", unknown.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(unknown.json().get("resultcode").isTextual());
        Api.Resp wrong = api.signed("PUT", Api.BINDING + "?app_key=" + api.appKey(), "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(405, wrong.status());
        assertEquals("application/json;charset=UTF-8", wrong.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(wrong.json().get("resultcode").isTextual());
        assertEquals("DELETE, GET, POST", wrong.headers().firstValue("Allow").orElseThrow());
        assertEquals(405, api.signed("POST", Api.RECORDING, new byte[0]).status());
        assertEquals(405, api.signed("GET", Api.CALL_STOP + "?app_key=" + api.appKey(), null).status());
    }

    @Test
    void pushUrlsChangesOnlyTheUrlsGiven() {
        assertEquals(200, admin("POST", "/simulator/push-urls", "{\"eventUrl\":\"http://127.0.0.1:1/e\",\"feeUrl\":\"http://127.0.0.1:1/f\"}").status());
        Api.Resp none = admin("POST", "/simulator/push-urls", "{}");
        assertEquals(200, none.status());
        assertEquals("http://127.0.0.1:1/e", none.json().get("eventUrl").textValue());
        assertEquals("http://127.0.0.1:1/f", none.json().get("feeUrl").textValue());
        admin("POST", "/simulator/push-urls", "{\"eventUrl\":\"http://127.0.0.1:2/e\"}");
        JsonNode app = admin("GET", "/simulator/state", null).json().get("apps").get(0);
        assertEquals("http://127.0.0.1:2/e", app.get("eventUrl").textValue());
        assertEquals("http://127.0.0.1:1/f", app.get("feeUrl").textValue(), "feeUrl kept");
        admin("POST", "/simulator/push-urls", "{\"feeUrl\":null}");
        app = admin("GET", "/simulator/state", null).json().get("apps").get(0);
        assertEquals("http://127.0.0.1:2/e", app.get("eventUrl").textValue(), "eventUrl kept");
        assertTrue(app.get("feeUrl").isNull(), "an explicit null removes it");
        assertEquals(400, admin("POST", "/simulator/push-urls", "{\"eventUrl\":\"ftp://x/y\",\"feeUrl\":\"http://127.0.0.1:3/f\"}").status());
        app = admin("GET", "/simulator/state", null).json().get("apps").get(0);
        assertTrue(app.get("feeUrl").isNull(), "a refused request changes nothing");
        sim.setPushUrls(null, null);
    }

    @Test
    void oversizedAndNonUtf8AdminBodiesSayWhatIsWrong() {
        StringBuilder calls = new StringBuilder("{\"calls\":[");
        for (int i = 0; i < 5000; i++) {
            calls.append(i == 0 ? "" : ",").append("{\"caller\":\"").append(A).append("\",\"called\":\"+8617002100004\"}");
        }
        Api.Resp big = admin("POST", "/simulator/calls", calls.append("]}").toString());
        assertEquals(413, big.status(), big.toString());
        assertTrue(big.json().get("error").textValue().contains("limit"), big.toString());
        assertTrue(sim.state().calls().isEmpty());

        byte[] latin1 = "{\"caller\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        Api.Resp notUtf8 = api.send("POST", "/simulator/calls", latin1, Map.of("Content-Type", "application/json"));
        assertEquals(400, notUtf8.status());
        assertEquals("the body is not valid UTF-8", notUtf8.json().get("error").textValue());
    }

    @Test
    void headIsAnswered405WithoutABody() {
        for (String path : new String[] {Api.BINDING + "?app_key=" + api.appKey(), "/simulator/health"}) {
            String answer = RawHttp.exchange(sim.baseUrl(), "HEAD " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", null);
            assertTrue(answer.startsWith("HTTP/1.1 405 "), answer);
            assertTrue(answer.contains("\r\nAllow: "), answer);
            assertTrue(answer.contains("\r\nContent-Length: "), answer);
            assertTrue(answer.endsWith("\r\n\r\n"), "no body after the head: " + answer);
        }
    }

    @Test
    void pushUrlsEndpointRejectsBadUrls() {
        assertEquals(400, admin("POST", "/simulator/push-urls", "{\"eventUrl\":\"ftp://x/y\"}").status());
        assertEquals(400, admin("POST", "/simulator/push-urls", "{\"appKey\":\"nope\",\"eventUrl\":\"http://127.0.0.1:1/e\"}").status());
        assertEquals(200, admin("POST", "/simulator/push-urls", "{\"eventUrl\":null,\"feeUrl\":null}").status());
    }
}
