package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Simulated calls: routing, call events and CDRs (verified by a signature-checking receiver), callStop. */
class CallsTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.builder().repushTimeScale(0.001).build();

    private static final String A = "+8613800000001";
    private static final String B = "+8613900000001";
    private static final String C = "+8613700000001";
    private static final String USER_DATA = "订单-42 😀";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Simulator sim;
    private Api api;
    private PushReceiver receiver;

    @BeforeEach
    void setUp() {
        sim = SIM.simulator();
        api = new Api(sim);
        receiver = new PushReceiver(sim.credentials());
        sim.setPushUrls(receiver.eventUrl(), receiver.feeUrl());
    }

    @AfterEach
    void tearDown() {
        assertTrue(sim.awaitPushesSettled(Duration.ofSeconds(10)));
        assertEquals(List.of(), receiver.rejected(), "every push carried a valid signature");
        receiver.close();
    }

    /** Binds AX (with userData) and YB; returns {subscriptionId, X, Y}. */
    private String[] axyb(com.fasterxml.jackson.databind.node.ObjectNode ax) {
        String[] r = api.ax(ax.put("userData", USER_DATA));
        return new String[] {r[0], r[1], api.yb(r[0], B)};
    }

    private Map<String, JsonNode> events(int n) throws InterruptedException {
        Map<String, JsonNode> byType = new HashMap<>();
        for (PushReceiver.Received r : receiver.events(n)) {
            assertEquals("application/json;charset=UTF-8", r.contentType());
            assertEquals("/events", r.path());
            byType.put(r.json().get("eventType").textValue(), r.json().get("statusInfo"));
        }
        assertEquals(n, byType.size(), "distinct event types: " + byType.keySet());
        return byType;
    }

    /** Takes CDR pushes until {@code n} records came (calls placed one by one may share a push). */
    private List<JsonNode> cdrs(int n) throws InterruptedException {
        List<JsonNode> out = new java.util.ArrayList<>();
        while (out.size() < n) {
            receiver.fee().json().get("feeLst").forEach(out::add);
        }
        assertEquals(n, out.size());
        return out;
    }

    @Test
    void cdrsOfCallsPlacedOneByOneShareAPush() throws Exception {
        try (Simulator batching = Simulator.builder().cdrBatchWindow(Duration.ofSeconds(2)).feeUrl(receiver.feeUrl())
                .credentials(sim.credentials()).build().start()) {
            for (int i = 0; i < 5; i++) {
                batching.placeCall(CallRequest.of(C, "+8617002100004"));
            }
            PushReceiver.Received fee = receiver.fee();
            assertEquals(5, fee.json().get("feeLst").size(), "five separate calls within the window: one push");
            for (int i = 0; i < 57; i++) {
                batching.placeCall(CallRequest.of(C, "+8617002100004"));
            }
            assertEquals(50, receiver.fee().json().get("feeLst").size(), "a full batch goes at once");
            assertEquals(7, receiver.fee().json().get("feeLst").size(), "the rest when the window closes");
            assertTrue(batching.awaitPushesSettled(Duration.ofSeconds(10)));
            assertEquals(3, batching.pushes().size());
        }
    }

    private JsonNode singleCdr() throws InterruptedException {
        PushReceiver.Received fee = receiver.fee();
        assertEquals("fee", fee.json().get("eventType").textValue());
        assertEquals(1, fee.json().get("feeLst").size());
        return fee.json().get("feeLst").get(0);
    }

    private static LocalDateTime time(JsonNode n, String field) {
        return LocalDateTime.parse(n.get(field).textValue(), TIME);
    }

    @Test
    void aDialsYReachesBWhoSeesX() throws Exception {
        String[] r = axyb(Api.ax(A));
        CallResult call = sim.placeCall(CallRequest.of(A, r[2]).ringSeconds(3).talkSeconds(10));
        assertEquals(CallRoute.A_TO_B, call.route());
        assertEquals(0, call.hangupCode());
        assertEquals(B, call.callee());
        assertEquals(r[1], call.displayNumber());
        assertEquals(r[0], call.subscriptionId());
        assertTrue(call.answered());

        Map<String, JsonNode> ev = events(5);
        assertEquals(Set.of("callin", "callout", "alerting", "answer", "disconnect"), ev.keySet());
        for (JsonNode info : ev.values()) {
            assertEquals(call.sessionId(), info.get("sessionId").textValue());
            assertEquals(r[0], info.get("subscriptionId").textValue());
            assertEquals(USER_DATA, info.get("userData").textValue());
            assertTrue(info.get("timestamp").textValue().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"));
        }
        assertEquals(A, ev.get("callin").get("caller").textValue());
        assertEquals(r[2], ev.get("callin").get("called").textValue());
        assertEquals(r[1], ev.get("callout").get("caller").textValue());
        assertEquals(B, ev.get("callout").get("called").textValue());
        assertEquals(0, ev.get("disconnect").get("stateCode").intValue());
        assertTrue(ev.get("disconnect").get("stateCode").isInt());
        assertTrue(ev.get("disconnect").get("stateDesc").isTextual());
        assertFalse(ev.get("callin").has("stateCode"));

        JsonNode cdr = singleCdr();
        assertEquals(1, cdr.get("direction").intValue());
        assertEquals(sim.credentials().appKey(), cdr.get("appKey").textValue());
        assertEquals(call.icid(), cdr.get("icid").textValue());
        assertEquals(r[2], cdr.get("bindNum").textValue());
        assertEquals(call.sessionId(), cdr.get("sessionId").textValue());
        assertEquals(r[0], cdr.get("subscriptionId").textValue());
        assertEquals(A, cdr.get("callerNum").textValue());
        assertEquals(r[2], cdr.get("calleeNum").textValue());
        assertEquals(r[1], cdr.get("fwdDisplayNum").textValue());
        assertEquals(B, cdr.get("fwdDstNum").textValue());
        LocalDateTime in = time(cdr, "callInTime");
        assertEquals(in, time(cdr, "fwdStartTime"));
        assertEquals(in.plusSeconds(1), time(cdr, "fwdAlertingTime"));
        assertEquals(in.plusSeconds(3), time(cdr, "fwdAnswerTime"));
        assertEquals(in.plusSeconds(13), time(cdr, "callEndTime"), "talk time = callEndTime - fwdAnswerTime");
        assertFalse(cdr.has("failTime"));
        assertEquals(0, cdr.get("ulFailReason").intValue());
        assertEquals(0, cdr.get("recordFlag").intValue());
        assertFalse(cdr.has("recordObjectName"));
        assertEquals("003", cdr.get("serviceType").textValue());
        assertTrue(cdr.get("hostName").isTextual());
        assertTrue(cdr.get("spId").isTextual());
        assertEquals(USER_DATA, cdr.get("userData").textValue());
        assertEquals(time(cdr, "callEndTime").format(TIME), ev.get("disconnect").get("timestamp").textValue());
    }

    @Test
    void bDialsXReachesAWhoSeesY() throws Exception {
        String[] r = axyb(Api.ax(A));
        CallResult call = sim.placeCall(CallRequest.of(B, r[1]));
        assertEquals(CallRoute.B_TO_A, call.route());
        assertEquals(A, call.callee());
        assertEquals(r[2], call.displayNumber());
        Map<String, JsonNode> ev = events(5);
        assertEquals(r[2], ev.get("callout").get("caller").textValue());
        assertEquals(A, ev.get("callout").get("called").textValue());
        JsonNode cdr = singleCdr();
        assertEquals(0, cdr.get("direction").intValue());
        assertEquals(r[1], cdr.get("bindNum").textValue());
        assertEquals(r[2], cdr.get("fwdDisplayNum").textValue());
        assertEquals(A, cdr.get("fwdDstNum").textValue());
    }

    @Test
    void someoneDiallingXWithoutYbGetsAYAllocated() throws Exception {
        String[] ax = api.ax(Api.ax(A).put("areaCode", "010"));
        CallResult call = sim.placeCall(CallRequest.of(C, ax[1]));
        assertEquals(CallRoute.B_TO_A_AUTO_Y, call.route());
        assertEquals(0, call.hangupCode());
        assertEquals(A, call.callee());
        String y = call.displayNumber();
        JsonNode item = api.query("subscriptionId", ax[0]).json().get("xyRelationNumList").get(0);
        assertEquals(C, item.get("numB").textValue());
        assertEquals(y, item.get("numY").textValue());
        assertTrue(sim.state().bindings().get(0).ybBindings().get(0).automatic());
        events(5);
        singleCdr();
        // and now A reaches C through that Y
        CallResult back = sim.placeCall(CallRequest.of(A, y));
        assertEquals(CallRoute.A_TO_B, back.route());
        assertEquals(C, back.callee());
        events(5);
        singleCdr();
    }

    @Test
    void yAllocationFailureDuringACall() throws Exception {
        NumberPool one = NumberPool.builder().add("0755", "+8617075599999").build();
        try (Simulator small = Simulator.builder().pool(one).eventUrl(receiver.eventUrl()).feeUrl(receiver.feeUrl()).build().start()) {
            Api a = new Api(small);
            String[] ax = a.ax(Api.ax(A));
            CallResult call = small.placeCall(CallRequest.of(C, ax[1]));
            assertEquals(CallRoute.Y_ALLOCATION_FAILED, call.route());
            assertEquals(8031, call.hangupCode());
            assertEquals(ax[0], call.subscriptionId());
            Map<String, JsonNode> ev = events(2);
            assertEquals(Set.of("callin", "disconnect"), ev.keySet());
            assertEquals(8031, ev.get("disconnect").get("stateCode").intValue());
            JsonNode cdr = singleCdr();
            assertEquals(8031, cdr.get("ulFailReason").intValue());
            assertEquals(2, cdr.get("direction").intValue());
            assertTrue(small.awaitPushesSettled(Duration.ofSeconds(10)));
        }
    }

    @Test
    void callDirectionRules() throws Exception {
        String[] onlyAToB = axyb(Api.ax(A).put("callDirection", 1));
        assertEquals(CallRoute.A_TO_B, sim.placeCall(CallRequest.of(A, onlyAToB[2])).route());
        CallResult blocked = sim.placeCall(CallRequest.of(B, onlyAToB[1]));
        assertEquals(CallRoute.DIRECTION_BLOCKED, blocked.route());
        assertEquals(8014, blocked.hangupCode());
        assertEquals(onlyAToB[0], blocked.subscriptionId());

        String[] onlyBToA = api.ax(Api.ax("+8613800000002").put("callDirection", 2));
        String y = api.yb(onlyBToA[0], "+8613900000002");
        assertEquals(8014, sim.placeCall(CallRequest.of("+8613800000002", y)).hangupCode());
        assertEquals(CallRoute.B_TO_A, sim.placeCall(CallRequest.of("+8613900000002", onlyBToA[1])).route());

        receiver.events(5 + 2 + 2 + 5);
        Set<Integer> codes = new HashSet<>();
        for (JsonNode cdr : cdrs(4)) {
            codes.add(cdr.get("ulFailReason").intValue());
        }
        assertEquals(Set.of(0, 8014), codes);
    }

    @Test
    void aBoundNumberDiallingItsOwnPrivacyNumber() throws Exception {
        String[] r = axyb(Api.ax(A));
        assertEquals(8032, sim.placeCall(CallRequest.of(A, r[1])).hangupCode());
        CallResult bToY = sim.placeCall(CallRequest.of(B, r[2]));
        assertEquals(CallRoute.OWN_PRIVACY_NUMBER, bToY.route());
        assertEquals(8032, bToY.hangupCode());
        int disconnects = 0;
        for (PushReceiver.Received e : receiver.events(4)) {
            if (e.json().get("eventType").textValue().equals("disconnect")) {
                assertEquals(8032, e.json().get("statusInfo").get("stateCode").intValue());
                disconnects++;
            }
        }
        assertEquals(2, disconnects);
    }

    @Test
    void anUnboundPrivacyNumber() throws Exception {
        CallResult call = sim.placeCall(CallRequest.of(C, "+8617002100004"));
        assertEquals(CallRoute.NO_BINDING, call.route());
        assertEquals(8030, call.hangupCode());
        assertEquals("", call.subscriptionId());
        assertNull(call.callee());
        Map<String, JsonNode> ev = events(2);
        assertEquals(C, ev.get("disconnect").get("caller").textValue());
        assertEquals("+8617002100004", ev.get("disconnect").get("called").textValue());
        assertEquals("", ev.get("callin").get("subscriptionId").textValue());
        assertFalse(ev.get("callin").has("userData"));
        JsonNode cdr = singleCdr();
        assertEquals("", cdr.get("subscriptionId").textValue());
        assertEquals(8030, cdr.get("ulFailReason").intValue());
        assertFalse(cdr.has("fwdDstNum"));
        assertTrue(cdr.has("failTime"));
        // a number that is not a privacy number of the simulator is an error of the admin request
        assertThrows(IllegalArgumentException.class, () -> sim.placeCall(CallRequest.of(C, "+8613312345678")));
        assertThrows(IllegalArgumentException.class, () -> sim.placeCall(CallRequest.of("13700000001", "+8617002100004")));
    }

    @Test
    void aFixedLineCannotCall() throws Exception {
        String[] ax = api.ax(Api.ax(A));
        api.yb(ax[0], "+8675528000001");
        CallResult call = sim.placeCall(CallRequest.of("+8675528000001", ax[1]));
        assertEquals(CallRoute.FIXED_LINE_CALLER, call.route());
        assertEquals(8023, call.hangupCode());
        events(2);
        singleCdr();
    }

    @Test
    void unansweredOutcomes() throws Exception {
        String[] r = axyb(Api.ax(A));
        CallResult noAnswer = sim.placeCall(CallRequest.of(A, r[2]).notAnswered(8101).ringSeconds(20));
        assertEquals(8101, noAnswer.hangupCode());
        assertFalse(noAnswer.answered());
        Map<String, JsonNode> ev = events(4);
        assertEquals(Set.of("callin", "callout", "alerting", "disconnect"), ev.keySet());
        assertEquals(8101, ev.get("disconnect").get("stateCode").intValue());
        JsonNode cdr = singleCdr();
        assertFalse(cdr.has("fwdAnswerTime"));
        assertEquals(time(cdr, "callInTime").plusSeconds(20), time(cdr, "failTime"));
        assertEquals(8101, cdr.get("ulFailReason").intValue());
        assertEquals(19, cdr.get("fwdUnaswRsn").intValue());

        CallResult busy = sim.placeCall(CallRequest.of(A, r[2]).notAnswered(8102));
        assertEquals(8102, busy.hangupCode());
        assertEquals(Set.of("callin", "callout", "disconnect"), events(3).keySet(), "a busy callee never rings");
        assertEquals(17, singleCdr().get("fwdUnaswRsn").intValue());

        CallResult rejected = sim.placeCall(CallRequest.of(B, r[1]).notAnswered(7503));
        assertEquals(7503, rejected.hangupCode());
        assertEquals(7503, events(4).get("disconnect").get("stateCode").intValue());
        assertEquals(7503, singleCdr().get("ulFailReason").intValue());
    }

    @Test
    void callsThatEndTogetherShareOneCdrPush() throws Exception {
        String[] r = axyb(Api.ax(A));
        String body = "{\"calls\":[{\"caller\":\"" + A + "\",\"called\":\"" + r[2] + "\"},"
                + "{\"caller\":\"" + B + "\",\"called\":\"" + r[1] + "\",\"answer\":false,\"calleeOutcome\":8102},"
                + "{\"caller\":\"" + C + "\",\"called\":\"+8617002100004\"}]}";
        Api.Resp resp = api.send("POST", "/simulator/calls", body.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
        assertEquals(200, resp.status(), resp.toString());
        JsonNode calls = resp.json().get("calls");
        assertEquals(3, calls.size());
        assertEquals("A_TO_B", calls.get(0).get("route").textValue());
        assertEquals(0, calls.get(0).get("hangupCode").intValue());
        assertEquals(8102, calls.get(1).get("hangupCode").intValue());
        assertEquals("NO_BINDING", calls.get(2).get("route").textValue());
        assertFalse(resp.text().contains(B), "numbers in admin answers are masked");

        PushReceiver.Received fee = receiver.fee();
        JsonNode lst = fee.json().get("feeLst");
        assertEquals(3, lst.size());
        Set<String> sessions = new HashSet<>();
        Set<String> icids = new HashSet<>();
        for (JsonNode c : lst) {
            sessions.add(c.get("sessionId").textValue());
            icids.add(c.get("icid").textValue());
        }
        assertEquals(3, icids.size(), "icid is unique");
        assertEquals(Set.of(calls.get(0).get("sessionId").textValue(), calls.get(1).get("sessionId").textValue(),
                calls.get(2).get("sessionId").textValue()), sessions);
        receiver.events(5 + 3 + 2);
    }

    @Test
    void moreThanFiftyCallsAreSplitIntoBatchesOfFifty() throws Exception {
        List<CallRequest> many = new java.util.ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(CallRequest.of(C, "+8617002100004"));
        }
        sim.setPushUrls(null, receiver.feeUrl());
        sim.placeCalls(many);
        int a = receiver.fee().json().get("feeLst").size();
        int b = receiver.fee().json().get("feeLst").size();
        assertEquals(Set.of(50, 1), Set.of(a, b));
    }

    @Test
    void heldCallEndsThroughCallStop() throws Exception {
        String[] r = axyb(Api.ax(A));
        CallResult held = sim.placeCall(CallRequest.of(A, r[2]).held());
        assertEquals(CallResult.IN_PROGRESS, held.hangupCode());
        assertNull(held.icid());
        assertEquals(Set.of("callin", "callout", "alerting", "answer"), events(4).keySet());
        assertTrue(sim.state().calls().get(0).inProgress());
        assertNull(receiver.pollEvent(Duration.ofMillis(200)), "no disconnect while the call is up");

        // unbinding does not cut a call in progress
        assertEquals(200, api.unbind("subscriptionId", r[0]).status());
        sim.advanceClock(Duration.ofSeconds(42));

        Api.Resp stop = api.callStop(held.sessionId());
        assertEquals(200, stop.status(), stop.toString());
        assertEquals("0", stop.code());
        JsonNode disconnect = receiver.event().json();
        assertEquals("disconnect", disconnect.get("eventType").textValue());
        assertEquals(0, disconnect.get("statusInfo").get("stateCode").intValue());
        JsonNode cdr = singleCdr();
        assertEquals(42 - 3, Duration.between(time(cdr, "fwdAnswerTime"), time(cdr, "callEndTime")).getSeconds(), 1);
        assertFalse(sim.state().calls().get(0).inProgress());
        assertEquals(0, sim.state().calls().get(0).result().hangupCode());

        Api.Resp again = api.callStop(held.sessionId());
        assertEquals(403, again.status());
        assertEquals("1010002", again.code());
        assertTrue(again.desc().contains("already ended"));
    }

    @Test
    void callStopRefusals() throws Exception {
        String[] r = axyb(Api.ax(A));
        CallResult ended = sim.placeCall(CallRequest.of(A, r[2]));
        assertEquals("1010002", api.callStop(ended.sessionId()).code());
        assertEquals("1010002", api.callStop("no-such-session").code());
        Api.Resp badSignal = api.post(Api.CALL_STOP + "?app_key=" + api.appKey(),
                "{\"sessionid\":\"" + ended.sessionId() + "\",\"signal\":\"stop\"}");
        assertEquals("1010002", badSignal.code());
        assertTrue(badSignal.desc().contains("call_stop"));
        Api.Resp noKey = api.post(Api.CALL_STOP, "{\"sessionid\":\"x\",\"signal\":\"call_stop\"}");
        assertEquals("1010003", noKey.code());
        events(5);
        singleCdr();
    }

    @Test
    void recordingsBehindThe301() throws Exception {
        String[] r = axyb(Api.ax(A).put("recordFlag", true));
        CallResult call = sim.placeCall(CallRequest.of(A, r[2]).talkSeconds(5));
        assertNotNull(call.recordObjectName());
        events(5);
        JsonNode cdr = singleCdr();
        assertEquals(1, cdr.get("recordFlag").intValue());
        assertEquals(call.recordDomain(), cdr.get("recordDomain").textValue());
        assertEquals(call.recordObjectName(), cdr.get("recordObjectName").textValue());
        assertTrue(cdr.get("recordBucketName").isTextual());
        assertEquals(cdr.get("fwdAnswerTime"), cdr.get("recordStartTime"));
        String direct = cdr.get("recordFileDownloadUrl").textValue();
        assertTrue(direct.length() <= 1024);
        assertEquals(200, api.send("GET", direct.substring(sim.baseUrl().toString().length()), null, Map.of()).status());

        Api.Resp url = api.recordingUrl(cdr.get("recordDomain").textValue(), cdr.get("recordObjectName").textValue());
        assertEquals(301, url.status());
        assertEquals(0, url.body().length, "no JSON on success");
        String location = url.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("%3D"), "the link carries percent-escapes that must be kept as sent: " + location);

        // a client that decodes the Location breaks the signature: refused like a storage service would
        String decoded = java.net.URLDecoder.decode(location.substring(sim.baseUrl().toString().length()), StandardCharsets.UTF_8);
        Api.Resp broken = api.send("GET", decoded.replace(" ", "+"), null, Map.of());
        assertEquals(403, broken.status(), decoded + ": " + broken);
        assertTrue(broken.text().startsWith("SignatureDoesNotMatch"), broken.text());
        String lowerCaseEscapes = location.substring(sim.baseUrl().toString().length()).replace("%3D", "%3d");
        assertEquals(403, api.send("GET", lowerCaseEscapes, null, Map.of()).status(), "exactly as sent");

        // the storage side: no auth headers needed
        Api.Resp wav = api.send("GET", location.substring(sim.baseUrl().toString().length()), null, Map.of());
        assertEquals(200, wav.status());
        assertEquals("audio/wav", wav.headers().firstValue("Content-Type").orElseThrow());
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(wav.body()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav.body(), 0, 4, StandardCharsets.US_ASCII));
        assertEquals(wav.body().length - 8, h.getInt(4));
        assertEquals("WAVE", new String(wav.body(), 8, 4, StandardCharsets.US_ASCII));
        assertEquals("fmt ", new String(wav.body(), 12, 4, StandardCharsets.US_ASCII));
        assertEquals(6, h.getShort(20), "A-law");
        assertEquals(1, h.getShort(22), "mono");
        assertEquals(8000, h.getInt(24), "8 kHz");
        assertEquals(8, h.getShort(34), "8 bits");

        // a call under 3 s is not recorded
        CallResult shortCall = sim.placeCall(CallRequest.of(A, r[2]).talkSeconds(2));
        assertNull(shortCall.recordObjectName());
        events(5);
        assertEquals(0, singleCdr().get("recordFlag").intValue());

        // the link is valid for 3 days, the recording for 7
        sim.advanceClock(Duration.ofDays(3).plusSeconds(1));
        assertEquals(403, api.send("GET", location.substring(sim.baseUrl().toString().length()), null, Map.of()).status());
        assertEquals(301, api.recordingUrl(call.recordDomain(), call.recordObjectName()).status(), "a fresh link still works");
        sim.advanceClock(Duration.ofDays(4).plusSeconds(10));
        Api.Resp gone = api.recordingUrl(call.recordDomain(), call.recordObjectName());
        assertEquals(403, gone.status());
        assertEquals("1012007", gone.code());
        assertEquals("1012007", api.recordingUrl(call.recordDomain(), "unknown.wav").code());
        assertEquals("1010002", api.signed("GET", Api.RECORDING + "?fileName=x.wav", null).code(), "recordDomain is required");
    }
}
