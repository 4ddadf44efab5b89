package io.github.privatenumber.simulator;

import static io.github.privatenumber.simulator.PySample.dict;
import static io.github.privatenumber.simulator.PySample.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests built exactly like Huawei's Python samples are accepted; the samples' known mistakes are refused. */
class HuaweiSampleCompatibilityTest {

    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    private static final String A = "+8618600005678";
    private static final String B = "+8618600005679";
    private static final String PATH = "/rest/omp/xyrelationnumber/v1.0";

    private String key() {
        return SIM.credentials().appKey();
    }

    private String header() {
        return PySample.buildAkskHeader(key(), SIM.credentials().appSecret());
    }

    private JsonNode json(PySample.RawResponse r) throws Exception {
        return Api.JSON.readTree(r.body());
    }

    private PySample.RawResponse bindAx() {
        byte[] jsonData = PySample.jsonDumps(dict("origNum", A, "areaCode", "0755")).getBytes(StandardCharsets.US_ASCII);
        return PySample.urllib(SIM.baseUrl(), "POST", PATH + "?" + PySample.urlencode(form("app_key", key())), header(), jsonData);
    }

    @Test
    void fullSampleFlowIsAccepted() throws Exception {
        URI base = SIM.baseUrl();
        // AX
        PySample.RawResponse ax = bindAx();
        assertEquals(200, ax.status(), ax.text());
        assertEquals("application/json;charset=UTF-8", ax.header("Content-Type"));
        JsonNode axJson = json(ax);
        assertEquals("0", axJson.get("resultcode").textValue());
        assertEquals("Success", axJson.get("resultdesc").textValue());
        String subscriptionId = axJson.get("subscriptionId").textValue();
        String x = axJson.get("relationNumber").textValue();
        assertTrue(x.startsWith("+86"));

        // YB, as in the commented-out second half of the bind sample
        byte[] yb = PySample.jsonDumps(dict("origNum", B, "subscriptionId", subscriptionId)).getBytes(StandardCharsets.US_ASCII);
        PySample.RawResponse ybAnswer = PySample.urllib(base, "POST", PATH + "?" + PySample.urlencode(form("app_key", key())), header(), yb);
        assertEquals(200, ybAnswer.status(), ybAnswer.text());
        assertEquals(subscriptionId, json(ybAnswer).get("subscriptionId").textValue());
        String y = json(ybAnswer).get("relationNumber").textValue();

        // query with both keys, as the sample does (subscriptionId wins)
        PySample.RawResponse q = PySample.urllib(base, "GET",
                PATH + "?" + PySample.urlencode(form("relationNum", x, "subscriptionId", subscriptionId, "app_key", key())), header(), null);
        assertEquals(200, q.status(), q.text());
        JsonNode item = json(q).get("xyRelationNumList").get(0);
        assertEquals(A, item.get("numA").textValue());
        assertEquals(x, item.get("numX").textValue());
        assertEquals(y, item.get("numY").textValue());
        assertEquals(B, item.get("numB").textValue());

        // unbind
        PySample.RawResponse u = PySample.urllib(base, "DELETE",
                PATH + "?" + PySample.urlencode(form("subscriptionId", subscriptionId, "app_key", key())), header(), null);
        assertEquals(200, u.status(), u.text());
        assertEquals("0", json(u).get("resultcode").textValue());
        assertTrue(SIM.simulator().state().bindings().isEmpty());
    }

    @Test
    void bindWithEveryOptionalFieldOfTheSample() throws Exception {
        byte[] jsonData = PySample.jsonDumps(dict("origNum", A, "areaCode", "0755", "areaMatchMode", "0", "callDirection", 0,
                "duration", 7200, "recordFlag", true, "recordHintTone", "recordHintTone.wav", "preVoiceX", "x_hint_tone1.wav"))
                .getBytes(StandardCharsets.US_ASCII);
        PySample.RawResponse r = PySample.urllib(SIM.baseUrl(), "POST", PATH + "?" + PySample.urlencode(form("app_key", key())),
                header(), jsonData);
        assertEquals(200, r.status(), r.text());
        String subscriptionId = json(r).get("subscriptionId").textValue();
        JsonNode item = new Api(SIM.simulator()).query("subscriptionId", subscriptionId).json().get("xyRelationNumList").get(0);
        assertEquals("true", item.get("recordFlag").textValue());
        assertEquals("recordHintTone.wav", item.get("recordHintTone").textValue());
        assertEquals("x_hint_tone1.wav", item.get("preVoiceX").textValue());
        assertEquals("7200", item.get("duration").textValue());
    }

