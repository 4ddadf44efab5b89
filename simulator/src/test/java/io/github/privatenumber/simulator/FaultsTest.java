package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every fault kind, counts, method filters, and the admin endpoints for them. */
class FaultsTest {

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

    /** Sends a signed AX bind over a raw socket and returns every byte the server sent before closing. */
    private byte[] rawBind() {
        byte[] body = ("{\"origNum\":\"" + A + "\"}").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + Api.BINDING + "?app_key=" + api.appKey() + " HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1\r\n");
        api.signedHeaders().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        try (Socket s = new Socket(sim.baseUrl().getHost(), sim.baseUrl().getPort())) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            try {
                return in.readAllBytes();
            } catch (SocketException reset) {
                return new byte[0]; // connection reset: nothing came either
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void latencyDelaysThenProcesses() {
        sim.faults().add(Fault.latency(Api.BINDING, Duration.ofMillis(300)).onMethod("GET"));
        long t0 = System.nanoTime();
        Api.Resp r = api.query("relationNum", "+8617075500001");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("1016001", r.code());
        assertTrue(ms >= 300, "took " + ms + " ms");
        assertTrue(sim.faults().list().isEmpty(), "a once-only rule is used up");
    }

    @Test
    void aDelayedRequestCountsAsInProgressUntilItIsAnswered() throws Exception {
        assertEquals(0, sim.requestsInProgress());
        sim.faults().add(Fault.latency(Api.BINDING, Duration.ofSeconds(2)).onMethod("POST"));
        java.util.concurrent.CompletableFuture<Api.Resp> bind =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> api.bind(Api.ax(A)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sim.requestsInProgress() == 0 && !bind.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, sim.requestsInProgress(), "the delayed bind is being worked on");
        assertTrue(sim.state().bindings().isEmpty(), "not processed yet");
        assertEquals(200, bind.get(10, java.util.concurrent.TimeUnit.SECONDS).status());
        while (sim.requestsInProgress() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the answer is written before the count drops
        }
        assertEquals(0, sim.requestsInProgress());
        assertEquals(1, sim.state().bindings().size());
    }

    @Test
    void serverErrorWithoutProcessing() {
        sim.faults().add(Fault.serverError(Api.BINDING).onMethod("POST"));
        Api.Resp r = api.bind(Api.ax(A));
        assertEquals(500, r.status());
        assertEquals("1010001", r.code());
        assertEquals("application/json;charset=UTF-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(sim.state().bindings().isEmpty(), "not processed");
        assertEquals(200, api.bind(Api.ax(A)).status());
    }

    @Test
    void connectionResetBeforeProcessing() {
        sim.faults().add(Fault.connectionReset(Api.BINDING));
        assertEquals(0, rawBind().length, "no status line, no byte at all");
        assertTrue(sim.state().bindings().isEmpty(), "not processed");
        // a real client sees an I/O error
        sim.faults().add(Fault.connectionReset(Api.BINDING));
        assertThrows(UncheckedIOException.class, () -> api.bind(Api.ax(A)));
        assertTrue(sim.state().bindings().isEmpty());
    }

    /** Sends a signed AX bind over a raw socket; returns "EOF", "RESET" or what came before either. */
    private String rawBindEnding() {
        byte[] body = ("{\"origNum\":\"" + A + "\"}").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + Api.BINDING + "?app_key=" + api.appKey() + " HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1\r\n");
        api.signedHeaders().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        try (Socket s = new Socket(sim.baseUrl().getHost(), sim.baseUrl().getPort())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            try {
                byte[] got = s.getInputStream().readAllBytes();
                return got.length == 0 ? "EOF" : new String(got, StandardCharsets.ISO_8859_1);
            } catch (SocketException e) {
                return String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("reset") ? "RESET" : e.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void connectionResetIsATcpResetAndAnswerLostAnOrderlyClose() {
        sim.faults().add(Fault.connectionReset(Api.BINDING));
        assertEquals("RESET", rawBindEnding());
        assertTrue(sim.state().bindings().isEmpty(), "not processed");
        sim.faults().add(Fault.answerLost(Api.BINDING));
        assertEquals("EOF", rawBindEnding());
        assertEquals(1, sim.state().bindings().size(), "processed");
    }

    @Test
    void answerLostAfterProcessing() {
        sim.faults().add(Fault.answerLost(Api.BINDING).onMethod("POST"));
        assertEquals(0, rawBind().length, "no status line, no byte at all");
        assertEquals(1, sim.state().bindings().size(), "processed: the binding exists");
        assertEquals(A, sim.state().bindings().get(0).numA());
    }

    @Test
    void countsAndMethodFilters() {
        String id = sim.faults().add(Fault.serverError(Api.BINDING).onMethod("GET").times(2));
        assertEquals(2, sim.faults().list().get(0).remaining());
        assertEquals(200, api.bind(Api.ax(A)).status(), "POST is not affected");
        assertEquals(500, api.query("relationNum", "x").status());
        assertEquals(1, sim.faults().list().get(0).applied());
        assertEquals(500, api.query("relationNum", "x").status());
        assertEquals(403, api.query("relationNum", "x").status(), "used up after two");
        assertTrue(!sim.faults().remove(id));

        String unlimited = sim.faults().add(Fault.serverError(Api.BINDING).unlimited());
        for (int i = 0; i < 5; i++) {
            assertEquals(500, api.query("relationNum", "x").status());
        }
        assertEquals(Fault.UNLIMITED, sim.faults().list().get(0).remaining());
        assertTrue(sim.faults().remove(unlimited));
        assertEquals(403, api.query("relationNum", "x").status());
    }

    @Test
    void latencyAndErrorCombine() {
        sim.faults().add(Fault.latency(Api.BINDING, Duration.ofMillis(200)));
        sim.faults().add(Fault.serverError(Api.BINDING));
        long t0 = System.nanoTime();
        assertEquals(500, api.query("relationNum", "x").status());
        assertTrue(System.nanoTime() - t0 >= 200_000_000L);
    }

    @Test
    void faultsThroughTheAdminApi() {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        Api.Resp added = api.send("POST", "/simulator/faults",
                ("{\"path\":\"" + Api.BINDING + "\",\"method\":\"GET\",\"kind\":\"server_error\",\"times\":\"unlimited\"}")
                        .getBytes(StandardCharsets.UTF_8), json);
        assertEquals(200, added.status(), added.toString());
        String id = added.json().get("id").textValue();
        assertEquals(500, api.query("relationNum", "x").status());
        Api.Resp list = api.send("GET", "/simulator/faults", null, Map.of());
        assertEquals(id, list.json().get(0).get("id").textValue());
        assertEquals("server_error", list.json().get(0).get("kind").textValue());
        assertEquals(1, list.json().get(0).get("applied").intValue());
        assertEquals(200, api.send("DELETE", "/simulator/faults?id=" + id, null, Map.of()).status());
        assertEquals(403, api.query("relationNum", "x").status());

        api.send("POST", "/simulator/faults", ("{\"path\":\"" + Api.BINDING + "\",\"kind\":\"latency\",\"latencyMs\":50,\"times\":3}")
                .getBytes(StandardCharsets.UTF_8), json);
        api.send("POST", "/simulator/faults", ("{\"path\":\"" + Api.BINDING + "\",\"kind\":\"connection_reset\"}")
                .getBytes(StandardCharsets.UTF_8), json);
        assertEquals(2, sim.faults().list().size());
        assertEquals(200, api.send("DELETE", "/simulator/faults", null, Map.of()).status());
        assertTrue(sim.faults().list().isEmpty());

        Api.Resp bad = api.send("POST", "/simulator/faults", "{\"path\":\"/x\",\"kind\":\"explode\"}".getBytes(StandardCharsets.UTF_8), json);
        assertEquals(400, bad.status());
        assertTrue(bad.json().get("error").textValue().contains("kind"));
        Api.Resp noLatency = api.send("POST", "/simulator/faults", "{\"path\":\"/x\",\"kind\":\"latency\"}".getBytes(StandardCharsets.UTF_8), json);
        assertEquals(400, noLatency.status());
    }

    @Test
    void adminEndpointsAreNeverFaulted() {
        assertThrows(IllegalArgumentException.class, () -> Fault.serverError("/simulator/state"));
        assertThrows(IllegalArgumentException.class, () -> Fault.serverError("/simulator"));
        Api.Resp r = api.send("POST", "/simulator/faults", "{\"path\":\"/simulator/state\",\"kind\":\"server_error\"}"
                .getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(400, r.status());
        assertTrue(r.json().get("error").textValue().contains("never faulted"), r.toString());
        assertTrue(sim.faults().list().isEmpty());
        assertEquals(200, api.send("GET", "/simulator/state", null, Map.of()).status());
    }

    @Test
    void faultMethodsAreHttpMethodsOrAny() {
        for (String m : new String[] {"PATCH", "FOO", "", "get post"}) {
            assertThrows(IllegalArgumentException.class, () -> Fault.serverError(Api.BINDING).onMethod(m), m);
            Api.Resp r = api.send("POST", "/simulator/faults", ("{\"path\":\"" + Api.BINDING + "\",\"method\":\"" + m
                    + "\",\"kind\":\"server_error\"}").getBytes(StandardCharsets.UTF_8), Map.of());
            assertEquals(400, r.status(), m + ": " + r);
            assertTrue(r.json().get("error").textValue().contains("method"), r.toString());
        }
        assertTrue(sim.faults().list().isEmpty());
        assertEquals(null, Fault.serverError(Api.BINDING).onMethod("*").method());
        assertEquals("HEAD", Fault.serverError(Api.BINDING).onMethod("head").method());
        assertEquals(200, api.send("POST", "/simulator/faults", ("{\"path\":\"" + Api.BINDING
                + "\",\"method\":\"*\",\"kind\":\"server_error\"}").getBytes(StandardCharsets.UTF_8), Map.of()).status());
        assertEquals(500, api.query("relationNum", "x").status());
    }

    @Test
    void resetClearsFaults() {
        sim.faults().add(Fault.serverError(Api.BINDING).unlimited());
        sim.reset();
        assertEquals(403, api.query("relationNum", "x").status());
    }
}
