package io.github.privatenumber.transport.tck;

import static io.github.privatenumber.transport.tck.LoopbackServer.answer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.ProxySettings;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.client.spi.TransportResponse;
import io.github.privatenumber.core.TransportException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link HttpTransport} must meet, checked over real loopback sockets. A transport module
 * extends this class in its test sources and implements {@link #createTransport(TransportOptions)}:
 *
 * <pre>{@code
 * class MyTransportContractTest extends HttpTransportContractTest {
 *     @Override
 *     protected HttpTransport createTransport(TransportOptions options) {
 *         return new MyTransport(options);
 *     }
 * }
 * }</pre>
 *
 * <p>What is checked: methods, headers (the signature headers with their quotes and commas) and query strings
 * arrive exactly as given, nothing is re-encoded or decoded; UTF-8 bodies arrive byte for byte with a
 * {@code Content-Length}; GET and DELETE carry no body; the transport adds no cookies, no compression and no
 * credentials of its own; every 3xx is the answer (a 301's {@code Location} exactly as sent) and is never followed;
 * 4xx and 5xx are answers with readable bodies, never retried; response headers are case-insensitive and keep every
 * value; large, chunked and empty answers are read in full; a truncated or malformed answer is a failure; the
 * per-request response timeout applies; refused connections, connect timeouts and unknown hosts fail with
 * {@link TransportException#requestMayHaveBeenSent()} {@code false}; a peer that reads the request and then closes or
 * resets fails with {@code true} and the request (POST or GET) is not silently sent again (a re-sent bind is a
 * second binding, a re-sent GET repeats its nonce); failure messages carry no query string; 64 parallel requests
 * are not mixed up and {@code maxConnections} bounds the connections; {@code execute}
 * returns before the answer; a waiting caller (the {@code execute} overload for synchronous callers) gets its answer, its response timeout, prompt cancellation and close, and its thread is not left interrupted; {@code close()} is idempotent, ends pending requests and refuses new ones; TLS refuses a
 * self-signed certificate by default, trusts it through {@link TransportOptions.Builder#trustStore}, and keeps host
 * name verification on; an HTTP proxy and an HTTPS {@code CONNECT} proxy are used with their credentials, which never
 * reach the target.
 *
 * <p>Each check is its own public method, so a transport that cannot meet one overrides it, with a reason:
 * <pre>{@code
 *     @Override
 *     @Test
 *     @Disabled("java.net.http on Java 17 cannot ...")
 *     public void closeEndsPendingRequests() {
 *     }
 * }</pre>
 *
 * <p>One instance serves all tests of a class ({@link TestInstance.Lifecycle#PER_CLASS}), with one loopback HTTP
 * server; each test gets a fresh transport made with {@link TransportOptions#defaults()}, plus any it makes with
 * {@link #newTransport(TransportOptions)}, all closed after the test. Not meant for parallel execution within a class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HttpTransportContractTest {

    /** The signature's {@code Authorization} value, as the client sends it. */
    protected static final String AUTHORIZATION = "AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"";
    /** A signature's {@code X-AKSK} value, as the client sends it. */
    protected static final String X_AKSK = "UsernameToken Username=\"tckAppKey0001\","
            + "PasswordDigest=\"gFjPO1pbkjd8z9QCQ+ALC28IAPzxNhm+lR9RBsVq70k=\","
            + "Nonce=\"66C92B11FF8A425FB8D4CCFE0ED9ED1F\",Created=\"2018-02-12T15:30:20Z\"";
    /** The platform's content type, exactly as the client writes it (no space before {@code charset}). */
    protected static final String JSON = "application/json;charset=UTF-8";
    /** The time allowed for an answer in checks that expect one. */
    protected static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** Slack added to a timeout before a check decides the transport ignored it. */
    protected static final Duration MARGIN = Duration.ofMillis(2500);

    private static final String PHONE_DIGITS = "8613800000001";
    private static final String PHONE_QUERY = "origNum=%2B" + PHONE_DIGITS;

    /**
     * Headers a transport may add on its own: framing, the host, a product token, and the h2c upgrade offer some
     * clients make over plain HTTP. Anything else (cookies, {@code Accept-Encoding}, {@code Expect}, credentials) is a
     * surprise.
     */
    private static final Set<String> HEADERS_A_TRANSPORT_MAY_ADD = Set.of("host", "content-length", "connection",
            "keep-alive", "user-agent", "upgrade", "http2-settings");

    private LoopbackServer server;
    private LoopbackServer tlsServer;
    private SelfSignedCertificate certificate;
    private final List<HttpTransport> transports = new ArrayList<>();
    private HttpTransport transport;

    /**
     * @param options the options to honour
     * @return a new transport under test, owned by the suite (which closes it)
     */
    protected abstract HttpTransport createTransport(TransportOptions options);

    @BeforeAll
    final void startServer() throws IOException {
        server = LoopbackServer.http();
    }

    @AfterAll
    final void stopServers() {
        if (server != null) {
            server.close();
        }
        if (tlsServer != null) {
            tlsServer.close();
        }
    }

    @BeforeEach
    final void freshTransport() {
        server.reset();
        if (tlsServer != null) {
            tlsServer.reset();
        }
        transport = newTransport(TransportOptions.defaults());
    }

    @AfterEach
    final void closeTransports() {
        server.reset();
        if (tlsServer != null) {
            tlsServer.reset();
        }
        RuntimeException first = null;
        for (HttpTransport each : transports) {
            try {
                each.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        transports.clear();
        if (first != null) {
            throw first;
        }
    }

    /**
     * @return the transport of the current test, made with the default options
     */
    protected final HttpTransport transport() {
        return transport;
    }

    /**
     * @param options the options
     * @return a new transport from {@link #createTransport}, closed after the test
     */
    protected final HttpTransport newTransport(TransportOptions options) {
        HttpTransport made = createTransport(options);
        assertNotNull(made, "createTransport returned null");
        transports.add(made);
        return made;
    }

    // ------------------------------------------------------------------ methods

    /** A GET arrives as a GET. */
    @Test
    public void getIsSentAsGet() {
        assertMethodArrives("GET", new byte[0]);
    }

    /** A POST arrives as a POST. */
    @Test
    public void postIsSentAsPost() {
        assertMethodArrives("POST", utf8("{\"signal\":\"call_stop\"}"));
    }

    /** A DELETE arrives as a DELETE. */
    @Test
    public void deleteIsSentAsDelete() {
        assertMethodArrives("DELETE", new byte[0]);
    }

    private void assertMethodArrives(String method, byte[] body) {
        server.respond((request, exchange) -> answer(exchange, 200, utf8("{\"resultcode\":\"0\"}")));

        TransportResponse response = send(transport, request(method, server.uri("/rest/omp/xyrelationnumber/v1.0?"
                + "app_key=tckAppKey0001"), body));

        assertEquals(200, response.statusCode());
        assertEquals("{\"resultcode\":\"0\"}", text(response.body()));
        RecordedRequest arrived = onlyRequest(server);
        assertEquals(method, arrived.method());
        assertEquals("/rest/omp/xyrelationnumber/v1.0", arrived.rawPath());
    }

    // ------------------------------------------------------------------ headers

    /** Every given header arrives once, its value byte for byte, including the signature's quotes and commas. */
    @Test
    public void headersArriveExactly() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.put("Accept", "application/json");
        headers.put("Authorization", AUTHORIZATION);
        headers.put("X-AKSK", X_AKSK);
        headers.put("X-Tck-Odd", "a, b,c;d=\"e,f\" =g/h+i");

        send(transport, new TransportRequest("POST", server.uri("/headers"), headers, utf8("{}"), ANSWER_TIMEOUT));

        RecordedRequest arrived = onlyRequest(server);
        headers.forEach((name, value) -> assertEquals(value, arrived.header(name).orElse(null),
                "header " + name + " must arrive exactly once, unchanged"));
    }

    /**
     * Besides the given headers only framing and identification headers may appear: no cookies, no
     * {@code Accept-Encoding} (and so no transparent decompression), no {@code Expect}, no credentials.
     */
    @Test
    public void transportAddsNoHeadersOfItsOwnBeyondFraming() {
        send(transport, request("POST", server.uri("/extra"), utf8("{\"a\":1}")));
        send(transport, request("GET", server.uri("/extra?" + PHONE_QUERY), new byte[0]));

        for (RecordedRequest arrived : server.requests()) {
            for (String name : arrived.headers().keySet()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!HEADERS_A_TRANSPORT_MAY_ADD.contains(lower)) {
                    assertTrue(Set.of("content-type", "authorization", "x-aksk").contains(lower),
                            "the transport added header " + name + ": " + arrived.headerValues(name));
                }
            }
        }
    }

    /** A {@code Set-Cookie} in one answer does not come back as a {@code Cookie} in the next request. */
    @Test
    public void cookiesAreNotKept() {
        server.respond((request, exchange) -> {
            exchange.getResponseHeaders().add("Set-Cookie", "SESSION=tck; Path=/");
            answer(exchange, 200, utf8("{}"));
        });

        send(transport, request("GET", server.uri("/cookies/1"), new byte[0]));
        send(transport, request("GET", server.uri("/cookies/2"), new byte[0]));

        List<RecordedRequest> arrived = server.requests();
        assertEquals(2, arrived.size());
        assertEquals(List.of(), arrived.get(1).headerValues("Cookie"), "cookies must not be stored or sent");
    }

    // ------------------------------------------------------------------ query and path encoding

    /**
     * The path and query reach the server exactly as encoded in the URI: {@code %2B} stays {@code %2B} (else the
     * platform reads a space), non-ASCII stays percent-encoded, nothing is decoded, re-encoded or normalised.
     */
    @Test
    public void queryArrivesExactlyAsEncoded() {
        String rawPath = "/rest/omp/xyrelationnumber/v1.0/tck%20path%2Bx";
        String rawQuery = "app_key=tck%2FKey%3D%3D&" + PHONE_QUERY + "&relationNum=%2B8675528000001"
                + "&userData=%E4%B8%AD%E6%96%87&space=a%20b&plus=a+b&tilde=%7E&amp=%26&empty=&flag";

        send(transport, request("GET", server.uri(rawPath + "?" + rawQuery), new byte[0]));

        RecordedRequest arrived = onlyRequest(server);
        assertEquals(rawPath, arrived.rawPath(), "path changed on the way");
        assertEquals(rawQuery, arrived.rawQuery(), "query changed on the way");
    }

    /** A POST keeps its query too ({@code app_key} travels in the query of binding requests). */
    @Test
    public void queryOfPostArrivesExactlyAsEncoded() {
        String rawQuery = "app_key=tckAppKey0001&origNum=%2B8613800000001&name=%E4%B8%AD";

        send(transport, request("POST", server.uri("/rest/omp/xyrelationnumber/v1.0?" + rawQuery), utf8("{}")));

        assertEquals(rawQuery, onlyRequest(server).rawQuery());
    }

    // ------------------------------------------------------------------ request bodies

    /** A UTF-8 JSON body with Chinese and emoji arrives byte for byte, with an exact {@code Content-Length}. */
    @Test
    public void utf8JsonBodyArrivesByteExact() {
        byte[] body = utf8("{\"origNum\":\"+8613800000001\",\"userData\":\"订单 №42 — 中文 ✓ 😀 café\","
                + "\"recordHintTone\":\"提示音.wav\",\"escaped\":\"\\\"quoted\\\" \\\\ \\u00e9\"}");

        send(transport, request("POST", server.uri("/body?app_key=k"), body));

        RecordedRequest arrived = onlyRequest(server);
        assertArrayEquals(body, arrived.body(), "body bytes changed on the way");
        assertEquals(String.valueOf(body.length), arrived.header("Content-Length").orElse(null));
        assertEquals(List.of(), arrived.headerValues("Transfer-Encoding"), "a known-length body is not chunked");
        assertEquals(JSON, arrived.header("Content-Type").orElse(null), "Content-Type must be sent as given");
    }

    /** A large binary body (512 KiB, every byte value) arrives unchanged. */
    @Test
    public void largeRequestBodyArrivesByteExact() {
        byte[] body = randomBytes(512 * 1024, 7);

        send(transport, request("POST", server.uri("/large-request"), body));

        RecordedRequest arrived = onlyRequest(server);
        assertEquals(body.length, arrived.body().length);
        assertArrayEquals(body, arrived.body());
    }

    /** GET and DELETE carry no body: nothing after the head, no chunking, no non-zero length. */
    @Test
    public void getAndDeleteSendNoBody() {
        send(transport, request("GET", server.uri("/nobody?" + PHONE_QUERY), new byte[0]));
        send(transport, request("DELETE", server.uri("/nobody?subscriptionId=abc&app_key=k"), new byte[0]));

        List<RecordedRequest> arrived = server.requests();
        assertEquals(2, arrived.size());
        for (RecordedRequest each : arrived) {
            assertEquals(0, each.body().length, each.method() + " must have no body");
            assertEquals(List.of(), each.headerValues("Transfer-Encoding"), each.method() + " must not be chunked");
            each.header("Content-Length").ifPresent(length -> assertEquals("0", length));
        }
    }

    // ------------------------------------------------------------------ redirects

    /**
     * A 301 (the recording API's success) is the answer: status 301 and {@code Location} exactly as sent, odd
     * characters and all; the target is never requested, so the auth headers never reach the storage host.
     */
    @Test
    public void movedPermanentlyIsTheAnswerAndIsNotFollowed() {
        // not a valid java.net.URI ('|'), as storage URLs in the wild sometimes are: it is only a header value here
        String location = "http://127.0.0.1:" + server.port() + "/storage/record%20file+1.wav?AccessKeyId=AK%2F1"
                + "&Expires=1700000000&Signature=ab%2Bcd%2F%3D&x=a+b|c~'!*()$,;:@&e=";
        server.respond((request, exchange) -> {
            if (request.rawPath().startsWith("/storage/")) {
                answer(exchange, 200, utf8("audio"));
                return;
            }
            exchange.getResponseHeaders().add("Location", location);
            answer(exchange, 301, new byte[0]);
        });

        TransportResponse response = send(transport, request("GET",
                server.uri("/rest/provision/voice/record/v1.0?recordDomain=d.example&fileName=1.wav"), new byte[0]));

        assertEquals(301, response.statusCode());
        assertEquals(location, response.firstHeader("location").orElse(null));
        assertEquals(List.of(), server.requestsTo("/storage/"), "the redirect was followed");
        assertEquals(1, server.requests().size());
    }

    /** No 3xx is followed, for GET or POST (a followed 307/308 would send the POST body again). */
    @Test
    public void noRedirectIsFollowed() {
        String location = server.uri("/storage/elsewhere").toString();
        server.respond((request, exchange) -> {
            if (request.rawPath().startsWith("/storage/")) {
                answer(exchange, 200, utf8("followed"));
                return;
            }
            exchange.getResponseHeaders().add("Location", location);
            answer(exchange, Integer.parseInt(request.rawPath().substring("/redirect/".length())),
                    utf8("{\"moved\":true}"));
        });

        for (String method : List.of("GET", "POST")) {
            for (int status : List.of(301, 302, 303, 307, 308)) {
                byte[] body = method.equals("POST") ? utf8("{\"n\":1}") : new byte[0];
                TransportResponse response = send(transport, request(method, server.uri("/redirect/" + status), body));
                assertEquals(status, response.statusCode(), method + " " + status);
                assertEquals(location, response.firstHeader("Location").orElse(null), method + " " + status);
                assertEquals("{\"moved\":true}", text(response.body()), method + " " + status);
            }
        }
        assertEquals(List.of(), server.requestsTo("/storage/"), "a redirect was followed");
        assertEquals(10, server.requests().size());
    }

    // ------------------------------------------------------------------ answers

    /** 4xx and 5xx are answers with readable bodies, not failures, and none is retried or answered with auth. */
    @Test
    public void errorStatusesAreAnswersWithReadableBodies() {
        List<Integer> statuses = List.of(400, 401, 403, 404, 409, 429, 500, 502, 503, 504);
        server.respond((request, exchange) -> {
            int status = Integer.parseInt(request.rawPath().substring("/status/".length()));
            if (status == 401) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"tck\"");
            }
            if (status == 429 || status == 503) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.getResponseHeaders().add("Content-Type", JSON);
            answer(exchange, status,
                    utf8("{\"resultcode\":\"" + status + "\",\"resultdesc\":\"失败 " + status + "\"}"));
        });

        for (String method : List.of("GET", "POST")) {
            for (int status : statuses) {
                byte[] body = method.equals("POST") ? utf8("{}") : new byte[0];
                TransportResponse response = send(transport, request(method, server.uri("/status/" + status), body));
                assertEquals(status, response.statusCode(), method);
                assertEquals("{\"resultcode\":\"" + status + "\",\"resultdesc\":\"失败 " + status + "\"}",
                        text(response.body()), method);
            }
        }
        assertEquals(2 * statuses.size(), server.requests().size(), "an error answer was retried");
    }

    /** Response header names are case-insensitive; repeated headers keep every value in order. */
    @Test
    public void responseHeadersAreCaseInsensitiveAndKeepEveryValue() {
        server.respond((request, exchange) -> {
            exchange.getResponseHeaders().add("X-Request-Id", "req-1");
            exchange.getResponseHeaders().add("X-Multi", "one");
            exchange.getResponseHeaders().add("X-Multi", "two");
            exchange.getResponseHeaders().add("Content-Type", JSON);
            answer(exchange, 200, utf8("{}"));
        });

        TransportResponse response = send(transport, request("GET", server.uri("/response-headers"), new byte[0]));

        assertEquals("req-1", response.firstHeader("x-request-id").orElse(null));
        assertEquals("req-1", response.firstHeader("X-REQUEST-ID").orElse(null));
        assertEquals(JSON, response.firstHeader("content-type").orElse(null));
        assertEquals(List.of("one", "two"), response.headers().get("x-multi"));
    }

    /** A 1 MiB answer with a {@code Content-Length} is read in full. */
    @Test
    public void largeAnswerIsReadInFull() {
        byte[] big = randomBytes(1024 * 1024, 42);
        server.respond((request, exchange) -> answer(exchange, 200, big));

        TransportResponse response = send(transport, request("GET", server.uri("/large"), new byte[0]));

        assertEquals(big.length, response.body().length);
        assertArrayEquals(big, response.body());
    }

    /** A 1 MiB chunked answer is read in full. */
    @Test
    public void chunkedAnswerIsReadInFull() {
        byte[] big = randomBytes(1024 * 1024, 43);
        server.respond((request, exchange) -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int offset = 0; offset < big.length; offset += 10_000) {
                    out.write(big, offset, Math.min(10_000, big.length - offset));
                    out.flush();
                }
            }
        });

        TransportResponse response = send(transport, request("GET", server.uri("/chunked"), new byte[0]));

        assertEquals(big.length, response.body().length);
        assertArrayEquals(big, response.body());
    }

    /** A 204 and a 200 with {@code Content-Length: 0} give an empty body, not a failure. */
    @Test
    public void emptyAnswersHaveEmptyBodies() {
        server.respond((request, exchange) -> answer(exchange, request.rawPath().endsWith("204") ? 204 : 200,
                new byte[0]));

        TransportResponse noContent = send(transport, request("DELETE", server.uri("/empty/204"), new byte[0]));
        TransportResponse ok = send(transport, request("POST", server.uri("/empty/200"), utf8("{}")));

        assertEquals(204, noContent.statusCode());
        assertEquals(0, noContent.body().length);
        assertEquals(200, ok.statusCode());
        assertEquals(0, ok.body().length);
    }

    // ------------------------------------------------------------------ timeouts and failures

    /**
     * An answer slower than the request's response timeout fails the request soon after the timeout, as "may have
     * been sent", and the request is not sent again.
     */
    @Test
    public void responseTimeoutFailsAsMayHaveBeenSent() {
        server.respond((request, exchange) -> {
            server.holdUntilReleased();
            answer(exchange, 200, utf8("{}"));
        });
        Duration timeout = Duration.ofMillis(500);

        long start = System.nanoTime();
        TransportException failure = awaitFailure(call(transport, new TransportRequest("POST",
                server.uri("/slow?" + PHONE_QUERY), signedHeaders(), utf8("{}"), timeout)), timeout.plus(MARGIN));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(failure.requestMayHaveBeenSent(), "the request reached the server: " + failure);
        assertTrue(elapsed.compareTo(timeout.multipliedBy(8).dividedBy(10)) >= 0,
                "failed after " + elapsed.toMillis() + " ms, before the " + timeout.toMillis() + " ms timeout");
        assertNoPhoneNumber(failure);
        assertEquals(1, server.requests().size(), "the timed-out request was sent again");
    }

    /**
     * The response timeout belongs to each request: after one request timed out, another with a longer timeout on
     * the same transport waits for a slower answer and gets it.
     */
    @Test
    public void responseTimeoutIsPerRequest() {
        server.respond((request, exchange) -> {
            sleep(request.rawPath().equals("/slower") ? 1200 : 0);
            if (request.rawPath().equals("/held")) {
                server.holdUntilReleased();
            }
            answer(exchange, 200, utf8(request.rawPath()));
        });

        awaitFailure(call(transport, new TransportRequest("GET", server.uri("/held"), signedHeaders(), new byte[0],
                Duration.ofMillis(300))), Duration.ofMillis(300).plus(MARGIN));
        TransportResponse slower = send(transport, new TransportRequest("GET", server.uri("/slower"), signedHeaders(),
                new byte[0], Duration.ofSeconds(8)));

        assertEquals("/slower", text(slower.body()));
    }

    /** A refused connection fails as "surely not sent", without the query in the message. */
    @Test
    public void refusedConnectionFailsAsNotSent() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }

        TransportException failure = awaitFailure(call(transport, request("POST",
                URI.create("http://127.0.0.1:" + closedPort + "/rest/omp/xyrelationnumber/v1.0?" + PHONE_QUERY),
                utf8("{}"))), TransportOptions.DEFAULT_CONNECT_TIMEOUT.plus(MARGIN));

        assertFalse(failure.requestMayHaveBeenSent(), "a refused connection surely sent nothing: " + failure);
        assertNoPhoneNumber(failure);
    }

    /**
     * A connect timeout (the server's accept queue is full, so its kernel drops the SYN) fails soon after the
     * configured connect timeout, as "surely not sent". Skipped where the OS refuses instead of dropping.
     */
    @Test
    public void connectTimeoutFailsAsNotSent() throws IOException {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> fillers = new ArrayList<>();
            boolean saturated = false;
            try {
                // full once two connects in a row time out (one could be a hiccup of a busy machine)
                int timeoutsInARow = 0;
                for (int i = 0; i < 40 && timeoutsInARow < 2; i++) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(full.getLocalSocketAddress(), 250);
                        fillers.add(filler);
                        timeoutsInARow = 0;
                    } catch (SocketTimeoutException e) {
                        filler.close();
                        timeoutsInARow++;
                    }
                }
                saturated = timeoutsInARow == 2;
                assumeTrue(saturated, "this OS does not drop connections to a full accept queue");
                Duration connectTimeout = Duration.ofMillis(500);
                HttpTransport quick = newTransport(TransportOptions.builder().connectTimeout(connectTimeout).build());

                long start = System.nanoTime();
                TransportException failure = awaitFailure(call(quick, request("POST",
                        URI.create("http://127.0.0.1:" + full.getLocalPort() + "/bind?" + PHONE_QUERY), utf8("{}"))),
                        connectTimeout.plus(MARGIN));
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

                assertFalse(failure.requestMayHaveBeenSent(), "no connection, so nothing was sent: " + failure);
                assertTrue(elapsed.compareTo(Duration.ofMillis(400)) >= 0,
                        "failed after " + elapsed.toMillis() + " ms, before the connect timeout");
                assertNoPhoneNumber(failure);
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    /** A host name that does not resolve fails as "surely not sent". */
    @Test
    public void unknownHostFailsAsNotSent() {
        TransportException failure = awaitFailure(call(transport, request("POST",
                URI.create("http://no-such-host.invalid/rest/omp/xyrelationnumber/v1.0?" + PHONE_QUERY), utf8("{}"))),
                Duration.ofSeconds(15));

        assertFalse(failure.requestMayHaveBeenSent(), "nothing can be sent to an unknown host: " + failure);
        assertNoPhoneNumber(failure);
    }

    /**
     * A peer that reads the whole POST and closes without answering: a failure as "may have been sent", and the
     * POST is not silently sent again (a second bind would be a second binding).
     */
    @Test
    public void closedWithoutAnswerFailsAsMayHaveBeenSentAndIsNotResent() throws IOException {
        assertLostAnswer(RawServer.CLOSE);
    }

    /** Same as {@link #closedWithoutAnswerFailsAsMayHaveBeenSentAndIsNotResent()} for a connection reset (RST). */
    @Test
    public void resetWithoutAnswerFailsAsMayHaveBeenSentAndIsNotResent() throws IOException {
        assertLostAnswer(RawServer.RESET);
    }

    /**
     * A GET whose answer was lost is not re-sent either: retrying is the client's decision, per operation, with a
     * fresh signature.
     */
    @Test
    public void closedWithoutAnswerGetIsNotResent() throws IOException {
        assertLostAnswer(RawServer.CLOSE, "GET", new byte[0]);
    }

    private void assertLostAnswer(RawServer.Script script) throws IOException {
        assertLostAnswer(script, "POST", utf8("{\"origNum\":\"+8613800000001\"}"));
    }

    private void assertLostAnswer(RawServer.Script script, String method, byte[] body) throws IOException {
        try (RawServer raw = new RawServer(script)) {
            TransportException failure = awaitFailure(call(transport, request(method,
                    raw.uri("/rest/omp/xyrelationnumber/v1.0?" + PHONE_QUERY), body)), ANSWER_TIMEOUT);

            assertTrue(failure.requestMayHaveBeenSent(), "the server read the request: " + failure);
            assertNoPhoneNumber(failure);
            sleep(300);
            assertEquals(1, raw.requestsRead(), "the " + method + " was sent again");
        }
    }

    /** An answer cut short (fewer body bytes than its {@code Content-Length}) is a failure, not a short body. */
    @Test
    public void truncatedAnswerFailsAsMayHaveBeenSent() throws IOException {
        try (RawServer raw = new RawServer(RawServer.writeThenClose("HTTP/1.1 200 OK\r\nContent-Type: " + JSON
                + "\r\nContent-Length: 100\r\n\r\n{\"resultcode\":"))) {
            TransportException failure = awaitFailure(call(transport, request("GET", raw.uri("/truncated"),
                    new byte[0])), ANSWER_TIMEOUT);

            assertTrue(failure.requestMayHaveBeenSent(), failure.toString());
            assertEquals(1, raw.requestsRead());
        }
    }

    /** Bytes that are not HTTP are a failure as "may have been sent". */
    @Test
    public void malformedAnswerFailsAsMayHaveBeenSent() throws IOException {
        try (RawServer raw = new RawServer(RawServer.writeThenClose("SSH-2.0-OpenSSH_9.6\r\n\r\n"))) {
            TransportException failure = awaitFailure(call(transport, request("POST", raw.uri("/garbage"),
                    utf8("{}"))), ANSWER_TIMEOUT);

            assertTrue(failure.requestMayHaveBeenSent(), failure.toString());
            sleep(200);
            assertEquals(1, raw.requestsRead(), "the POST was sent again");
        }
    }

    // ------------------------------------------------------------------ concurrency

    /** 64 requests at once, each answered with its own body, none mixed up, none lost or duplicated. */
    @Test
    public void parallelRequestsAreNotMixedUp() {
        server.respond((request, exchange) -> {
            sleep(20);
            answer(exchange, 200, utf8(request.rawQuery() + "|" + text(request.body())));
        });
        int count = 64;

        List<CompletableFuture<TransportResponse>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(call(transport, request("POST", server.uri("/echo?n=" + i + "&" + PHONE_QUERY),
                    utf8("{\"n\":" + i + ",\"userData\":\"第" + i + "个\"}"))));
        }

        for (int i = 0; i < count; i++) {
            TransportResponse response = await(futures.get(i), ANSWER_TIMEOUT.plusSeconds(10));
            assertEquals("n=" + i + "&" + PHONE_QUERY + "|{\"n\":" + i + ",\"userData\":\"第" + i + "个\"}",
                    text(response.body()));
        }
        assertEquals(count, server.requests().size());
    }

    /** With {@code maxConnections = 2}, 12 parallel requests all succeed and at most 2 are served at once. */
    @Test
    public void maxConnectionsBoundsConcurrentConnections() {
        server.respond((request, exchange) -> {
            sleep(100);
            answer(exchange, 200, utf8(request.rawQuery()));
        });
        HttpTransport small = newTransport(TransportOptions.builder().maxConnections(2).build());

        List<CompletableFuture<TransportResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            futures.add(call(small, request("GET", server.uri("/pool?n=" + i), new byte[0])));
        }

        for (int i = 0; i < futures.size(); i++) {
            assertEquals("n=" + i, text(await(futures.get(i), ANSWER_TIMEOUT).body()));
        }
        assertTrue(server.maxInFlight() <= 2, "served " + server.maxInFlight() + " at once with maxConnections=2");
    }

    /** {@code execute} hands back a pending future at once; it does not wait for the answer. */
    @Test
    public void executeReturnsBeforeTheAnswer() {
        server.respond((request, exchange) -> {
            server.holdUntilReleased();
            answer(exchange, 200, utf8("late"));
        });

        long start = System.nanoTime();
        CompletableFuture<TransportResponse> future = call(transport, request("GET", server.uri("/held"), new byte[0]));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(elapsed.compareTo(Duration.ofSeconds(1)) < 0, "execute blocked for " + elapsed.toMillis() + " ms");
        assertFalse(future.isDone(), "answered before the server did");
        waitUntil(() -> server.requests().size() == 1, Duration.ofSeconds(5));
        server.releaseHeld();
        assertEquals("late", text(await(future, ANSWER_TIMEOUT).body()));
    }

    // ------------------------------------------------------------------ lifecycle

    /** {@code close()} may be called again, before or after use. */
    @Test
    public void closeIsIdempotent() {
        HttpTransport unused = newTransport(TransportOptions.defaults());
        unused.close();
        unused.close();

        send(transport, request("GET", server.uri("/before-close"), new byte[0]));
        transport.close();
        transport.close();
    }

    /** A closed transport refuses new requests: it throws {@code IllegalStateException} or fails as not sent. */
    @Test
    public void closedTransportRefusesRequests() {
        transport.close();

        CompletableFuture<TransportResponse> future;
        try {
            future = transport.execute(request("POST", server.uri("/after-close"), utf8("{}")));
        } catch (IllegalStateException refused) {
            return;
        }
        TransportException failure = awaitFailure(future, Duration.ofSeconds(5));
        assertFalse(failure.requestMayHaveBeenSent(), "a closed transport sends nothing: " + failure);
        assertEquals(List.of(), server.requests());
    }

    /** Closing ends requests still waiting for an answer, with a {@code TransportException}; callers do not hang. */
    @Test
    public void closeEndsPendingRequests() {
        server.respond((request, exchange) -> {
            server.holdUntilReleased();
            answer(exchange, 200, utf8("too late"));
        });
        CompletableFuture<TransportResponse> pending = call(transport, new TransportRequest("GET",
                server.uri("/pending"), signedHeaders(), new byte[0], Duration.ofSeconds(60)));
        waitUntil(() -> server.requests().size() == 1, Duration.ofSeconds(5));

        long start = System.nanoTime();
        transport.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(closing.compareTo(Duration.ofSeconds(5)) < 0, "close took " + closing.toMillis() + " ms");
        TransportException failure = awaitFailure(pending, Duration.ofSeconds(5));
        assertTrue(failure.requestMayHaveBeenSent(), "the request had reached the server: " + failure);
    }

    // ------------------------------------------------------------------ a waiting caller

    /**
     * Stands in for the client's synchronous caller: an executor whose tasks run on the test thread while it waits.
     * Tasks given after the wait run on a thread of their own, so that none is lost.
     */
    private static final class TestWaitingCaller implements java.util.concurrent.Executor {
        private final java.util.concurrent.BlockingQueue<Runnable> tasks = new java.util.concurrent.LinkedBlockingQueue<>();
        private final Thread owner = Thread.currentThread();
        private volatile boolean waiting = true;

        @Override
        public void execute(Runnable task) {
            if (waiting) {
                tasks.add(task);
            } else {
                new Thread(task, "tck-late-task").start();
            }
        }

        /** Runs tasks on this thread until the future is done; fails after {@code within}. */
        void runUntilDone(CompletableFuture<?> future, Duration within) throws InterruptedException {
            assertEquals(owner, Thread.currentThread());
            future.whenComplete((v, e) -> tasks.add(() -> { }));
            long deadline = System.nanoTime() + within.toNanos();
            try {
                while (!future.isDone()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        future.cancel(true);
                        fail("not done within " + within.toMillis() + " ms");
                    }
                    Runnable task = tasks.poll(left, TimeUnit.NANOSECONDS);
                    if (task != null) {
                        task.run();
                    }
                }
            } finally {
                waiting = false;
                Runnable late;
                while ((late = tasks.poll()) != null) {
                    new Thread(late, "tck-late-task").start();
                }
            }
        }
    }

    private static CompletableFuture<TransportResponse> callWaiting(HttpTransport transport, TransportRequest request,
            TestWaitingCaller caller) {
        CompletableFuture<TransportResponse> future;
        try {
            future = transport.execute(request, caller);
        } catch (RuntimeException e) {
            throw new AssertionError("execute must report failures through the future, but it threw " + e, e);
        }
        assertNotNull(future, "execute returned null");
        return future;
    }

    /**
     * {@code execute(request, waitingCaller)} returns before the answer (the server holds it until then) and answers
     * like {@code execute(request)}, leaving no interrupt on the caller's thread.
     */
    @Test
    public void aWaitingCallerGetsTheAnswer() throws InterruptedException {
        server.respond((request, exchange) -> {
            server.holdUntilReleased();
            answer(exchange, 200, utf8("{\"resultcode\":\"0\"}"));
        });
        TestWaitingCaller caller = new TestWaitingCaller();
        CompletableFuture<TransportResponse> future = callWaiting(transport, request("POST",
                server.uri("/rest/caas/relationnumber/partners/v1.0?" + PHONE_QUERY), utf8("{}")), caller);
        assertFalse(future.isDone(), "execute(request, waitingCaller) must return before the answer");
        server.releaseHeld();
        caller.runUntilDone(future, ANSWER_TIMEOUT);

        TransportResponse answer = await(future, Duration.ofSeconds(1));
        assertEquals(200, answer.statusCode());
        assertEquals("{\"resultcode\":\"0\"}", text(answer.body()));
        assertEquals(1, server.requests().size());
        assertFalse(Thread.currentThread().isInterrupted(), "the caller's thread was left interrupted");
    }

    /**
     * The response timeout applies to a waiting caller's request too, even when the transport runs a blocking send
     * on the caller's thread: it fails as "may have been sent" soon after the timeout, and the caller's thread is not
     * left interrupted.
     */
    @Test
    public void aWaitingCallersResponseTimeoutApplies() throws InterruptedException {
        server.respond((request, exchange) -> {
            server.holdUntilReleased();
            answer(exchange, 200, utf8("{}"));
        });
        Duration timeout = Duration.ofMillis(500);
        TestWaitingCaller caller = new TestWaitingCaller();
        long start = System.nanoTime();
        CompletableFuture<TransportResponse> future = callWaiting(transport, new TransportRequest("GET",
                server.uri("/slow?" + PHONE_QUERY), signedHeaders(), new byte[0], timeout), caller);
        caller.runUntilDone(future, timeout.plus(MARGIN));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        TransportException failure = awaitFailure(future, Duration.ofSeconds(1));
        assertTrue(failure.requestMayHaveBeenSent(), "the request reached the server: " + failure);
        assertTrue(elapsed.compareTo(timeout.multipliedBy(8).dividedBy(10)) >= 0,
                "failed after " + elapsed.toMillis() + " ms, before the " + timeout.toMillis() + " ms timeout");
        assertTrue(elapsed.compareTo(timeout.plus(MARGIN)) < 0,
                "failed only after " + elapsed.toMillis() + " ms, the timeout is " + timeout.toMillis() + " ms");
        assertNoPhoneNumber(failure);
        assertFalse(Thread.interrupted(), "the caller's thread was left interrupted");
        assertEquals(1, server.requests().size(), "the timed-out request was sent again");
    }

    /** Cancelling a waiting caller's request from another thread ends the caller's wait at once. */
    @Test
    public void cancellingAWaitingCallersRequestEndsItsWait() throws InterruptedException {
        server.respond((request, exchange) -> {
            server.holdUntilReleased();
            answer(exchange, 200, utf8("too late"));
        });
        TestWaitingCaller caller = new TestWaitingCaller();
        CompletableFuture<TransportResponse> future = callWaiting(transport, new TransportRequest("GET",
                server.uri("/held"), signedHeaders(), new byte[0], Duration.ofSeconds(60)), caller);
        Thread canceller = new Thread(() -> {
            waitUntil(() -> server.requests().size() == 1, Duration.ofSeconds(10));
            future.cancel(true);
        }, "tck-canceller");
        canceller.start();
        long start = System.nanoTime();
        caller.runUntilDone(future, Duration.ofSeconds(15));
        canceller.join(5_000);

        assertTrue(future.isDone());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(12)) < 0);
        assertFalse(Thread.interrupted(), "the caller's thread was left interrupted");
    }

    /** Closing the transport ends a waiting caller's request at once, as "may have been sent". */
    @Test
    public void closeEndsAWaitingCallersRequest() throws InterruptedException {
        server.respond((request, exchange) -> {
            server.holdUntilReleased();
            answer(exchange, 200, utf8("too late"));
        });
        HttpTransport own = newTransport(TransportOptions.builder().build());
        TestWaitingCaller caller = new TestWaitingCaller();
        CompletableFuture<TransportResponse> future = callWaiting(own, new TransportRequest("GET",
                server.uri("/held"), signedHeaders(), new byte[0], Duration.ofSeconds(60)), caller);
        Thread closer = new Thread(() -> {
            waitUntil(() -> server.requests().size() == 1, Duration.ofSeconds(10));
            own.close();
        }, "tck-closer");
        closer.start();
        long start = System.nanoTime();
        caller.runUntilDone(future, Duration.ofSeconds(15));
        closer.join(5_000);

        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(12)) < 0);
        TransportException failure = awaitFailure(future, Duration.ofSeconds(1));
        assertTrue(failure.requestMayHaveBeenSent(), "the request had reached the server: " + failure);
        assertFalse(Thread.interrupted(), "the caller's thread was left interrupted");
    }

    // ------------------------------------------------------------------ TLS

    /**
     * A server with a self-signed certificate is refused with the default trust anchors; nothing reaches it, and the
     * failure says so ("not sent": the request is written only after the handshake, so an AX bind can be retried).
     */
    @Test
    public void untrustedCertificateIsRefusedByDefault() throws Exception {
        LoopbackServer tls = tlsServer();
        assumeLocalhostIsLoopback();

        TransportException failure = awaitFailure(call(transport, request("POST",
                tls.uri("localhost", "/rest/omp/xyrelationnumber/v1.0?" + PHONE_QUERY), utf8("{}"))), ANSWER_TIMEOUT);

        assertNotNull(failure);
        assertNoPhoneNumber(failure);
        assertFalse(failure.requestMayHaveBeenSent(), "a failed handshake sends nothing: " + failure);
        assertEquals(List.of(), tls.requests(), "a request reached an untrusted server");
    }

    /** The same server is trusted when {@link TransportOptions#trustStore()} holds its certificate. */
    @Test
    public void trustStoreCertificateIsAccepted() throws Exception {
        LoopbackServer tls = tlsServer();
        assumeLocalhostIsLoopback();
        tls.respond((request, exchange) -> answer(exchange, 200,
                utf8("{\"resultcode\":\"0\",\"resultdesc\":\"成功\"}")));
        HttpTransport trusting = newTransport(TransportOptions.builder().trustStore(certificate.trustStore()).build());

        TransportResponse response = send(trusting, request("POST",
                tls.uri("localhost", "/rest/omp/xyrelationnumber/v1.0?" + PHONE_QUERY), utf8("{\"a\":\"中\"}")));

        assertEquals(200, response.statusCode());
        assertEquals("{\"resultcode\":\"0\",\"resultdesc\":\"成功\"}", text(response.body()));
        RecordedRequest arrived = onlyRequest(tls);
        assertEquals(PHONE_QUERY, arrived.rawQuery());
        assertEquals(X_AKSK, arrived.header("X-AKSK").orElse(null));
    }

    /**
     * Host name verification stays on with a custom trust store: the certificate names {@code localhost} only, so
     * connecting to {@code 127.0.0.1} (no IP address in the certificate) is refused, as "not sent".
     */
    @Test
    public void hostNameIsVerifiedWithCustomTrustStore() throws Exception {
        LoopbackServer tls = tlsServer();
        HttpTransport trusting = newTransport(TransportOptions.builder().trustStore(certificate.trustStore()).build());

        TransportException failure = awaitFailure(call(trusting, request("GET", tls.uri("127.0.0.1", "/by-ip"),
                new byte[0])), ANSWER_TIMEOUT);

        assertFalse(failure.requestMayHaveBeenSent(), "a refused certificate sends nothing: " + failure);
        assertEquals(List.of(), tls.requests(), "a request reached a server whose certificate names another host");
    }

    // ------------------------------------------------------------------ proxies

    /**
     * Plain HTTP goes through the configured proxy, in absolute form with the query exactly as encoded; the proxy's
     * Basic challenge is answered with the proxy credentials; the target's own {@code Authorization} is untouched;
     * the target host is not resolved locally.
     */
    @Test
    public void httpProxyIsUsedWithItsCredentials() throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(utf8("tck-user:s3cr3t!@#"));
        String target = "http://tck-target.invalid:8080/rest/omp/xyrelationnumber/v1.0?app_key=k&" + PHONE_QUERY;
        try (LoopbackServer proxy = LoopbackServer.http()) {
            proxy.respond((request, exchange) -> {
                if (!expected.equals(request.header("Proxy-Authorization").orElse(null))) {
                    exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"tck-proxy\"");
                    answer(exchange, 407, new byte[0]);
                    return;
                }
                answer(exchange, 200, utf8("proxied"));
            });
            HttpTransport proxied = newTransport(TransportOptions.builder()
                    .proxy(new ProxySettings("127.0.0.1", proxy.port(), "tck-user", "s3cr3t!@#")).build());

            TransportResponse response = send(proxied, request("POST", URI.create(target), utf8("{\"p\":1}")));

            assertEquals(200, response.statusCode());
            assertEquals("proxied", text(response.body()));
            List<RecordedRequest> arrived = proxy.requests();
            assertTrue(arrived.size() <= 2, "proxy saw " + arrived.size() + " requests");
            RecordedRequest last = arrived.get(arrived.size() - 1);
            assertEquals(target, last.target(), "the request line must carry the target exactly");
            assertEquals(AUTHORIZATION, last.header("Authorization").orElse(null));
            assertEquals(X_AKSK, last.header("X-AKSK").orElse(null));
            assertArrayEquals(utf8("{\"p\":1}"), last.body());
        }
    }

    /**
     * HTTPS goes through the proxy as a {@code CONNECT} tunnel: the proxy gets its credentials and never sees the
     * signature headers; the target gets the signature headers and never sees the proxy credentials.
     */
    @Test
    public void httpsProxyTunnelKeepsCredentialsApart() throws Exception {
        LoopbackServer tls = tlsServer();
        assumeLocalhostIsLoopback();
        tls.respond((request, exchange) -> answer(exchange, 200, utf8("tunnelled")));
        String expected = "Basic " + Base64.getEncoder().encodeToString(utf8("tck-user:s3cr3t!@#"));
        try (ConnectProxy proxy = new ConnectProxy(expected)) {
            HttpTransport proxied = newTransport(TransportOptions.builder()
                    .proxy(new ProxySettings("127.0.0.1", proxy.port(), "tck-user", "s3cr3t!@#"))
                    .trustStore(certificate.trustStore()).build());

            TransportResponse response = send(proxied, request("POST",
                    tls.uri("localhost", "/rest/omp/xyrelationnumber/v1.0?" + PHONE_QUERY), utf8("{}")));

            assertEquals("tunnelled", text(response.body()));
            List<String> heads = proxy.heads();
            assertTrue(heads.get(heads.size() - 1).startsWith("CONNECT localhost:" + tls.port() + " "),
                    heads.toString());
            for (String head : heads) {
                String lower = head.toLowerCase(Locale.ROOT);
                assertFalse(lower.contains("\r\nauthorization:") || lower.contains("\r\nx-aksk:"),
                        "signature headers leaked to the proxy: " + head);
            }
            RecordedRequest arrived = onlyRequest(tls);
            assertEquals(List.of(), arrived.headerValues("Proxy-Authorization"),
                    "proxy credentials reached the target");
            assertEquals(AUTHORIZATION, arrived.header("Authorization").orElse(null));
            assertEquals(PHONE_QUERY, arrived.rawQuery());
        }
    }

    // ------------------------------------------------------------------ helpers

    private LoopbackServer tlsServer() throws IOException, GeneralSecurityException {
        if (tlsServer == null) {
            certificate = SelfSignedCertificate.forLocalhost();
            tlsServer = LoopbackServer.https(certificate.serverContext());
        }
        return tlsServer;
    }

    private static void assumeLocalhostIsLoopback() throws IOException {
        assumeTrue(InetAddress.getByName("localhost").getHostAddress().equals("127.0.0.1"),
                "localhost does not resolve to 127.0.0.1 first on this machine");
    }

    /**
     * @return the headers the client sends on every call: content type and the two signature headers
     */
    protected static Map<String, String> signedHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.put("Authorization", AUTHORIZATION);
        headers.put("X-AKSK", X_AKSK);
        return headers;
    }

    /**
     * @param method the method
     * @param uri the absolute URI
     * @param body the body
     * @return a request with {@link #signedHeaders()} and {@link #ANSWER_TIMEOUT}
     */
    protected static TransportRequest request(String method, URI uri, byte[] body) {
        return new TransportRequest(method, uri, signedHeaders(), body, ANSWER_TIMEOUT);
    }

    /**
     * Calls {@code execute}, insisting that it reports failures through the future rather than by throwing.
     *
     * @param transport the transport
     * @param request the request
     * @return the future
     */
    protected static CompletableFuture<TransportResponse> call(HttpTransport transport, TransportRequest request) {
        CompletableFuture<TransportResponse> future;
        try {
            future = transport.execute(request);
        } catch (RuntimeException e) {
            throw new AssertionError("execute must report failures through the future, but it threw " + e, e);
        }
        assertNotNull(future, "execute returned null");
        return future;
    }

    /**
     * @param transport the transport
     * @param request the request
     * @return the answer, within {@link #ANSWER_TIMEOUT}
     */
    protected static TransportResponse send(HttpTransport transport, TransportRequest request) {
        return await(call(transport, request), ANSWER_TIMEOUT);
    }

    /**
     * @param future a pending answer
     * @param within how long to wait
     * @return the answer
     */
    protected static TransportResponse await(CompletableFuture<TransportResponse> future, Duration within) {
        try {
            return future.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected an answer, but the transport failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("no answer within " + within.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * @param future a pending answer
     * @param within how long to wait
     * @return the {@code TransportException} the future failed with
     */
    protected static TransportException awaitFailure(CompletableFuture<TransportResponse> future, Duration within) {
        try {
            TransportResponse response = future.get(within.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a TransportException, but got an answer: " + response);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return assertInstanceOf(TransportException.class, cause, "failures must be TransportExceptions");
        } catch (CancellationException e) {
            throw new AssertionError("the future was cancelled instead of failing with a TransportException", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("no failure within " + within.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static RecordedRequest onlyRequest(LoopbackServer on) {
        List<RecordedRequest> arrived = on.requests();
        assertEquals(1, arrived.size(), "expected exactly one request, got " + arrived);
        return arrived.get(0);
    }

    private static void assertNoPhoneNumber(TransportException failure) {
        assertFalse(String.valueOf(failure.getMessage()).contains(PHONE_DIGITS),
                "the message carries the query: " + failure.getMessage());
        assertFalse(failure.toString().contains(PHONE_DIGITS), "toString carries the query: " + failure);
    }

    private static void waitUntil(BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + within.toMillis() + " ms");
            }
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
