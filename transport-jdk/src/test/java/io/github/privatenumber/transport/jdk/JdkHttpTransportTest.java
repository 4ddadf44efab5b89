package io.github.privatenumber.transport.jdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.ProxySettings;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.client.spi.TransportResponse;
import io.github.privatenumber.core.TransportException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK transport over real loopback sockets. */
class JdkHttpTransportTest {

    private static final String JSON = "application/json;charset=UTF-8";

    private RawServer server;
    private JdkHttpTransport transport;

    @BeforeEach
    void start() throws Exception {
        server = new RawServer();
        transport = JdkHttpTransport.create(TransportOptions.builder().connectTimeout(Duration.ofSeconds(2)).build());
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        server.close();
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", JSON);
        h.put("Authorization", "AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"");
        h.put("X-AKSK", "UsernameToken Username=\"k\",PasswordDigest=\"d\",Nonce=\"n1\",Created=\"2024-01-01T00:00:00Z\"");
        return h;
    }

    private TransportRequest request(String method, String pathAndQuery, String body, Duration timeout) {
        return new TransportRequest(method, URI.create(server.base() + pathAndQuery), headers(),
                body.getBytes(StandardCharsets.UTF_8), timeout);
    }

    private TransportRequest request(String method, String pathAndQuery, String body) {
        return request(method, pathAndQuery, body, Duration.ofSeconds(5));
    }

    private static TransportException failure(CompletableFuture<TransportResponse> f) {
        CompletionException e = assertThrows(CompletionException.class, f::join);
        return assertInstanceOf(TransportException.class, e.getCause());
    }

    @Test
    void sendsMethodRawQueryHeadersAndUtf8BodyAndReturnsTheAnswer() throws Exception {
        server.handler(r -> RawServer.respond(200, Map.of("Content-Type", "application/json", "X-Extra", "1"),
                "{\"resultcode\":\"0\",\"userData\":\"张三\"}".getBytes(StandardCharsets.UTF_8)));
        TransportResponse answer = transport.execute(request("POST",
                "/rest/omp/xyrelationnumber/v1.0?app_key=a%2Bb&x=%E5%BC%A0%20y", "{\"userData\":\"张三 😀\"}")).join();
        RawServer.Request r = server.next();
        assertEquals("POST", r.method());
        assertEquals("/rest/omp/xyrelationnumber/v1.0?app_key=a%2Bb&x=%E5%BC%A0%20y", r.target());
        assertEquals(JSON, r.header("Content-Type"));
        assertEquals(headers().get("X-AKSK"), r.header("X-AKSK"));
        assertEquals(headers().get("Authorization"), r.header("Authorization"));
        assertArrayEquals("{\"userData\":\"张三 😀\"}".getBytes(StandardCharsets.UTF_8), r.body());
        assertEquals(200, answer.statusCode());
        assertEquals("{\"resultcode\":\"0\",\"userData\":\"张三\"}", new String(answer.body(), StandardCharsets.UTF_8));
        assertEquals("1", answer.firstHeader("x-extra").orElseThrow());
        assertEquals("application/json", answer.firstHeader("CONTENT-TYPE").orElseThrow());
    }

    @Test
    void getAndDeleteCarryNoBody() throws Exception {
        transport.execute(request("GET", "/q?a=1", "")).join();
        transport.execute(request("DELETE", "/q?a=2", "")).join();
        RawServer.Request get = server.next();
        RawServer.Request delete = server.next();
        assertEquals("GET", get.method());
        assertEquals(0, get.body().length);
        assertEquals("DELETE", delete.method());
        assertEquals(0, delete.body().length);
        assertNull(get.header("Transfer-Encoding"));
    }

    @Test
    void aRedirectIsReturnedAndNeverFollowed() throws Exception {
        server.handler(r -> RawServer.respond(301, Map.of("Location", server.base() + "/storage/a.wav?sig=x%2By"),
                new byte[0]));
        TransportResponse answer = transport.execute(request("GET", "/rest/provision/voice/record/v1.0?f=1", "")).join();
        assertEquals(301, answer.statusCode());
        assertEquals(server.base() + "/storage/a.wav?sig=x%2By", answer.firstHeader("Location").orElseThrow());
        Thread.sleep(200);
        assertEquals(1, server.requests.size(), "the redirect must not be followed");
    }

    @Test
    void errorStatusesAreAnswersWithReadableBodies() {
        server.handler(r -> RawServer.respond(r.target().contains("401") ? 401 : 500, "application/json",
                "{\"resultcode\":\"1010010\"}"));
        TransportResponse unauthorized = transport.execute(request("GET", "/401", "")).join();
        assertEquals(401, unauthorized.statusCode());
        assertEquals("{\"resultcode\":\"1010010\"}", new String(unauthorized.body(), StandardCharsets.UTF_8));
        assertEquals(500, transport.execute(request("POST", "/500", "{}")).join().statusCode());
    }

    @Test
    void aRefusedConnectionWasSurelyNotSent() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TransportRequest r = new TransportRequest("POST", URI.create("http://127.0.0.1:" + port + "/x?app_key=secretish"),
                headers(), new byte[] {'{', '}'}, Duration.ofSeconds(2));
        TransportException e = failure(transport.execute(r));
        assertFalse(e.requestMayHaveBeenSent());
        assertTrue(e.getMessage().contains("could not connect"), e.getMessage());
        assertFalse(e.getMessage().contains("secretish"), e.getMessage());
    }

