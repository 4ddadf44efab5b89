package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Repeated query parameters and authentication headers make a request ambiguous: refused, never acted on. */
class DuplicatesTest {

    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    private static final String A = "+8613800000001";
    private Simulator sim;
    private Api api;

    @BeforeEach
    void setUp() {
        sim = SIM.simulator();
        api = new Api(sim);
    }

    @Test
    void aRepeatedSubscriptionIdIsRefusedAndNothingIsUnbound() {
        String[] ax = api.ax(Api.ax(A));
        for (String q : new String[] {"?subscriptionId=" + Api.enc(ax[0]) + "&subscriptionId=other",
                "?subscriptionId=other&subscriptionId=" + Api.enc(ax[0]),
                "?subscriptionId=" + Api.enc(ax[0]) + "&subscriptionId=" + Api.enc(ax[0])}) {
            Api.Resp r = api.signed("DELETE", Api.BINDING + q + "&app_key=" + Api.enc(api.appKey()), null);
            assertEquals(403, r.status(), r.toString());
            assertEquals("1010002", r.code());
            assertTrue(r.desc().contains("subscriptionId"), r.desc());
            assertEquals(1, sim.state().bindings().size(), "nothing unbound");
        }
        Api.Resp yNum = api.unbind("subscriptionId", ax[0], "yNum", "+8617075500009", "yNum", "+8617075500008");
        assertEquals("1010002", yNum.code());
        assertTrue(yNum.desc().contains("yNum"), yNum.desc());
        assertEquals(1, sim.state().bindings().size());
    }

    @Test
    void aRepeatedAppKeyIsRefused() {
        String k = Api.enc(api.appKey());
        Api.Resp r = api.signed("GET", Api.BINDING + "?relationNum=%2B8617075500001&app_key=" + k + "&app_key=" + k, null);
        assertEquals(403, r.status(), r.toString());
        assertEquals("1010002", r.code());
        assertTrue(r.desc().contains("app_key"), r.desc());
        Api.Resp bind = api.post(Api.BINDING + "?app_key=" + k + "&app_key=other", "{\"origNum\":\"" + A + "\"}");
        assertEquals("1010002", bind.code());
        assertTrue(sim.state().bindings().isEmpty());
    }

    private JsonNode rawQueryWith(String... extraHeaders) throws IOException {
        StringBuilder head = new StringBuilder("GET " + Api.BINDING + "?relationNum=%2B8617075500001&app_key="
                + Api.enc(api.appKey()) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : extraHeaders) {
            head.append(h).append("\r\n");
        }
        String answer = RawHttp.exchange(sim.baseUrl(), head.append("Connection: close\r\n\r\n").toString(), null);
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        return Api.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void twoAuthenticationHeadersAreRefused() throws IOException {
        Map<String, String> one = api.signedHeaders();
        Map<String, String> two = api.signedHeaders();
        JsonNode aksk = rawQueryWith("Authorization: " + one.get("Authorization"), "X-AKSK: " + one.get("X-AKSK"),
                "X-AKSK: " + two.get("X-AKSK"));
        assertEquals("1023037", aksk.get("resultcode").textValue());
        assertTrue(aksk.get("resultdesc").textValue().contains("X-AKSK"), aksk.toString());
        JsonNode auth = rawQueryWith("Authorization: " + one.get("Authorization"),
                "Authorization: WSSE realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"", "X-AKSK: " + one.get("X-AKSK"));
        assertEquals("1023037", auth.get("resultcode").textValue());
        assertTrue(auth.get("resultdesc").textValue().contains("Authorization"), auth.toString());
    }
}
