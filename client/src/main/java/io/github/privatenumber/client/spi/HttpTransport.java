package io.github.privatenumber.client.spi;

import java.util.concurrent.CompletableFuture;

/**
 * The one thing the SDK needs from an HTTP library: send one request, hand back the answer. A transport is a dumb
 * pipe: it does not interpret status codes, does not retry, never follows redirects, never adds or logs
 * authentication headers, and reads each answer body once, in full.
 *
 * <p>Failures complete the future exceptionally with an
 * {@link io.github.privatenumber.core.TransportException}, whose
 * {@link io.github.privatenumber.core.TransportException#requestMayHaveBeenSent()} is {@code false} only when the
 * request surely never left this process (connection refused, connect timeout, DNS failure), because the client's
 * retry rules for non-idempotent operations depend on it. A non-2xx status is not a failure: it is an answer.
 *
 * <p>Implementations are thread-safe and {@link AutoCloseable}; {@link #close()} releases pools and threads.
 * Implementations must keep the non-blocking contract of {@link #execute}: it returns promptly and does not hold a
 * thread per request where the underlying library allows it.
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * Sends one request.
     *
     * @param request the request; its headers already include the signature
     * @return a future of the answer, completed exceptionally with a {@code TransportException} when no answer came
     *     (including when {@link TransportRequest#responseTimeout()} passed)
     */
    CompletableFuture<TransportResponse> execute(TransportRequest request);

    /**
     * Releases this transport's resources. Idempotent. The default does nothing.
     */
    @Override
    default void close() {
    }
}