    @Test
    void anUnknownHostWasSurelyNotSent() {
        TransportRequest r = new TransportRequest("GET", URI.create("http://no-such-host.invalid/x"), headers(),
                new byte[0], Duration.ofSeconds(5));
        TransportException e = failure(transport.execute(r));
        assertFalse(e.requestMayHaveBeenSent(), e.getMessage());
    }

    @Test
    void noAnswerWithinTheResponseTimeoutMayHaveBeenSent() {
        server.handler(r -> RawServer.delayThen(3000, RawServer.respond(200, "application/json", "{}")));
        long start = System.nanoTime();
        TransportException e = failure(transport.execute(request("POST", "/slow", "{}", Duration.ofMillis(300))));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(e.requestMayHaveBeenSent());
        assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
        assertTrue(ms >= 290 && ms < 1500, "took " + ms + " ms");
    }

    /**
     * The JDK 17 client can report a response timeout as {@code HttpConnectTimeoutException} (its
     * {@code MultiExchange.toTimeoutException}, when it does not see the connection as connected), even for a request
     * the server received: seen by the reliability suite on a client's first request under CPU starvation, where the
     * AX bind was then retried and bound twice. Only a connect timeout that fires before the response timeout proves
     * nothing was sent.
     */
    @Test
    void aConnectTimeoutReportedOnceTheResponseTimeoutRanOutMayHaveBeenSent() {
        TransportRequest r = request("POST", "/x", "{}", Duration.ofMillis(300));
        java.net.http.HttpConnectTimeoutException jdk = new java.net.http.HttpConnectTimeoutException("HTTP connect timed out");
        TransportException late = transport.failure(r, jdk, TimeUnit.MILLISECONDS.toNanos(527));
        assertTrue(late.requestMayHaveBeenSent(), late.getMessage());
        TransportException early = transport.failure(r, jdk, TimeUnit.MILLISECONDS.toNanos(120));
        assertFalse(early.requestMayHaveBeenSent(), early.getMessage());
    }

    @Test
    void aPostWhoseConnectionClosesWithoutAnswerIsSentOnceAndMayHaveBeenSent() throws Exception {
        server.handler(r -> RawServer.closeSilently());
        TransportException e = failure(transport.execute(request("POST", "/bind", "{}")));
        assertTrue(e.requestMayHaveBeenSent());
        Thread.sleep(300);
        assertEquals(1, server.requests.size(), "the JDK client must not re-send a POST");
    }

    @Test
    void aResetAfterSendingMayHaveBeenSent() throws Exception {
        server.handler(r -> RawServer.reset());
        TransportException e = failure(transport.execute(request("DELETE", "/unbind", "")));
        assertTrue(e.requestMayHaveBeenSent());
        Thread.sleep(300);
        assertEquals(1, server.requests.size(), "the JDK client must not re-send a DELETE");
    }

    /**
     * Characterises the JDK client's silent re-send of a GET whose connection closed before any answer byte: the
     * copy carries the very same headers (so the same nonce). The client handles the platform's replay refusal.
     */
    @Test
    void theJdkClientReSendsAGetOnceWithIdenticalHeaders() throws Exception {
        server.handler(r -> RawServer.closeSilently());
        TransportException e = failure(transport.execute(request("GET", "/query?subscriptionId=s", "")));
        assertTrue(e.requestMayHaveBeenSent());
        // the JDK reports the failure after its own re-send failed too; the server may record it a moment later
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.requestsSoFar().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<RawServer.Request> seen = server.requestsSoFar();
        assertEquals(2, seen.size());
        assertEquals(seen.get(0).header("X-AKSK"), seen.get(1).header("X-AKSK"));
    }

