package io.github.privatenumber.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.SignatureVerificationException;
import io.github.privatenumber.signing.SignatureVerifier;
import io.github.privatenumber.signing.VerifiedSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A loopback receiver for the simulator's pushes (JDK HttpServer): verifies every push's signature like an
 * app server would, records the verified ones, answers a programmable status.
 */
final class PushReceiver implements AutoCloseable {

    /** One received push. */
    record Received(String path, JsonNode json, String rawBody, VerifiedSignature signature, String contentType, long nanos) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final SignatureVerifier verifier;
    private final LinkedBlockingQueue<Received> events = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Received> fees = new LinkedBlockingQueue<>();
    private final List<Received> all = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator status = n -> 200;

    PushReceiver(AppCredentials credentials) {
        this.verifier = SignatureVerifier.builder().credentials(credentials).wsseEnabled(true).build();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", ex -> {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            int n = count.incrementAndGet();
            VerifiedSignature sig;
            try {
                sig = verifier.verify(name -> ex.getRequestHeaders().getFirst(name), credentials.appKey());
            } catch (SignatureVerificationException e) {
                synchronized (rejected) {
                    rejected.add(e.reason().name());
                }
                ex.sendResponseHeaders(401, -1);
                ex.close();
                return;
            }
            String raw = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            Received r = new Received(ex.getRequestURI().getPath(), Api.JSON.readTree(body), raw, sig,
                    ex.getRequestHeaders().getFirst("Content-Type"), System.nanoTime());
            synchronized (all) {
                all.add(r);
            }
            int code = status.applyAsInt(n);
            if (code == 200) {
                (r.path().endsWith("/fee") ? fees : events).add(r);
            }
            ex.sendResponseHeaders(code, -1);
            ex.close();
        });
        server.start();
    }

    /** @param status HTTP status for the n-th request (1-based) */
    PushReceiver answering(IntUnaryOperator status) {
        this.status = status;
        return this;
    }

    URI eventUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    URI feeUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fee");
    }

    /** Takes the next accepted event (waiting at most 10 s). */
    Received event() throws InterruptedException {
        Received r = events.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no event push within 10 s");
        }
        return r;
    }

    /** Takes {@code n} accepted events. */
    List<Received> events(int n) throws InterruptedException {
        List<Received> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(event());
        }
        return out;
    }

    /** Takes the next accepted CDR push (waiting at most 10 s). */
    Received fee() throws InterruptedException {
        Received r = fees.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no CDR push within 10 s");
        }
        return r;
    }

    /** @return an event that arrived within the timeout, or null */
    Received pollEvent(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Received> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    List<String> rejected() {
        synchronized (rejected) {
            return List.copyOf(rejected);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
