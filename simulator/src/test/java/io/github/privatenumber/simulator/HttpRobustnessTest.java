package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP layer under stalled clients and slow faults: nothing one client does holds up the others. */
@Timeout(60)
class HttpRobustnessTest {

    private static String head(Simulator sim, String method, String pathAndQuery, String... extra) {
        StringBuilder h = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String e : extra) {
            h.append(e).append("\r\n");
        }
        return h.append("\r\n").toString();
    }

    @Test
    void stalledRequestsNeitherBlockOthersNorLiveForever() {
        try (Simulator sim = Simulator.builder().workerThreads(2).readTimeout(Duration.ofMillis(800)).build().start()) {
            Api api = new Api(sim);
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                // promises 100 bytes of body, sends 10
                stalled.add(RawHttp.send(sim.baseUrl(), head(sim, "POST", Api.BINDING + "?app_key=" + api.appKey(),
                        "Content-Type: application/json", "Content-Length: 100"), "{\"origNum\"".getBytes(StandardCharsets.UTF_8)));
            }
            // headers that never end
            stalled.add(RawHttp.send(sim.baseUrl(), "GET /simulator/health HTTP/1.1\r\nHost: x\r\n", null));

            assertEquals(200, api.send("GET", "/simulator/health", null, Map.of()).status());
            assertEquals("1016001", api.query("relationNum", "+8617075500001").code());
            assertEquals(200, api.bind(Api.ax("+8613800000001")).status());

            for (Socket s : stalled) {
                String answer = RawHttp.readAll(s);
                assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
                assertTrue(answer.contains("Connection: close"), answer);
            }
        }
    }

    @Test
    void latencyFaultsHoldNoWorkerAndAdminStaysResponsive() {
        try (Simulator sim = Simulator.builder().workerThreads(2).build().start()) {
            Api api = new Api(sim);
            sim.faults().add(Fault.latency(Api.BINDING, Duration.ofSeconds(60)).onMethod("GET").unlimited());
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Map<String, String> h = api.signedHeaders();
                slow.add(RawHttp.send(sim.baseUrl(), head(sim, "GET", Api.BINDING + "?relationNum=x&app_key=" + api.appKey(),
                        "Authorization: " + h.get("Authorization"), "X-AKSK: " + h.get("X-AKSK")), null));
            }
            // wait (bounded) until all six are inside their latency
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sim.faults().list().get(0).applied() < 6 && System.nanoTime() < deadline) {
                assertEquals(200, api.send("GET", "/simulator/health", null, Map.of()).status());
            }
            assertEquals(6, sim.faults().list().get(0).applied());

            long t0 = System.nanoTime();
            assertEquals(200, api.send("GET", "/simulator/state", null, Map.of()).status());
            assertEquals(200, api.bind(Api.ax("+8613800000001")).status(), "other platform requests go on");
            assertEquals(200, api.send("POST", "/simulator/faults", ("{\"path\":\"/x\",\"kind\":\"server_error\"}")
                    .getBytes(StandardCharsets.UTF_8), Map.of()).status());
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "answered while six requests wait out 60 s each");
        }
    }

    @Test
    void latencyIsCappedAtSixtySeconds() {
        try (Simulator sim = Simulator.builder().build().start()) {
            Api api = new Api(sim);
            Api.Resp tooLong = api.send("POST", "/simulator/faults", ("{\"path\":\"" + Api.BINDING
                    + "\",\"kind\":\"latency\",\"latencyMs\":60001}").getBytes(StandardCharsets.UTF_8), Map.of());
            assertEquals(400, tooLong.status());
            assertTrue(tooLong.json().get("error").textValue().contains("60000"), tooLong.toString());
            assertEquals(200, api.send("POST", "/simulator/faults", ("{\"path\":\"" + Api.BINDING
                    + "\",\"kind\":\"latency\",\"latencyMs\":60000}").getBytes(StandardCharsets.UTF_8), Map.of()).status());
            assertThrows(IllegalArgumentException.class, () -> Fault.latency(Api.BINDING, Duration.ofSeconds(61)));
        }
    }
}
