package io.github.privatenumber.client.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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
     * Sends one request for a caller that blocks until the answer is there (the client's synchronous methods).
     * {@code waitingCaller} runs tasks on that caller's own thread, which is idle while it waits: a transport may
     * run its blocking work there (a blocking send) and complete the future there, instead of handing both to
     * threads of its own and back. That saves a thread hand-off in each direction per request.
     *
     * <p>Rules for implementations: tasks given to {@code waitingCaller} run one at a time, in order, only while
     * the caller waits, that is until the returned future (or the client's call around it) is done; a task given
     * after that runs on a thread of its own instead, so it must not block once the future is done. Cancelling the
     * returned future must end a blocking task promptly (for example by interrupting the thread that runs it, and
     * clearing that interrupt afterwards). A task must never wait for another task given to the same
     * {@code waitingCaller} (there is only the one thread). Tasks run after the wait lose the one-at-a-time order.
     * The non-blocking contract of {@link #execute(TransportRequest)} applies to this method's caller as well: it
     * returns promptly.
     *
     * <p>The default ignores {@code waitingCaller} and calls {@link #execute(TransportRequest)}.
     *
     * @param request the request; its headers already include the signature
     * @param waitingCaller runs tasks on the thread that waits for this answer
     * @return a future of the answer, as for {@link #execute(TransportRequest)}
     */
    default CompletableFuture<TransportResponse> execute(TransportRequest request, Executor waitingCaller) {
        return execute(request);
    }

    /**
     * Releases this transport's resources. Idempotent. The default does nothing.
     */
    @Override
    default void close() {
    }
}
