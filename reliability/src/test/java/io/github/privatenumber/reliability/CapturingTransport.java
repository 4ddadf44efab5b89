package io.github.privatenumber.reliability;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.client.spi.TransportResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes every request to the real transport and registers the {@code PasswordDigest} the client put in it with
 * {@link Sensitive}, so the log scan knows every digest that went out. Counts requests per method. Closing it closes
 * nothing: the test closes the real transport itself.
 */
final class CapturingTransport implements HttpTransport {

    private final HttpTransport delegate;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger deletes = new AtomicInteger();
    /** requests that ended without an answer by timing out or being cancelled: the server may still be on them */
    final AtomicInteger abandoned = new AtomicInteger();

    CapturingTransport(HttpTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<TransportResponse> execute(TransportRequest request) {
        requests.incrementAndGet();
        switch (request.method()) {
            case "POST" -> posts.incrementAndGet();
            case "GET" -> gets.incrementAndGet();
            case "DELETE" -> deletes.incrementAndGet();
            default -> {
            }
        }
        request.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("X-AKSK") || name.equalsIgnoreCase("X-WSSE")) {
                Sensitive.digestIn(value);
            }
        });
        return delegate.execute(request).whenComplete((answer, failure) -> {
            if (failure != null && abandonedByUs(failure)) {
                abandoned.incrementAndGet();
            }
        });
    }

    private static boolean abandonedByUs(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof java.util.concurrent.CancellationException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.http.HttpTimeoutException || m.contains("timed out")
                    || m.contains("timeout") || m.contains("cancel")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "CapturingTransport[" + delegate + "]";
    }
}
