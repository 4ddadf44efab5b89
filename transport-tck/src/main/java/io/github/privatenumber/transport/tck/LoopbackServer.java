package io.github.privatenumber.transport.tck;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A JDK {@code HttpServer} (or {@code HttpsServer}) on 127.0.0.1 with an ephemeral port that records every request
 * before it answers, and answers with whatever {@link Responder} the current test installed. Requests are handled
 * on a pool of threads, so slow answers do not hold up others. Thread-safe.
 */
final class LoopbackServer implements AutoCloseable {

    /** Answers one recorded request. */
    @FunctionalInterface
    interface Responder {
        /**
         * @param request what arrived
         * @param exchange the exchange to answer on; the responder sends headers and body, the server closes it
         * @throws IOException if answering failed
         */
        void respond(RecordedRequest request, HttpExchange exchange) throws IOException;
    }

    private static final Responder EMPTY_OK = (request, exchange) -> exchange.sendResponseHeaders(200, -1);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String scheme;
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    /**
     * Connections (by client port) with a request being handled, each with the token of its current exchange.
     * Counted per connection, not per handler thread: once an answer is written the client may send its next
     * request on the same connection before the previous handler has returned, and that is still one connection.
     */
    private final ConcurrentHashMap<Integer, Object> busyConnections = new ConcurrentHashMap<>();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Responder responder = EMPTY_OK;
    private volatile CountDownLatch release = new CountDownLatch(1);

    private LoopbackServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tck-" + scheme + "-server-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * @return a started plain-HTTP server on 127.0.0.1
     * @throws IOException if it cannot bind
     */
    static LoopbackServer http() throws IOException {
        return new LoopbackServer(HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128),
                "http");
    }

    /**
     * @param sslContext the server's TLS context (its key and certificate)
     * @return a started HTTPS server on 127.0.0.1
     * @throws IOException if it cannot bind
     */
    static LoopbackServer https(SSLContext sslContext) throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext));
        return new LoopbackServer(https, "https");
    }

    private void handle(HttpExchange exchange) throws IOException {
        Integer connection = exchange.getRemoteAddress().getPort();
        Object token = new Object();
        busyConnections.put(connection, token);
        maxInFlight.accumulateAndGet(busyConnections.size(), Math::max);
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), uri.toString(),
                    uri.getRawPath(), uri.getRawQuery(), copy(exchange.getRequestHeaders()), body,
                    exchange.getRemoteAddress().getPort());
            requests.add(request);
            responder.respond(request, exchange);
        } finally {
            busyConnections.remove(connection, token);
        }
    }

    private static java.util.Map<String, List<String>> copy(Headers headers) {
        java.util.Map<String, List<String>> map = new java.util.LinkedHashMap<>();
        headers.forEach((name, values) -> map.put(name, new ArrayList<>(values)));
        return map;
    }

    /**
     * Installs the answer for the requests that follow, and forgets what was recorded so far.
     *
     * @param next the responder
     */
    void respond(Responder next) {
        reset();
        this.responder = next;
    }

    /**
     * Forgets recorded requests, releases held answers and goes back to answering an empty 200.
     */
    void reset() {
        release.countDown();
        release = new CountDownLatch(1);
        requests.clear();
        maxInFlight.set(0);
        responder = EMPTY_OK;
    }

    /**
     * Blocks the calling handler thread until {@link #releaseHeld()} or {@link #reset()}, at most 30 s.
     */
    void holdUntilReleased() {
        CountDownLatch latch = release;
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets every held answer go. */
    void releaseHeld() {
        release.countDown();
    }

    /**
     * @return every request recorded since the last reset, in arrival order
     */
    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * @param pathPrefix a raw path prefix
     * @return the recorded requests whose raw path starts with it
     */
    List<RecordedRequest> requestsTo(String pathPrefix) {
        Predicate<RecordedRequest> matches = r -> r.rawPath() != null && r.rawPath().startsWith(pathPrefix);
        return requests.stream().filter(matches).toList();
    }

    /**
     * @return the most connections with a request being handled at once since the last reset
     */
    int maxInFlight() {
        return maxInFlight.get();
    }

    /**
     * @return the bound port
     */
    int port() {
        return server.getAddress().getPort();
    }

    /**
     * @param host the host to name in the URI, e.g. {@code 127.0.0.1} or {@code localhost}
     * @param pathAndQuery a path with an optional raw (already encoded) query
     * @return the absolute URI of this server
     */
    URI uri(String host, String pathAndQuery) {
        return URI.create(scheme + "://" + host + ":" + port() + pathAndQuery);
    }

    /**
     * @param pathAndQuery a path with an optional raw (already encoded) query
     * @return the absolute URI of this server, by IP address
     */
    URI uri(String pathAndQuery) {
        return uri("127.0.0.1", pathAndQuery);
    }

    /**
     * Sends a complete answer.
     *
     * @param exchange the exchange
     * @param status the status
     * @param body the body; an empty one is sent with {@code Content-Length: 0}
     * @throws IOException if writing failed
     */
    static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBodyAllowed = status == 204 || status == 304 || status < 200;
        exchange.sendResponseHeaders(status, noBodyAllowed ? -1 : (body.length == 0 ? -1 : body.length));
        if (!noBodyAllowed && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
