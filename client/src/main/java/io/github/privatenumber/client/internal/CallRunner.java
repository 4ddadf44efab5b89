package io.github.privatenumber.client.internal;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.RetryOptions;
import io.github.privatenumber.client.UnreadableAnswerException;
import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.client.spi.TransportResponse;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.OutcomeUnknownException;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.TransportException;
import io.github.privatenumber.signing.Signer;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one operation call: attempts (each signed afresh) under a resilience4j {@link Retry} per operation, with
 * exponential backoff and jitter scheduled on the client's scheduler, all bounded by the overall timeout. Nothing
 * holds a thread while a request is in flight or a backoff runs. Thread-safe; one per client.
 *
 * <p>Per call it keeps a small context: the attempt count, whether an earlier attempt may have taken effect (which
 * the unbind and YB rules read), the last failure, the request in flight (cancelled when the deadline passes or the
 * caller cancels).
 *
 * <p>Logs at DEBUG: operation, attempt, method, path (never the query), HTTP status, result code and latency; the
 * waits between attempts. Exception messages are masked before they are logged.
 */
public final class CallRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateNumberClient.class);

    private final HttpTransport transport;
    private final Signer signer;
    private final ScheduledExecutorService scheduler;
    private final Duration responseTimeout;
    private final Duration overallTimeout;
    private final Map<Operation, Retry> retries = new EnumMap<>(Operation.class);

    /**
     * @param transport where requests go
     * @param signer signs every attempt
     * @param scheduler runs backoff waits and deadlines; owned by the caller
     * @param options how to retry
     * @param responseTimeout the longest wait for one answer
     * @param overallTimeout the longest time for a whole call, every attempt and wait included
     */
    public CallRunner(HttpTransport transport, Signer signer, ScheduledExecutorService scheduler, RetryOptions options,
            Duration responseTimeout, Duration overallTimeout) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.responseTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout");
        this.overallTimeout = Objects.requireNonNull(overallTimeout, "overallTimeout");
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(options.initialBackoff(),
                options.multiplier(), options.jitter(), options.maxBackoff());
        for (Operation op : Operation.values()) {
            RetryConfig config = RetryConfig.custom()
                    .maxAttempts(options.maxAttempts())
                    .intervalFunction(backoff)
                    .retryOnException(RetryRules.forOperation(op, options))
                    .failAfterMaxAttempts(false)
                    .build();
            Retry retry = Retry.of("privatenumber." + op.label(), config);
            retry.getEventPublisher().onRetry(e -> {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{}: attempt {} failed ({}); next attempt in {} ms", op, e.getNumberOfRetryAttempts(),
                            describe(RetryRules.unwrap(e.getLastThrowable())), e.getWaitInterval().toMillis());
                }
            });
            retries.put(op, retry);
        }
    }

    /**
     * The body of one attempt. It may send one or more requests through {@link Attempt#exchange}.
     *
     * @param <T> the operation's result
     */
    @FunctionalInterface
    public interface AttemptBody<T> {
        /**
         * @param attempt this attempt
         * @return its outcome
         */
        CompletableFuture<T> run(Attempt attempt);
    }

    /**
     * Runs a call.
     *
     * @param op the operation
     * @param body what one attempt does
     * @param <T> the result type
     * @return the outcome; completed exceptionally with the SDK's exceptions, never a wrapper
     */
    public <T> CompletableFuture<T> run(Operation op, AttemptBody<T> body) {
        CallContext ctx = new CallContext(op, System.nanoTime() + overallTimeout.toNanos(), WaitingCaller.claim());
        CompletableFuture<T> result = new CompletableFuture<>();
        ScheduledFuture<?> timer;
        try {
            timer = scheduler.schedule(() -> onDeadline(ctx, result), overallTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the client is closed"));
        }
        result.whenComplete((v, e) -> {
            ctx.stopped = true;
            timer.cancel(false);
            if (result.isCancelled()) {
                cancelInFlight(ctx);
            }
        });
        Supplier<CompletionStage<T>> attempt = () -> startAttempt(ctx, body);
        CompletionStage<T> stage;
        try {
            stage = Retry.decorateCompletionStage(retries.get(op), scheduler, attempt).get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((v, e) -> {
            if (e == null) {
                result.complete(v);
            } else {
                result.completeExceptionally(finalFailure(ctx, e));
            }
        });
        return result;
    }

    private <T> CompletionStage<T> startAttempt(CallContext ctx, AttemptBody<T> body) {
        if (ctx.stopped) {
            return CompletableFuture.failedFuture(stop(ctx));
        }
        int n = ctx.attempts.incrementAndGet();
        CompletableFuture<T> f;
        try {
            f = body.run(new Attempt(ctx, n, ctx.outcomeUnknown));
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.handle((v, e) -> e == null
                        ? CompletableFuture.completedFuture(v)
                        : CompletableFuture.<T>failedFuture(afterFailure(ctx, RetryRules.unwrap(e))))
                .thenCompose(Function.identity());
    }

    /** Records an attempt's failure and turns it into what the retry (and, in the end, the caller) sees. */
    private static Throwable afterFailure(CallContext ctx, Throwable t) {
        Operation op = ctx.op;
        Throwable out = t;
        if (RetryRules.mayHaveTakenEffect(op, t)) {
            ctx.outcomeUnknown = true;
        }
        if (op == Operation.BIND_AX && t instanceof TransportException te && te.requestMayHaveBeenSent()
                && !(te instanceof OutcomeUnknownException)) {
            // never a silent second binding: the caller must find out what happened
            out = new OutcomeUnknownException(op.label(), te);
        }
        ctx.lastFailure = out;
        if (op.mayBeResentByHttpStack() && RetryRules.isReplayRefusal(t)) {
            if (ctx.replayRetryUsed) {
                return new Stop(out);
            }
            ctx.replayRetryUsed = true;
        }
        return ctx.stopped ? new Stop(out) : out;
    }

    /** What the caller gets when the retries are over. */
    private static Throwable finalFailure(CallContext ctx, Throwable e) {
        Throwable t = RetryRules.unwrap(e);
        Operation op = ctx.op;
        if (t instanceof RejectedExecutionException) {
            t = new TransportException(op.label() + ": the client was closed before the call could be retried",
                    ctx.lastFailure, ctx.outcomeUnknown);
        } else if (!(t instanceof RuntimeException) && !(t instanceof Error)) {
            t = new TransportException(op.label() + ": " + t.getClass().getSimpleName(), t, true);
        }
        if (op == Operation.BIND_YB && ctx.outcomeUnknown && !(t instanceof OutcomeUnknownException)
                && (t instanceof TransportException || RetryRules.mayHaveTakenEffect(op, t))) {
            // an earlier attempt may have bound B and the retries could not settle it
            t = new OutcomeUnknownException(op.label(), t);
        }
        return t;
    }

    private void onDeadline(CallContext ctx, CompletableFuture<?> result) {
        if (result.isDone()) {
            return;
        }
        ctx.stopped = true;
        CompletableFuture<?> inFlight = ctx.inFlight;
        boolean waiting = inFlight != null && !inFlight.isDone();
        Operation op = ctx.op;
        String message = op.label() + ": no answer within the overall timeout of " + overallTimeout.toMillis()
                + " ms (" + ctx.attempts.get() + " attempt(s))";
        Throwable failure;
        if (waiting) {
            TransportException te = new TransportException(message, null, true);
            if (ctx.lastFailure != null) {
                te.addSuppressed(ctx.lastFailure);
            }
            failure = op == Operation.BIND_AX || op == Operation.BIND_YB ? new OutcomeUnknownException(op.label(), te) : te;
        } else if (ctx.lastFailure != null) {
            failure = finalFailure(ctx, ctx.lastFailure);
        } else {
            failure = new TransportException(message, null, false);
        }
        if (result.completeExceptionally(failure)) {
            LOG.debug("{}: overall timeout of {} ms reached after {} attempt(s)", op, overallTimeout.toMillis(),
                    ctx.attempts.get());
        }
        if (waiting) {
            inFlight.cancel(true);
        }
    }

    private static Stop stop(CallContext ctx) {
        Throwable last = ctx.lastFailure;
        return new Stop(last != null ? last
                : new TransportException(ctx.op.label() + ": the call was stopped (overall timeout or cancellation)",
                        null, false));
    }

    private static void cancelInFlight(CallContext ctx) {
        CompletableFuture<?> inFlight = ctx.inFlight;
        if (inFlight != null) {
            inFlight.cancel(true);
        }
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "-";
        }
        if (t instanceof PlatformException p) {
            return "HTTP " + p.httpStatus() + ", resultcode " + p.resultCode().code();
        }
        String message = t.getMessage();
        String text = t.getClass().getSimpleName() + (message == null ? "" : ": " + Masking.maskText(message));
        if (t instanceof TransportException te) {
            text += te.requestMayHaveBeenSent() ? " (request may have been sent)" : " (request not sent)";
        }
        return text;
    }

    /** One attempt of a call. Not thread-safe; used by one attempt body. */
    public final class Attempt {
        private final CallContext ctx;
        private final int number;
        private final boolean earlierOutcomeUnknown;

        Attempt(CallContext ctx, int number, boolean earlierOutcomeUnknown) {
            this.ctx = ctx;
            this.number = number;
            this.earlierOutcomeUnknown = earlierOutcomeUnknown;
        }

        /**
         * @return the attempt number, from 1
         */
        public int number() {
            return number;
        }

        /**
         * @return {@code true} when an earlier attempt of this call may have taken effect on the platform (its
         *     request may have been sent and no usable answer came, or the platform reported an internal error)
         */
        public boolean earlierOutcomeUnknown() {
            return earlierOutcomeUnknown;
        }

        /**
         * Signs the request afresh, sends it with this call's remaining time (at most the response timeout), logs
         * the outcome and maps the answer.
         *
         * @param request the request
         * @param label what to log as the step, e.g. {@code bindYb} or {@code bindYb/reconcile}
         * @param mapper reads the answer; throws {@link PlatformException} or {@link UnreadableAnswerException}
         * @param <R> the mapped type
         * @return the mapped answer; failures are {@link TransportException}, {@link PlatformException} or
         *     {@link UnreadableAnswerException}
         */
        public <R> CompletableFuture<R> exchange(WireRequest request, String label,
                Function<TransportResponse, R> mapper) {
            long remaining = ctx.deadline - System.nanoTime();
            if (ctx.stopped || remaining < TimeUnit.MILLISECONDS.toNanos(1)) {
                ctx.stopped = true;
                return CompletableFuture.failedFuture(stop(ctx));
            }
            Duration timeout = Duration.ofNanos(Math.min(responseTimeout.toNanos(), remaining));
            TransportRequest signed = request.sign(signer, timeout);
            Operation op = request.operation();
            long start = System.nanoTime();
            CompletableFuture<TransportResponse> sent;
            try {
                sent = Objects.requireNonNull(ctx.waitingCaller == null ? transport.execute(signed)
                        : transport.execute(signed, ctx.waitingCaller), "the transport returned null");
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            ctx.inFlight = sent;
            if (ctx.stopped) {
                // the deadline or a cancellation came while this request was being handed over and missed it
                sent.cancel(true);
            }
            return sent.handle((response, error) -> {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                if (error != null) {
                    TransportException te = asTransportFailure(label, RetryRules.unwrap(error));
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("{} attempt {}: {} {} failed after {} ms: {}", label, number, op.method(), op.path(),
                                ms, describe(te));
                    }
                    throw new CompletionException(te);
                }
                try {
                    R value = mapper.apply(response);
                    LOG.debug("{} attempt {}: {} {} -> HTTP {}, resultcode 0, {} ms", label, number, op.method(),
                            op.path(), response.statusCode(), ms);
                    return value;
                } catch (PlatformException p) {
                    LOG.debug("{} attempt {}: {} {} -> HTTP {}, resultcode {}, {} ms", label, number, op.method(),
                            op.path(), response.statusCode(), p.resultCode().code(), ms);
                    throw p;
                } catch (UnreadableAnswerException u) {
                    LOG.debug("{} attempt {}: {} {} -> HTTP {}, unreadable answer, {} ms", label, number, op.method(),
                            op.path(), response.statusCode(), ms);
                    throw u;
                } catch (RuntimeException e) {
                    LOG.debug("{} attempt {}: {} {} -> HTTP {}, unreadable answer ({}), {} ms", label, number,
                            op.method(), op.path(), response.statusCode(), e.getClass().getSimpleName(), ms);
                    throw new UnreadableAnswerException("unreadable answer (HTTP " + response.statusCode() + "): "
                            + describe(e), response.statusCode(), e);
                }
            });
        }
    }

    private static TransportException asTransportFailure(String label, Throwable t) {
        if (t instanceof TransportException te) {
            return te;
        }
        if (t instanceof CancellationException) {
            return new TransportException(label + ": the request was cancelled", t, true);
        }
        // a transport that broke its contract: treat the request as possibly sent
        return new TransportException(label + ": the transport failed: " + describe(t), t, true);
    }

    /** Per-call state, shared by the attempts of one call. */
    static final class CallContext {
        final Operation op;
        final long deadline;
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean outcomeUnknown;
        volatile boolean replayRetryUsed;
        volatile boolean stopped;
        volatile Throwable lastFailure;
        volatile CompletableFuture<?> inFlight;
        /** The synchronous caller's thread as an executor for the transport; {@code null} for an async call. */
        final WaitingCaller waitingCaller;

        CallContext(Operation op, long deadline, WaitingCaller waitingCaller) {
            this.op = op;
            this.deadline = deadline;
            this.waitingCaller = waitingCaller;
        }
    }

    /** Marks a failure as final for this call: the retry predicates never retry it. Carries no stack. */
    static final class Stop extends RuntimeException {
        Stop(Throwable cause) {
            super(cause == null ? "stopped" : cause.getMessage(), cause, false, false);
        }
    }
}