    @Test
    void maxConnectionsQueuesRequestsWithoutLosingThem() throws Exception {
        transport.close();
        transport = JdkHttpTransport.create(TransportOptions.builder().maxConnections(2).build());
        CountDownLatch release = new CountDownLatch(1);
        server.handler(r -> (req, s) -> {
            release.await(5, TimeUnit.SECONDS);
            RawServer.respond(200, "application/json", "{}").apply(req, s);
        });
        List<CompletableFuture<TransportResponse>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(transport.execute(request("GET", "/q?i=" + i, "")));
        }
        server.next();
        server.next();
        Thread.sleep(200);
        assertEquals(2, server.requests.size(), "only two in flight");
        assertEquals(2, transport.permitsInUse());
        assertEquals(3, transport.permitsWaiting());
        release.countDown();
        for (CompletableFuture<TransportResponse> f : all) {
            assertEquals(200, f.get(5, TimeUnit.SECONDS).statusCode());
        }
        assertEquals(5, server.requests.size());
        assertEquals(0, transport.permitsInUse());
    }

    @Test
    void aRequestThatFindsNoFreeConnectionInTimeWasNotSent() throws Exception {
        transport.close();
        transport = JdkHttpTransport.create(TransportOptions.builder().maxConnections(1)
                .connectTimeout(Duration.ofMillis(100)).build());
        server.handler(r -> RawServer.delayThen(2000, RawServer.respond(200, "application/json", "{}")));
        CompletableFuture<TransportResponse> first = transport.execute(request("GET", "/slow", "", Duration.ofSeconds(5)));
        server.next();
        TransportException e = failure(transport.execute(request("POST", "/waiting", "{}", Duration.ofMillis(200))));
        assertFalse(e.requestMayHaveBeenSent());
        assertTrue(e.getMessage().contains("free connection"), e.getMessage());
        assertEquals(200, first.get(5, TimeUnit.SECONDS).statusCode());
        assertEquals(1, server.requests.size());
        assertEquals(0, transport.permitsWaiting());
    }

    @Test
    void cancellingFreesTheConnectionSlot() throws Exception {
        transport.close();
        transport = JdkHttpTransport.create(TransportOptions.builder().maxConnections(1).build());
        server.handler(r -> RawServer.delayThen(r.target().contains("slow") ? 5000 : 0,
                RawServer.respond(200, "application/json", "{}")));
        CompletableFuture<TransportResponse> slow = transport.execute(request("GET", "/slow", ""));
        server.next();
        slow.cancel(true);
        assertEquals(200, transport.execute(request("GET", "/fast", "")).get(5, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void closeEndsRequestsInFlightAsMaybeSentAndRequestsWaitingForAConnectionAsNotSent() throws Exception {
        transport.close();
        transport = JdkHttpTransport.create(TransportOptions.builder().maxConnections(1).build());
        CountDownLatch release = new CountDownLatch(1);
        server.handler(r -> (req, s) -> {
            release.await(10, TimeUnit.SECONDS);
            RawServer.respond(200, "application/json", "{}").apply(req, s);
        });
        try {
            CompletableFuture<TransportResponse> inFlight = transport.execute(request("GET", "/held", "",
                    Duration.ofSeconds(30)));
            server.next();
            CompletableFuture<TransportResponse> waiting = transport.execute(request("POST", "/bind", "{}",
                    Duration.ofSeconds(30)));
            Thread.sleep(100);
            assertEquals(1, transport.permitsWaiting());

            long start = System.nanoTime();
            transport.close();
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1000, "close must not wait");

            TransportException sent = failure(inFlight);
            assertTrue(sent.requestMayHaveBeenSent(), sent.getMessage());
            assertTrue(sent.getMessage().contains("closed"), sent.getMessage());
            TransportException notSent = failure(waiting);
            assertFalse(notSent.requestMayHaveBeenSent(), notSent.getMessage());
            Thread.sleep(200);
            assertEquals(1, server.requests.size(), "the waiting request must never be sent");
            assertEquals(0, transport.permitsWaiting());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aClosedTransportRefusesRequestsAsNotSent() {
        transport.close();
        transport.close();
        TransportException e = failure(transport.execute(request("POST", "/x", "{}")));
        assertFalse(e.requestMayHaveBeenSent());
        assertTrue(transport.toString().contains("closed"));
    }

    @Test
    void aPlatform401PassesThroughEvenWithProxyCredentials() throws Exception {
        // the raw server plays a plain-http forward proxy that answers like the platform
        transport.close();
        transport = JdkHttpTransport.create(TransportOptions.builder()
                .proxy(new ProxySettings("127.0.0.1", server.port(), "proxy-user", "proxy-pässword")).build());
        server.handler(r -> RawServer.respond(401, "application/json", "{\"resultcode\":\"1010010\"}"));
        TransportRequest r = new TransportRequest("GET", URI.create("http://platform.test:8080/rest/x?a=%2B1"), headers(),
                new byte[0], Duration.ofSeconds(5));
        TransportResponse answer = transport.execute(r).get(5, TimeUnit.SECONDS);
        assertEquals(401, answer.statusCode(), "no Authenticator may turn a 401 into an IOException");
        RawServer.Request seen = server.next();
        assertEquals("http://platform.test:8080/rest/x?a=%2B1", seen.target());
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString(
                "proxy-user:proxy-pässword".getBytes(StandardCharsets.UTF_8)), seen.header("Proxy-Authorization"));
    }

    @Test
    void httpsThroughAProxyCarriesProxyCredentialsOnTheConnectOnly(@TempDir Path dir) throws Exception {
        // needs -Djdk.http.auth.tunneling.disabledSchemes= (set for these tests in the pom)
        try (TlsServer tls = new TlsServer(dir)) {
            transport.close();
            transport = JdkHttpTransport.create(TransportOptions.builder().trustStore(tls.trustStore)
                    .proxy(new ProxySettings("127.0.0.1", server.port(), "u", "p")).build());
            server.handler(r -> RawServer.tunnel());
            TransportRequest r = new TransportRequest("GET", URI.create("https://localhost:" + tls.port() + "/x"),
                    headers(), new byte[0], Duration.ofSeconds(5));
            assertEquals(200, transport.execute(r).get(10, TimeUnit.SECONDS).statusCode());
            RawServer.Request connect = server.next();
            assertEquals("CONNECT", connect.method());
            assertEquals("Basic dTpw", connect.header("Proxy-Authorization"));
            assertNull(connect.header("X-AKSK"), "the signature must not go to the proxy");
            Map<String, List<String>> inside = tls.headers.get(0);
            assertFalse(inside.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Proxy-Authorization")),
                    "proxy credentials must not reach the platform: " + inside.keySet());
            assertTrue(inside.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("X-AKSK")));
        }
    }

    @Test
    void aCustomTrustStoreIsTrustedAndHostNamesAreStillVerified(@TempDir Path dir) throws Exception {
        try (TlsServer tls = new TlsServer(dir)) {
            TransportRequest toLocalhost = new TransportRequest("GET", URI.create("https://localhost:" + tls.port() + "/x"),
                    headers(), new byte[0], Duration.ofSeconds(5));
            TransportRequest toIp = new TransportRequest("GET", URI.create("https://127.0.0.1:" + tls.port() + "/x"),
                    headers(), new byte[0], Duration.ofSeconds(5));
            // the JDK's default anchors do not know the self-signed certificate
            TransportException untrusted = failure(transport.execute(toLocalhost));
            assertFalse(untrusted.requestMayHaveBeenSent(), untrusted.getMessage());
            assertTrue(untrusted.getMessage().contains("TLS handshake"), untrusted.getMessage());
            try (JdkHttpTransport trusting = JdkHttpTransport.create(
                    TransportOptions.builder().trustStore(tls.trustStore).build())) {
                assertEquals(200, trusting.execute(toLocalhost).get(10, TimeUnit.SECONDS).statusCode());
                // the certificate names localhost only: a trusted certificate for another name is still refused
                TransportException mismatch = failure(trusting.execute(toIp));
                assertFalse(mismatch.requestMayHaveBeenSent(), mismatch.getMessage());
            }
            assertEquals(1, tls.headers.size());
        }
    }

    @Test
    void theFactoryIsFoundByServiceLoaderWithTheJdkPriority() {
        var factories = java.util.ServiceLoader.load(io.github.privatenumber.client.spi.HttpTransportFactory.class)
                .stream().map(java.util.ServiceLoader.Provider::get).toList();
        assertTrue(factories.stream().anyMatch(f -> f instanceof JdkHttpTransportFactory && f.priority() == 100
                && f.name().equals("jdk")));
        try (HttpTransport t = new JdkHttpTransportFactory().create(TransportOptions.defaults())) {
            assertInstanceOf(JdkHttpTransport.class, t);
        }
    }
}
