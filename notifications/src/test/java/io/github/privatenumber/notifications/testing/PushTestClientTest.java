package io.github.privatenumber.notifications.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.signing.SignatureVerifier;
import io.github.privatenumber.signing.Scheme;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushTestClientTest {

    private static final AppCredentials APP = AppCredentials.of("k", "s3cret");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eventBodyHasThePlatformsShape() throws Exception {
        String body = PushTestClient.event(CallEventType.DISCONNECT).sessionId("s").timestamp(Instant.parse("2019-01-24T02:30:22Z"))
                .caller("+8613800000022").called("+8613800007021").subscriptionId("sub").userData("u")
                .stateCode(8102).stateDesc("busy").field("extra", List.of(1)).toJson();
        assertEquals("{\"eventType\":\"disconnect\",\"statusInfo\":{\"sessionId\":\"s\",\"timestamp\":\"2019-01-24 02:30:22\","
                + "\"caller\":\"+8613800000022\",\"called\":\"+8613800007021\",\"subscriptionId\":\"sub\",\"userData\":\"u\","
                + "\"stateCode\":8102,\"stateDesc\":\"busy\",\"extra\":[1]}}", body);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("sessionId", "s");
        assertEquals("{\"eventType\":\"xStatus\",\"statusInfo\":{\"sessionId\":\"s\"}}", PushTestClient.eventBody("xStatus", info));
    }

    @Test
    void cdrBodyHasThePlatformsShape() throws Exception {
        String body = PushTestClient.cdrBody(
                PushTestClient.cdr("i-1").direction(1).answered(Instant.parse("2024-05-01T08:00:00Z"), Duration.ofSeconds(3),
                        Duration.ofSeconds(10)).recorded("obs.example.com", "bucket", "r.wav"),
                PushTestClient.cdr("i-2").direction(0).ulFailReason(8101).failTime(Instant.parse("2024-05-01T08:01:00Z")));
        JsonNode n = JSON.readTree(body);
        assertEquals("fee", n.get("eventType").textValue());
        assertEquals(2, n.get("feeLst").size());
        JsonNode first = n.get("feeLst").get(0);
        assertEquals("i-1", first.get("icid").textValue());
        assertEquals("2024-05-01 08:00:03", first.get("fwdAnswerTime").textValue());
        assertEquals("2024-05-01 08:00:13", first.get("callEndTime").textValue());
        assertEquals(1, first.get("recordFlag").intValue());
        assertEquals(8101, n.get("feeLst").get(1).get("ulFailReason").intValue());
        assertTrue(body.startsWith("{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"i-1\","));
    }

    @Test
    void everyRequestIsSignedAfreshAndVerifies() {
        PushTestClient client = PushTestClient.of(APP);
        Map<String, String> a = client.headers();
        Map<String, String> b = client.headers();
        assertNotEquals(a.get("X-AKSK"), b.get("X-AKSK"), "a fresh nonce each time");
        assertEquals("application/json;charset=UTF-8", a.get("Content-Type"));
        assertEquals("AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"", a.get("Authorization"));
        SignatureVerifier verifier = SignatureVerifier.builder().credentials(APP).wsseEnabled(true).build();
        assertEquals(Scheme.AKSK, verifier.verify(a::get).scheme());
        assertEquals(Scheme.AKSK, verifier.verify(b::get).scheme());
        Map<String, String> w = PushTestClient.wsse(APP).headers();
        assertTrue(w.containsKey("X-WSSE"));
        assertEquals(Scheme.WSSE, verifier.verify(w::get).scheme());
    }
}