    @Test
    void recordingSampleGets301WithLocationAndEmptyBody() throws Exception {
        Simulator sim = SIM.simulator();
        Api api = new Api(sim);
        String[] ax = api.ax(Api.ax(A).put("areaCode", "0755").put("recordFlag", true));
        String y = api.yb(ax[0], B);
        CallResult call = sim.placeCall(CallRequest.of(A, y).talkSeconds(5));
        assertNotNull(call.recordObjectName());

        String fullUrl = "/rest/provision/voice/record/v1.0?"
                + PySample.urlencode(form("recordDomain", call.recordDomain(), "fileName", call.recordObjectName()));
        PySample.RawResponse r = PySample.requestsGet(SIM.baseUrl(), fullUrl, header());
        assertEquals(301, r.status(), r.text());
        assertEquals(0, r.body().length);
        String location = r.header("Location");
        assertTrue(location.startsWith(SIM.baseUrl().toString()), location);
    }

    @Test
    void wrongSecretIsRefused() throws Exception {
        byte[] jsonData = PySample.jsonDumps(dict("origNum", A, "areaCode", "0755")).getBytes(StandardCharsets.US_ASCII);
        PySample.RawResponse r = PySample.urllib(SIM.baseUrl(), "POST", PATH + "?" + PySample.urlencode(form("app_key", key())),
                PySample.buildAkskHeader(key(), "not-the-secret"), jsonData);
        assertEquals(401, r.status());
        assertEquals("1010010", json(r).get("resultcode").textValue());
        assertTrue(SIM.simulator().state().bindings().isEmpty());
    }

    @Test
    void staleCreatedIsRefused() throws Exception {
        byte[] jsonData = PySample.jsonDumps(dict("origNum", A, "areaCode", "0755")).getBytes(StandardCharsets.US_ASCII);
        // what the samples produce on a Beijing-time host: local time labelled Z, eight hours off
        String stale = PySample.buildAkskHeader(key(), SIM.credentials().appSecret(), Instant.now().plusSeconds(8 * 3600));
        PySample.RawResponse r = PySample.urllib(SIM.baseUrl(), "POST", PATH + "?" + PySample.urlencode(form("app_key", key())),
                stale, jsonData);
        assertEquals(401, r.status());
        assertEquals("1010013", json(r).get("resultcode").textValue());
    }

    @Test
    void headerBuiltOnceAndReusedIsARepeatedNonce() throws Exception {
        String once = header();
        String query = PATH + "?" + PySample.urlencode(form("relationNum", "+8617075500001", "app_key", key()));
        PySample.RawResponse first = PySample.urllib(SIM.baseUrl(), "GET", query, once, null);
        assertEquals("1016001", json(first).get("resultcode").textValue(), "first use passes authentication");
        PySample.RawResponse second = PySample.urllib(SIM.baseUrl(), "GET", query, once, null);
        assertEquals(401, second.status());
        assertEquals("1010010", json(second).get("resultcode").textValue());
    }

    @Test
    void unescapedPlusInAQueryNumberIsNotFound() throws Exception {
        PySample.RawResponse ax = bindAx();
        String x = json(ax).get("relationNumber").textValue();
        // built by hand instead of with urlencode: '+' travels raw and is read as a space
        PySample.RawResponse r = PySample.urllib(SIM.baseUrl(), "GET", PATH + "?relationNum=" + x + "&app_key=" + key(), header(), null);
        assertEquals(403, r.status());
        assertEquals("1016001", json(r).get("resultcode").textValue());
        // and properly escaped it is found
        PySample.RawResponse ok = PySample.urllib(SIM.baseUrl(), "GET",
                PATH + "?" + PySample.urlencode(form("relationNum", x, "app_key", key())), header(), null);
        assertEquals(200, ok.status(), ok.text());
    }
}
