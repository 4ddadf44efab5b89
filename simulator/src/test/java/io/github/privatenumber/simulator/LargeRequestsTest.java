package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests over the size limits get a clear answer, not a connection reset. */
@Timeout(60)
class LargeRequestsTest {

    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    private Simulator sim;
    private Api api;
    private final ExecutorService writers = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() {
        sim = SIM.simulator();
        api = new Api(sim);
    }

    @AfterEach
    void tearDown() {
        writers.shutdownNow();
    }

    private String signedHead(String method, String pathAndQuery, String... extra) {
        StringBuilder h = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        api.signedHeaders().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        for (String e : extra) {
            h.append(e).append("\r\n");
        }
        return h.append("\r\n").toString();
    }

    /** Writes {@code head} then {@code bodyBytes} of body on a separate thread; returns the whole answer. */
    private String sendLarge(String head, int bodyBytes, boolean chunked) throws IOException {
        Socket s = new Socket(sim.baseUrl().getHost(), sim.baseUrl().getPort());
        s.setSoTimeout(10_000);
        writers.submit(() -> {
            try {
                OutputStream out = s.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                byte[] piece = new byte[8192];
                java.util.Arrays.fill(piece, (byte) 'a');
                for (int sent = 0; sent < bodyBytes; sent += piece.length) {
                    if (chunked) {
                        out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write(piece);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            } catch (IOException expected) {
                // the server stops listening once it has answered
            }
            return null;
        });
        return RawHttp.readAll(s);
    }

    private static JsonNode json(String answer) throws IOException {
        return Api.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void aDeclaredTenMegabyteBodyIsAnsweredWithoutBeingRead() throws IOException {
        String answer = sendLarge(signedHead("POST", Api.BINDING + "?app_key=" + api.appKey(),
                "Content-Type: application/json", "Content-Length: 10485760"), 10 * 1024 * 1024, false);
        assertTrue(answer.startsWith("HTTP/1.1 403 "), answer);
        assertTrue(answer.contains("Connection: close"), answer);
        JsonNode n = json(answer);
        assertEquals("1010002", n.get("resultcode").textValue());
        assertEquals("the request body is larger than 65536 bytes", n.get("resultdesc").textValue());
        assertTrue(sim.state().bindings().isEmpty());
        // a real client sees the answer too
        Api.Resp r = api.post(Api.BINDING + "?app_key=" + api.appKey(), "x".repeat(10 * 1024 * 1024));
        assertEquals(403, r.status());
        assertEquals("1010002", r.code());
    }

    @Test
    void aChunkedBodyOverTheLimitIsAnsweredAtTheLimit() throws IOException {
        String answer = sendLarge(signedHead("POST", Api.BINDING + "?app_key=" + api.appKey(),
                "Content-Type: application/json", "Transfer-Encoding: chunked"), 2 * 1024 * 1024, true);
        assertTrue(answer.startsWith("HTTP/1.1 403 "), answer);
        assertEquals("1010002", json(answer).get("resultcode").textValue());
        // a chunked body within the limit is read
        String ok = RawHttp.exchange(sim.baseUrl(), signedHead("POST", Api.BINDING + "?app_key=" + api.appKey(),
                "Content-Type: application/json", "Transfer-Encoding: chunked", "Connection: close")
                + "10\r\n{\"origNum\":\"+861\r\n0c\r\n3800000001\"}\r\n0\r\n\r\n", null);
        assertTrue(ok.startsWith("HTTP/1.1 200 "), ok);
    }

    @Test
    void aTwoMegabyteHeaderIsAnswered400() throws IOException {
        String head = "GET " + Api.BINDING + "?relationNum=x&app_key=" + api.appKey() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-AKSK: UsernameToken Username=\"" + "u".repeat(2 * 1024 * 1024) + "\"\r\n\r\n";
        String answer = sendLarge(head, 0, false);
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer.substring(0, Math.min(200, answer.length())));
        JsonNode n = json(answer);
        assertEquals("1023037", n.get("resultcode").textValue());
        assertTrue(n.get("resultdesc").textValue().contains("65536"), n.toString());
        assertEquals(200, api.send("GET", "/simulator/health", null, Map.of()).status(), "still serving");
    }
}
