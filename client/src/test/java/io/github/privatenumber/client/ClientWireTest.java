package io.github.privatenumber.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.core.binding.AreaMatchMode;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.CallDirection;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.binding.YbBindRequest;
import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.core.recording.RecordingReference;
import io.github.privatenumber.signing.Digests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What goes on the wire: methods, paths, query encoding, exact bodies, headers signed afresh per attempt. */
class ClientWireTest {

    private static final String BIND = "{\"resultcode\":\"0\",\"resultdesc\":\"Success\",\"subscriptionId\":\"sub-1\","
            + "\"relationNumber\":\"+8617000000011\"}";
    private static final String QUERY = "{\"resultcode\":\"0\",\"xyRelationNumList\":[{\"numA\":\"+8613800000001\","
            + "\"numX\":\"+8617000000011\",\"numY\":\"\",\"numB\":\"\"}]}";

    @Test
    void bindAxSendsEveryFieldAsTheSpecTypesThem() {
        FakeTransport t = new FakeTransport().thenAnswer(200, BIND);
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.bindAx(AxBindRequest.builder()
                    .origNum("13800000001")
                    .areaCode("0755")
                    .areaMatchMode(AreaMatchMode.LOOSE)
                    .callDirection(CallDirection.A_TO_B)
                    .durationSeconds(3600)
                    .ybDurationSeconds(600)
                    .recordFlag(true)
                    .recordHintTone("hint.wav")
                    .preVoiceX("ring_x.wav")
                    .userData("订单 #42 {x} \"q\" 😀")
                    .build());
        }
        TransportRequest r = t.request(0);
        assertEquals("POST", r.method());
        assertEquals("https://rtcpns.example.com/prefix/rest/omp/xyrelationnumber/v1.0?app_key=testAppKey%2B1",
                r.uri().toString());
        assertEquals("{\"origNum\":\"+8613800000001\",\"areaCode\":\"0755\",\"areaMatchMode\":\"1\",\"callDirection\":1,"
                + "\"duration\":3600,\"ybDuration\":600,\"recordFlag\":true,\"recordHintTone\":\"hint.wav\","
                + "\"preVoiceX\":\"ring_x.wav\",\"userData\":\"订单 #42 {x} \\\"q\\\" 😀\"}", t.body(0));
        // UTF-8, not escaped, not the platform default charset
        assertTrue(containsBytes(r.body(), "订单".getBytes(StandardCharsets.UTF_8)));
        assertEquals("application/json;charset=UTF-8", r.headers().get("Content-Type"));
    }

    @Test
    void bindAxLeavesAbsentOptionalsOut() {
        FakeTransport t = new FakeTransport().thenAnswer(200, BIND);
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.bindAx(AxBindRequest.builder().origNum("+8613800000001").build());
        }
        assertEquals("{\"origNum\":\"+8613800000001\",\"recordFlag\":false}", t.body(0));
    }

    @Test
    void bindYbSendsItsFields() {
        FakeTransport t = new FakeTransport().thenAnswer(200, BIND);
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.bindYb(YbBindRequest.builder().origNum("+8613900000002").subscriptionId("sub-1")
                    .areaCode("010").areaMatchMode(AreaMatchMode.STRICT).preVoiceY("ring_y.wav").ybDurationSeconds(120)
                    .build());
            client.bindYb(YbBindRequest.builder().origNum("+8613900000002").subscriptionId("sub-1").build());
        }
        assertEquals("POST", t.request(0).method());
        assertEquals("{\"origNum\":\"+8613900000002\",\"subscriptionId\":\"sub-1\",\"areaCode\":\"010\","
                + "\"areaMatchMode\":\"0\",\"preVoiceY\":\"ring_y.wav\",\"ybDuration\":120}", t.body(0));
        assertEquals("{\"origNum\":\"+8613900000002\",\"subscriptionId\":\"sub-1\"}", t.body(1));
    }

    @Test
    void unbindVariantsAreDeletesWithoutBodyAndNeverWiden() {
        FakeTransport t = new FakeTransport().thenAnswer(200, FakeTransport.ok());
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.unbind(SubscriptionId.of("sub+1/=&x"));
            client.unbindY(SubscriptionId.of("sub-1"), PhoneNumber.of("+8617000000022"));
            client.unbindB(SubscriptionId.of("sub-1"), PhoneNumber.of("+8613900000002"));
        }
        String base = "https://rtcpns.example.com/prefix/rest/omp/xyrelationnumber/v1.0?";
        assertEquals("DELETE", t.request(0).method());
        assertEquals(0, t.request(0).bodyLength());
        assertEquals(base + "subscriptionId=sub%2B1%2F%3D%26x&app_key=testAppKey%2B1", t.request(0).uri().toString());
        assertEquals(base + "subscriptionId=sub-1&yNum=%2B8617000000022&app_key=testAppKey%2B1",
                t.request(1).uri().toString());
        assertEquals(base + "subscriptionId=sub-1&bNum=%2B8613900000002&app_key=testAppKey%2B1",
                t.request(2).uri().toString());
        for (TransportRequest r : t.requests) {
            assertEquals("application/json;charset=UTF-8", r.headers().get("Content-Type"));
        }
    }

    @Test
    void queriesAreGetsWithEncodedKeys() {
        FakeTransport t = new FakeTransport().thenAnswer(200, QUERY);
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.query(SubscriptionId.of("sub~1.a_b-c"));
            client.queryByX(PhoneNumber.of("+8617000000011"));
        }
        String base = "https://rtcpns.example.com/prefix/rest/omp/xyrelationnumber/v1.0?";
        assertEquals("GET", t.request(0).method());
        assertEquals(base + "subscriptionId=sub~1.a_b-c&app_key=testAppKey%2B1", t.request(0).uri().toString());
        assertEquals(base + "relationNum=%2B8617000000011&app_key=testAppKey%2B1", t.request(1).uri().toString());
        assertEquals(0, t.request(1).bodyLength());
    }

    @Test
    void recordingRequestCarriesNoAppKey() {
        FakeTransport t = new FakeTransport().thenAnswer(new io.github.privatenumber.client.spi.TransportResponse(301,
                Map.of("Location", List.of("https://obs.example.com/a.wav?sig=1")), new byte[0]));
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.downloadUrl(RecordingReference.of("obs.example.com", "rec_+1~x.wav"));
        }
        assertEquals("GET", t.request(0).method());
        assertEquals("https://rtcpns.example.com/prefix/rest/provision/voice/record/v1.0?"
                + "recordDomain=obs.example.com&fileName=rec_%2B1~x.wav", t.request(0).uri().toString());
    }

    @Test
    void stopCallBodyIsExact() {
        FakeTransport t = new FakeTransport().thenAnswer(200, FakeTransport.ok());
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.stopCall(SessionId.of("1200_1827_4294967295_20190124023003@callenabler246.huaweicaas.com"));
        }
        assertEquals("POST", t.request(0).method());
        assertEquals("https://rtcpns.example.com/prefix/rest/httpsessions/callStop/v2.0?app_key=testAppKey%2B1",
                t.request(0).uri().toString());
        assertEquals("{\"sessionid\":\"1200_1827_4294967295_20190124023003@callenabler246.huaweicaas.com\","
                + "\"signal\":\"call_stop\"}", t.body(0));
    }

    @Test
    void everyAttemptIsSignedAfresh() {
        FakeTransport t = new FakeTransport().thenAnswer(500, FakeTransport.fail("1010001"))
                .thenFail(true).thenAnswer(200, QUERY);
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.query(SubscriptionId.of("sub-1"));
        }
        assertEquals(3, t.requests.size());
        String[] created = new String[3];
        for (int i = 0; i < 3; i++) {
            Map<String, String> h = t.request(i).headers();
            assertEquals(List.of("Content-Type", "Authorization", "X-AKSK"), List.copyOf(h.keySet()));
            assertEquals("AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"", h.get("Authorization"));
            String aksk = h.get("X-AKSK");
            String nonce = "NONCE" + (i + 1);
            assertTrue(aksk.contains("Username=\"testAppKey+1\""), aksk);
            assertTrue(aksk.contains("Nonce=\"" + nonce + "\""), aksk);
            created[i] = aksk.replaceAll(".*Created=\"([^\"]+)\".*", "$1");
            String digest = aksk.replaceAll(".*PasswordDigest=\"([^\"]+)\".*", "$1");
            assertEquals(Digests.aksk("testAppSecret0001", nonce, created[i]), digest);
        }
        assertNotEquals(created[0], created[1]);
        assertNotEquals(created[1], created[2]);
        assertEquals("2024-05-01T08:00:00Z", created[0]);
    }

    @Test
    void eachAttemptGetsTheResponseTimeoutOrWhatIsLeft() {
        FakeTransport t = new FakeTransport().thenAnswer(200, QUERY);
        try (PrivateNumberClient client = TestClients.builder(t).responseTimeout(Duration.ofSeconds(3))
                .overallTimeout(Duration.ofSeconds(20)).build()) {
            client.query(SubscriptionId.of("sub-1"));
        }
        assertEquals(Duration.ofSeconds(3), t.request(0).responseTimeout());
        FakeTransport t2 = new FakeTransport().thenAnswer(200, QUERY);
        try (PrivateNumberClient client = TestClients.builder(t2).responseTimeout(Duration.ofSeconds(3))
                .overallTimeout(Duration.ofSeconds(3)).build()) {
            client.query(SubscriptionId.of("sub-1"));
        }
        assertTrue(t2.request(0).responseTimeout().compareTo(Duration.ofSeconds(3)) <= 0);
        assertTrue(t2.request(0).responseTimeout().compareTo(Duration.ofMillis(2500)) > 0);
    }

    @Test
    void theAsyncBodyBytesAreUtf8EvenForSupplementaryCharacters() {
        FakeTransport t = new FakeTransport().thenAnswer(200, BIND);
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.bindAxAsync(AxBindRequest.builder().origNum("+8613800000001").userData("𝄞").build()).join();
        }
        byte[] expected = "{\"origNum\":\"+8613800000001\",\"recordFlag\":false,\"userData\":\"𝄞\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, t.request(0).body());
    }

    private static boolean containsBytes(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
