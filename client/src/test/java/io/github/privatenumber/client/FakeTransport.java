package io.github.privatenumber.client;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.client.spi.TransportResponse;
import io.github.privatenumber.core.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted in-memory transport for unit tests of the client's wire building, mapping and retry decisions. Each
 * request takes the next scripted step (the last one repeats). Records every request. Thread-safe enough for tests.
 */
final class FakeTransport implements HttpTransport {

    private final Deque<Function<TransportRequest, CompletableFuture<TransportResponse>>> script = new ArrayDeque<>();
    private Function<TransportRequest, CompletableFuture<TransportResponse>> last;
    final List<TransportRequest> requests = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    FakeTransport then(Function<TransportRequest, CompletableFuture<TransportResponse>> step) {
        synchronized (script) {
            script.add(step);
        }
        return this;
    }

    FakeTransport thenAnswer(int status, String json) {
        return then(r -> CompletableFuture.completedFuture(json(status, json)));
    }

    FakeTransport thenAnswer(TransportResponse response) {
        return then(r -> CompletableFuture.completedFuture(response));
    }

    FakeTransport thenFail(boolean requestSent) {
        return then(r -> CompletableFuture.failedFuture(new TransportException(
                requestSent ? "simulated: connection reset after sending" : "simulated: connection refused", null,
                requestSent)));
    }

    /** A request that never gets an answer (until cancelled). */
    FakeTransport thenHang() {
        return then(r -> new CompletableFuture<>());
    }

    static TransportResponse json(int status, String json) {
        return new TransportResponse(status, Map.of("Content-Type", List.of("application/json;charset=UTF-8")),
                json.getBytes(StandardCharsets.UTF_8));
    }

    static String ok() {
        return "{\"resultcode\":\"0\",\"resultdesc\":\"Success\"}";
    }

    static String fail(String code) {
        return "{\"resultcode\":\"" + code + "\",\"resultdesc\":\"refused\"}";
    }

    @Override
    public CompletableFuture<TransportResponse> execute(TransportRequest request) {
        requests.add(request);
        Function<TransportRequest, CompletableFuture<TransportResponse>> step;
        synchronized (script) {
            step = script.isEmpty() ? last : script.poll();
            last = step;
        }
        if (step == null) {
            throw new IllegalStateException("nothing scripted");
        }
        return step.apply(request);
    }

    @Override
    public void close() {
        closed = true;
    }

    TransportRequest request(int i) {
        return requests.get(i);
    }

    String body(int i) {
        return new String(requests.get(i).body(), StandardCharsets.UTF_8);
    }
}
