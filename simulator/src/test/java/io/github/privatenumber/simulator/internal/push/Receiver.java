package io.github.privatenumber.simulator.internal.push;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/** A loopback push receiver for tests: records every request and answers with a programmable status. */
final class Receiver implements AutoCloseable {

    /** One received request. */
    record Request(String method, String path, Map<String, List<String>> headers, byte[] body, long receivedNanos) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final LinkedBlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private final List<Request> all = new ArrayList<>();
    private volatile IntUnaryOperator status = n -> 200;
    /** Released by {@link #close()} so that a stalling handler never outlives the test. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile int stallFirst;
    private volatile int stallBodyOfFirst;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            long at = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Headers h = exchange.getRequestHeaders();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.forEach((k, v) -> headers.put(k, List.copyOf(v)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body, at);
            int n;
            synchronized (all) {
                all.add(request);
                n = all.size();
            }
            received.add(request);
            if (n <= stallFirst) {
                try {
                    closing.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (n <= stallBodyOfFirst) {
                // promise ten bytes, send none, and hold the exchange
                exchange.sendResponseHeaders(200, 10);
                try {
                    closing.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            int code = status.applyAsInt(n);
            if (code == 302) {
                exchange.getResponseHeaders().add("Location", url("/elsewhere").toString());
            }
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
    }

    /** @param status the status for the n-th request (1-based) */
    Receiver answering(IntUnaryOperator status) {
        this.status = status;
        return this;
    }

    /** The first {@code n} requests are held until the receiver closes (or 10 s pass). */
    Receiver stallingFirst(int n) {
        this.stallFirst = n;
        return this;
    }

    /** The answers to the first {@code n} requests have a status line but their body never comes. */
    Receiver stallingBodyOfFirst(int n) {
        this.stallBodyOfFirst = n;
        return this;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    Request next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Request> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
