package io.github.privatenumber.client;

import io.github.privatenumber.client.internal.Answers;
import io.github.privatenumber.client.internal.CallRunner;
import io.github.privatenumber.client.internal.Endpoint;
import io.github.privatenumber.client.internal.Operation;
import io.github.privatenumber.client.internal.RetryRules;
import io.github.privatenumber.client.internal.TransportDiscovery;
import io.github.privatenumber.client.internal.WaitingCaller;
import io.github.privatenumber.client.internal.WireFormat;
import io.github.privatenumber.client.internal.WireRequest;
import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.client.spi.ProxySettings;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.OutcomeUnknownException;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.TransportException;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.BindingGateway;
import io.github.privatenumber.core.binding.Relation;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.binding.YbBindRequest;
import io.github.privatenumber.core.call.CallControlGateway;
import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.core.recording.RecordingGateway;
import io.github.privatenumber.core.recording.RecordingReference;
import io.github.privatenumber.core.recording.RecordingUrl;
import io.github.privatenumber.core.result.ResultCode;
import io.github.privatenumber.signing.AkskSigner;
import io.github.privatenumber.signing.NonceSource;
import java.net.URI;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client for Huawei Cloud Private Number in AXYB mode: bind, unbind and query ({@link BindingGateway}), the
 * recording download URL ({@link RecordingGateway}) and stopping a call ({@link CallControlGateway}), each also
 * non-blocking ({@code bindAxAsync} …).
 *
 * <pre>{@code
 * try (PrivateNumberClient client = PrivateNumberClient.builder()
 *         .credentials(AppCredentials.of(appKey, appSecret))
 *         .build()) {
 *     BindResult ax = client.bindAx(AxBindRequest.builder().origNum("+8613800000001").areaCode("0755").build());
 *     BindResult yb = client.bindYb(YbBindRequest.builder().origNum("+8613900000002")
 *             .subscriptionId(ax.subscriptionId()).build());
 * }
 * }</pre>
 *
 * <h2>Wire</h2>
 * Every attempt is signed afresh ({@code Authorization} + {@code X-AKSK}, new nonce, UTC {@code Created}) and sent
 * with {@code Content-Type: application/json;charset=UTF-8}. Query values are percent-encoded per RFC 3986
 * ({@code +} as {@code %2B}, a space as {@code %20}, non-ASCII as UTF-8 bytes); bodies are UTF-8 JSON that leaves
 * absent optional fields out. Answers are read once, decoded as UTF-8, and unknown fields are ignored.
 *
 * <h2>Outcomes</h2>
 * Result code {@code "0"}: the value. Any other code: {@link PlatformException} with the HTTP status, the
 * {@link ResultCode} and the (masked) description. No answer: {@link TransportException}. An answer that is not the
 * platform's (not JSON, no {@code resultcode}, …): {@link UnreadableAnswerException}, a {@code TransportException}
 * whose request may have been sent.
 *
 * <h2>Retries</h2>
 * Per call, at most {@link RetryOptions#maxAttempts()} attempts with exponential backoff and jitter, all within the
 * overall timeout. "Transient" means: a transport failure, an HTTP 5xx answer, or a result code of
 * {@link RetryOptions#retryableResultCodes()} ({@code 1010001}, {@code 1023001}, {@code 1023002} by default).
 * <ul>
 *   <li>{@code query}, {@code queryByX}, {@code downloadUrl}, {@code unbind*}, {@code stopCall}: retried on transient
 *       failures. The GET and DELETE ones ({@code query*}, {@code downloadUrl}, {@code unbind*}) also retry
 *       {@code 1010010} once: an HTTP stack or proxy may re-send such a request with the same nonce by itself (the
 *       JDK client re-sends a GET whose connection closed before any answer byte), and the platform refuses the
 *       copy as a replay.</li>
 *   <li>{@code unbind*}: a retry answered {@code 1016001} (binding does not exist) after an earlier attempt that may
 *       have taken effect (lost answer, 5xx, internal error) counts as done; a first attempt answered
 *       {@code 1016001} is a {@link PlatformException}.</li>
 *   <li>{@code bindAx}: retried only when its request surely never left this process (connection refused, connect
 *       timeout, unknown host). When it may have been sent and no usable answer came back (timeout, reset,
 *       unreadable answer, overall timeout while in flight) the call fails with {@link OutcomeUnknownException}:
 *       never a silent second binding. A 5xx or {@code 1010001} answer is an answer: {@link PlatformException}, not
 *       retried.</li>
 *   <li>{@code bindYb}: retried on transient failures, but after an attempt that may have taken effect the next
 *       attempt first queries the subscription; when B is already bound there, that binding's Y is returned
 *       instead of binding again. When the retries end without settling it: {@link OutcomeUnknownException}.</li>
 * </ul>
 *
 * <h2>Threads, lifecycle, logging</h2>
 * Thread-safe and immutable once built. Requests do not hold a thread while in flight (as far as the transport
 * allows); backoff waits and deadlines run on one small daemon scheduler thread per client. The synchronous methods
 * wait for the asynchronous ones; an interrupt while waiting restores the thread's interrupt flag, cancels the call
 * and throws a {@link TransportException} ({@link OutcomeUnknownException} for the bind steps). Futures of the
 * asynchronous methods complete on a transport or scheduler thread: do not block in their callbacks.
 * {@link #close()} closes the transport only if this client created it (not one handed to
 * {@link Builder#transport(HttpTransport)}); calls made after it throw {@link IllegalStateException}. At DEBUG the
 * client logs operation, attempt, method, path, HTTP status, result code and latency; never the query string, the
 * body, the secret, a digest or the {@code X-AKSK} header, and phone numbers only masked.
 */
public final class PrivateNumberClient implements BindingGateway, RecordingGateway, CallControlGateway, AutoCloseable {

    /** The platform's default base URL. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://rtcpns.cn-north-1.myhuaweicloud.com");
    /** Default longest wait for one answer. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    /** Default longest time for a whole call, retries and waits included. */
    public static final Duration DEFAULT_OVERALL_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(PrivateNumberClient.class);

    private final Endpoint endpoint;
    private final String appKey;
    private final HttpTransport transport;
    private final boolean ownsTransport;
    private final String transportName;
    private final ScheduledThreadPoolExecutor scheduler;
    private final WireFormat wire;
    private final Answers answers;
    private final CallRunner runner;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PrivateNumberClient(Builder b, HttpTransport transport, boolean ownsTransport, String transportName) {
        this.endpoint = b.endpoint;
        this.appKey = b.credentials.appKey();
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.transportName = transportName;
        this.wire = new WireFormat(endpoint, appKey);
        this.answers = new Answers(wire);
        this.scheduler = newScheduler();
        AkskSigner signer = AkskSigner.of(b.credentials, b.clock, b.nonceSource != null ? b.nonceSource : NonceSource.secureRandom());
        this.runner = new CallRunner(transport, signer, scheduler, b.retry, b.responseTimeout, b.overallTimeout);
    }

    private ScheduledThreadPoolExecutor newScheduler() {
        String name = "privatenumber-client-" + Integer.toHexString(System.identityHashCode(this));
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        // deadline timers are cancelled on every completed call: drop them at once instead of at their due time
        s.setRemoveOnCancelPolicy(true);
        // a timer that becomes the queue's earliest wakes the scheduler thread, so with one call at a time every call
        // would cost a thread wake-up; a no-op due every second stays earlier than any deadline (one wake per second)
        s.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.SECONDS);
        return s;
    }

    /**
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the platform base URL this client talks to
     */
    public URI endpoint() {
        return endpoint.uri();
    }

    /**
     * @return the app key this client signs with
     */
    public String appKey() {
        return appKey;
    }

    // ---------------------------------------------------------------- bindings

    /**
     * {@inheritDoc}
     *
     * <p>Retried only when the request surely never left this process; see the class documentation.
     */
    @Override
    public BindResult bindAx(AxBindRequest request) {
        return call(Operation.BIND_AX, () -> bindAxAsync(request));
    }

    /**
     * Non-blocking {@link #bindAx(AxBindRequest)}.
     *
     * @param request what to bind
     * @return the subscription id and X; fails with the exceptions of {@link #bindAx(AxBindRequest)}
     * @throws InvalidValueException at once if {@code request} is {@code null}
     * @throws IllegalStateException at once if the client is closed
     */
    public CompletableFuture<BindResult> bindAxAsync(AxBindRequest request) {
        required("request", request);
        WireRequest req = wire.bindAx(request);
        return run(Operation.BIND_AX, a -> a.exchange(req, "bindAx", answers::bindResult));
    }

    /**
     * {@inheritDoc}
     *
     * <p>After an attempt that may have taken effect, the next attempt first queries the subscription and returns
     * B's existing binding if there is one; see the class documentation.
     */
    @Override
    public BindResult bindYb(YbBindRequest request) {
        return call(Operation.BIND_YB, () -> bindYbAsync(request));
    }

    /**
     * Non-blocking {@link #bindYb(YbBindRequest)}.
     *
     * @param request what to bind
     * @return the subscription id and Y; fails with the exceptions of {@link #bindYb(YbBindRequest)}
     * @throws InvalidValueException at once if {@code request} is {@code null}
     * @throws IllegalStateException at once if the client is closed
     */
    public CompletableFuture<BindResult> bindYbAsync(YbBindRequest request) {
        required("request", request);
        WireRequest bind = wire.bindYb(request);
        WireRequest query = wire.query(request.subscriptionId());
        SubscriptionId id = request.subscriptionId();
        PhoneNumber b = request.origNum();
        return run(Operation.BIND_YB, a -> {
            if (!a.earlierOutcomeUnknown()) {
                return a.exchange(bind, "bindYb", answers::bindResult);
            }
            return a.exchange(query, "bindYb/reconcile", r -> answers.relations(r, id))
                    .handle((relations, error) -> {
                        if (error == null) {
                            Optional<BindResult> existing = alreadyBound(relations, id, b);
                            if (existing.isPresent()) {
                                LOG.debug("bindYb attempt {}: B {} is already bound under {}; not binding again",
                                        a.number(), b, id);
                                return CompletableFuture.completedFuture(existing.get());
                            }
                            return bindAgain(a, bind, query, id, b);
                        }
                        Throwable t = RetryRules.unwrap(error);
                        if (t instanceof PlatformException p && p.resultCode().equals(ResultCode.BINDING_NOT_FOUND)) {
                            // nothing under this subscription: binding again gives the authoritative answer
                            return bindAgain(a, bind, query, id, b);
                        }
                        if (t instanceof PlatformException p && p.resultCode().equals(ResultCode.INVALID_DIGEST)) {
                            // the query is a GET: an HTTP stack re-sent it with the same nonce after its answer was
                            // lost, and the copy was refused as a replay. No usable answer: retry, or end unknown
                            return CompletableFuture.<BindResult>failedFuture(new TransportException("bindYb: the"
                                    + " reconciling query was refused as a replay (" + p.resultCode().code() + ")", p,
                                    true));
                        }
                        if (t instanceof PlatformException p && p.resultCode().equals(ResultCode.INVALID_DIGEST)) {
                            // the query is a GET: an HTTP stack re-sent it with the same nonce after its answer was
                            // lost, and the copy was refused as a replay. No usable answer: retry, or end unknown
                            return CompletableFuture.<BindResult>failedFuture(new TransportException("bindYb: the"
                                    + " reconciling query was refused as a replay (" + p.resultCode().code() + ")", p,
                                    true));
                        }
                        return CompletableFuture.<BindResult>failedFuture(t);
                    })
                    .thenCompose(f -> f);
        });
    }

    /**
     * Binds B again after the reconciling query did not find it. An earlier attempt delayed on its way may still land
     * between that query and this bind, which the platform then refuses with {@code 1012010} (relation exists): look
     * once more, and return B's binding if it is there now.
     */
    private CompletableFuture<BindResult> bindAgain(CallRunner.Attempt a, WireRequest bind, WireRequest query,
            SubscriptionId id, PhoneNumber b) {
        return a.exchange(bind, "bindYb", answers::bindResult).handle((result, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(result);
            }
            Throwable t = RetryRules.unwrap(error);
            if (!(t instanceof PlatformException p && p.resultCode().equals(ResultCode.RELATION_EXISTS))) {
                return CompletableFuture.<BindResult>failedFuture(t);
            }
            return a.exchange(query, "bindYb/reconcile", r -> answers.relations(r, id)).thenCompose(relations -> {
                Optional<BindResult> existing = alreadyBound(relations, id, b);
                if (existing.isPresent()) {
                    LOG.debug("bindYb attempt {}: an earlier attempt bound B {} under {} after all", a.number(), b, id);
                    return CompletableFuture.completedFuture(existing.get());
                }
                return CompletableFuture.<BindResult>failedFuture(t);
            });
        }).thenCompose(f -> f);
    }

    private static Optional<BindResult> alreadyBound(List<Relation> relations, SubscriptionId id, PhoneNumber b) {
        for (Relation r : relations) {
            if (r.numB().filter(b::equals).isPresent() && r.numY().isPresent()) {
                return Optional.of(BindResult.of(id, r.numY().get()));
            }
        }
        return Optional.empty();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void unbind(SubscriptionId subscriptionId) {
        call(Operation.UNBIND, () -> unbindAsync(subscriptionId));
    }

    /**
     * Non-blocking {@link #unbind(SubscriptionId)}.
     *
     * @param subscriptionId the binding to remove
     * @return completes when done; fails with the exceptions of {@link #unbind(SubscriptionId)}
     * @throws InvalidValueException at once if {@code subscriptionId} is {@code null}
     * @throws IllegalStateException at once if the client is closed
     */
    public CompletableFuture<Void> unbindAsync(SubscriptionId subscriptionId) {
        required("subscriptionId", subscriptionId);
        return unbindCall(wire.unbind(subscriptionId, null, null));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void unbindY(SubscriptionId subscriptionId, PhoneNumber yNum) {
        call(Operation.UNBIND_Y, () -> unbindYAsync(subscriptionId, yNum));
    }

    /**
     * Non-blocking {@link #unbindY(SubscriptionId, PhoneNumber)}.
     *
     * @param subscriptionId the AX binding
     * @param yNum the Y whose YB binding to remove
     * @return completes when done; fails with the exceptions of {@link #unbindY(SubscriptionId, PhoneNumber)}
     * @throws InvalidValueException at once if an argument is {@code null}
     * @throws IllegalStateException at once if the client is closed
     */
    public CompletableFuture<Void> unbindYAsync(SubscriptionId subscriptionId, PhoneNumber yNum) {
        required("subscriptionId", subscriptionId);
        required("yNum", yNum);
        return unbindCall(wire.unbind(subscriptionId, yNum, null));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void unbindB(SubscriptionId subscriptionId, PhoneNumber bNum) {
        call(Operation.UNBIND_B, () -> unbindBAsync(subscriptionId, bNum));
    }

    /**
     * Non-blocking {@link #unbindB(SubscriptionId, PhoneNumber)}.
     *
     * @param subscriptionId the AX binding
     * @param bNum the B whose YB binding to remove
     * @return completes when done; fails with the exceptions of {@link #unbindB(SubscriptionId, PhoneNumber)}
     * @throws InvalidValueException at once if an argument is {@code null}
     * @throws IllegalStateException at once if the client is closed
     */
    public CompletableFuture<Void> unbindBAsync(SubscriptionId subscriptionId, PhoneNumber bNum) {
        required("subscriptionId", subscriptionId);
        required("bNum", bNum);
        return unbindCall(wire.unbind(subscriptionId, null, bNum));
    }

    private CompletableFuture<Void> unbindCall(WireRequest req) {
        Operation op = req.operation();
        return run(op, a -> {
            boolean earlierUnknown = a.earlierOutcomeUnknown();
            return a.exchange(req, op.label(), r -> {
                try {
                    answers.empty(r);
                } catch (PlatformException p) {
                    if (earlierUnknown && p.resultCode().equals(ResultCode.BINDING_NOT_FOUND)) {
                        // an earlier attempt whose answer was lost removed it
                        LOG.debug("{} attempt {}: binding not found after an earlier attempt that may have removed "
                                + "it; counted as done", op, a.number());
                        return null;
                    }
                    throw p;
                }
                return (Void) null;
            });
        });
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<Relation> query(SubscriptionId subscriptionId) {
        return call(Operation.QUERY, () -> queryAsync(subscriptionId));
    }

    /**
     * Non-blocking {@link #query(SubscriptionId)}.
     *
     * @param subscriptionId the binding to look up
     * @return its relations; fails with the exceptions of {@link #query(SubscriptionId)}
     * @throws InvalidValueException at once if {@code subscriptionId} is {@code null}
     * @throws IllegalStateException at once if the client is closed
     */
    public CompletableFuture<List<Relation>> queryAsync(SubscriptionId subscriptionId) {
        required("subscriptionId", subscriptionId);
        WireRequest req = wire.query(subscriptionId);
        return run(Operation.QUERY, a -> a.exchange(req, "query", r -> answers.relations(r, subscriptionId)));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<Relation> queryByX(PhoneNumber x) {
        return call(Operation.QUERY_BY_X, () -> queryByXAsync(x));
    }

    /**
     * Non-blocking {@link #queryByX(PhoneNumber)}.
     *
     * @param x the privacy number X
     * @return its relations; fails with the exceptions of {@link #queryByX(PhoneNumber)}
     * @throws InvalidValueException at once if {@code x} is {@code null}
     * @throws IllegalStateException at once if the client is closed
     */
    public CompletableFuture<List<Relation>> queryByXAsync(PhoneNumber x) {
        required("relationNum", x);
        WireRequest req = wire.queryByX(x);
        return run(Operation.QUERY_BY_X, a -> a.exchange(req, "queryByX", r -> answers.relations(r, null)));
    }

    // ---------------------------------------------------------------- recordings

    /**
     * {@inheritDoc}
     */
    @Override
    public RecordingUrl downloadUrl(RecordingReference reference) {
        return call(Operation.DOWNLOAD_URL, () -> downloadUrlAsync(reference));
    }

    /**
     * Non-blocking {@link #downloadUrl(RecordingReference)}. The redirect is never followed.
     *
     * @param reference the recording
     * @return the download URL, exactly as the platform sent it; fails with the exceptions of
     *     {@link #downloadUrl(RecordingReference)}
     * @throws InvalidValueException at once if {@code reference} is {@code null}
     * @throws IllegalStateException at once if the client is closed
     */
    public CompletableFuture<RecordingUrl> downloadUrlAsync(RecordingReference reference) {
        required("reference", reference);
        WireRequest req = wire.downloadUrl(reference);
        return run(Operation.DOWNLOAD_URL, a -> a.exchange(req, "downloadUrl", answers::recordingUrl));
    }

    // ---------------------------------------------------------------- calls

    /**
     * {@inheritDoc}
     */
    @Override
    public void stopCall(SessionId sessionId) {
        call(Operation.STOP_CALL, () -> stopCallAsync(sessionId));
    }

    /**
     * Non-blocking {@link #stopCall(SessionId)}.
     *
     * @param sessionId the call
     * @return completes when the platform accepted; fails with the exceptions of {@link #stopCall(SessionId)}
     * @throws InvalidValueException at once if {@code sessionId} is {@code null}
     * @throws IllegalStateException at once if the client is closed
     */
    public CompletableFuture<Void> stopCallAsync(SessionId sessionId) {
        required("sessionId", sessionId);
        WireRequest req = wire.stopCall(sessionId);
        return run(Operation.STOP_CALL, a -> a.exchange(req, "stopCall", r -> {
            answers.empty(r);
            return (Void) null;
        }));
    }

    // ---------------------------------------------------------------- plumbing

    private <T> CompletableFuture<T> run(Operation op, CallRunner.AttemptBody<T> body) {
        if (closed.get()) {
            throw new IllegalStateException("the client is closed");
        }
        return runner.run(op, body);
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
    }

    /**
     * Runs a call synchronously: the transport may use this thread, idle while it waits, for its blocking work and
     * completions ({@link WaitingCaller}); our exceptions come out unwrapped, an interrupt cancels the call.
     */
    private static <T> T call(Operation op, java.util.function.Supplier<CompletableFuture<T>> start) {
        if (Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread) {
            // a pool worker waits through get(), which lets its pool add a spare thread meanwhile
            return await(op, start.get());
        }
        WaitingCaller caller = new WaitingCaller();
        CompletableFuture<T> future = caller.start(start);
        try {
            caller.runUntilDone(future);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw interrupted(op, e);
        } catch (RuntimeException | Error e) {
            future.cancel(true);
            throw e;
        } finally {
            caller.stopWaiting();
        }
        return await(op, future);
    }

    /** Waits for a call; our exceptions come out unwrapped, an interrupt cancels the call. */
    private static <T> T await(Operation op, CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw interrupted(op, e);
        } catch (ExecutionException e) {
            Throwable t = RetryRules.unwrap(e);
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new TransportException(op.label() + ": " + t.getClass().getSimpleName(), t, true);
        }
    }

    private static RuntimeException interrupted(Operation op, InterruptedException e) {
        TransportException te = new TransportException(op.label() + ": interrupted while waiting for the answer", e,
                true);
        return op == Operation.BIND_AX || op == Operation.BIND_YB ? new OutcomeUnknownException(op.label(), te) : te;
    }

    /**
     * Stops accepting calls, shuts the scheduler down (backoff waits already scheduled still run) and closes the
     * transport if this client created it. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdown();
        if (ownsTransport) {
            try {
                transport.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the {} transport failed: {}", transportName, e.toString());
            }
        }
    }

    /**
     * @return the endpoint, app key and transport; never the secret
     */
    @Override
    public String toString() {
        return "PrivateNumberClient[endpoint=" + endpoint + ", appKey=" + appKey + ", transport=" + transportName
                + (ownsTransport ? "" : " (not owned)") + (closed.get() ? ", closed" : "") + "]";
    }

    /**
     * Configures a {@link PrivateNumberClient}. Not thread-safe. Every setter validates at once and throws
     * {@link InvalidValueException} naming the option; {@link #build()} checks the combination.
     *
     * <p>The transport is, in this order: the one given to {@link #transport(HttpTransport)} (the client never
     * closes it), one made by the factory given to {@link #transportFactory(HttpTransportFactory)}, or one made by
     * the {@link HttpTransportFactory} with the highest priority found through {@link java.util.ServiceLoader}
     * (Apache HttpClient 5 before the JDK). The connection options (connect timeout, max connections, proxy, trust
     * store) configure a transport the client makes; combined with {@code transport(..)} they are rejected.
     */
    public static final class Builder {
        private Endpoint endpoint = Endpoint.of(DEFAULT_ENDPOINT);
        private AppCredentials credentials;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private Duration overallTimeout = DEFAULT_OVERALL_TIMEOUT;
        private RetryOptions retry = RetryOptions.defaults();
        private HttpTransport transport;
        private HttpTransportFactory transportFactory;
        private final TransportOptions.Builder transportOptions = TransportOptions.builder();
        private String transportOptionSet;
        private Clock clock = Clock.systemUTC();
        private NonceSource nonceSource;

        private Builder() {
        }

        /**
         * @param endpoint the platform's base URL (the console shows it per app), default
         *     {@code https://rtcpns.cn-north-1.myhuaweicloud.com}: absolute {@code https}, no query, no fragment, no
         *     user info; a path prefix is kept. Plain {@code http} is accepted only for a loopback host
         *     ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}), such as the local simulator.
         * @return this builder
         * @throws InvalidValueException naming {@code endpoint} otherwise
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Endpoint.of(endpoint);
            return this;
        }

        /**
         * @param endpoint the platform's base URL as text; see {@link #endpoint(URI)}
         * @return this builder
         * @throws InvalidValueException naming {@code endpoint} when it is not acceptable
         */
        public Builder endpoint(String endpoint) {
            this.endpoint = Endpoint.of(endpoint);
            return this;
        }

        /**
         * @param credentials the app's key and secret (required)
         * @return this builder
         * @throws InvalidValueException naming {@code credentials} if {@code null}
         */
        public Builder credentials(AppCredentials credentials) {
            required("credentials", credentials);
            this.credentials = credentials;
            return this;
        }

        /**
         * @param appKey the app key
         * @param appSecret the app secret
         * @return this builder
         * @throws InvalidValueException naming {@code appKey} or {@code appSecret} when invalid
         */
        public Builder credentials(String appKey, String appSecret) {
            this.credentials = AppCredentials.of(appKey, appSecret);
            return this;
        }

        /**
         * @param timeout time to establish a connection (TCP and TLS), default 5 s; positive, at most 10 minutes
         * @return this builder
         * @throws InvalidValueException naming {@code connectTimeout} when out of range
         */
        public Builder connectTimeout(Duration timeout) {
            required("connectTimeout", timeout);
            transportOptions.connectTimeout(timeout);
            transportOptionSet = "connectTimeout";
            return this;
        }

        /**
         * @param timeout the longest wait for one answer, default 10 s; 1 ms to 10 minutes
         * @return this builder
         * @throws InvalidValueException naming {@code responseTimeout} when out of range
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = checkTimeout("responseTimeout", timeout, Duration.ofMinutes(10));
            return this;
        }

        /**
         * @param timeout the longest time for a whole call, every attempt and backoff included, default 30 s;
         *     1 ms to 1 hour, and not below the response timeout (checked by {@link #build()})
         * @return this builder
         * @throws InvalidValueException naming {@code overallTimeout} when out of range
         */
        public Builder overallTimeout(Duration timeout) {
            this.overallTimeout = checkTimeout("overallTimeout", timeout, Duration.ofHours(1));
            return this;
        }

        /**
         * @param max the most connections to the platform, default 64; 1–10,000
         * @return this builder
         * @throws InvalidValueException naming {@code maxConnections} when out of range
         */
        public Builder maxConnections(int max) {
            transportOptions.maxConnections(max);
            transportOptionSet = "maxConnections";
            return this;
        }

        /**
         * @param proxy an HTTP proxy (CONNECT for https), with optional Basic credentials
         * @return this builder
         * @throws InvalidValueException naming {@code proxy} if {@code null}
         */
        public Builder proxy(ProxySettings proxy) {
            required("proxy", proxy);
            transportOptions.proxy(proxy);
            transportOptionSet = "proxy";
            return this;
        }

        /**
         * Trusts the certificates of this key store instead of the JDK's default anchors (a private CA, the
         * simulator's self-signed certificate). Certificate and host name verification stay on; there is no way to
         * switch them off.
         *
         * @param trustStore a loaded key store holding at least one certificate
         * @return this builder
         * @throws InvalidValueException naming {@code trustStore} if it is {@code null}, not loaded or holds no
         *     certificate
         */
        public Builder trustStore(KeyStore trustStore) {
            required("trustStore", trustStore);
            checkTrustStore(trustStore);
            transportOptions.trustStore(trustStore);
            transportOptionSet = "trustStore";
            return this;
        }

        /**
         * @param options how to retry, default {@link RetryOptions#defaults()}; {@link RetryOptions#none()} turns
         *     retries off
         * @return this builder
         * @throws InvalidValueException naming {@code retry} if {@code null}
         */
        public Builder retry(RetryOptions options) {
            required("retry", options);
            this.retry = options;
            return this;
        }

        /**
         * Uses this transport. The client never closes it: its owner does, after closing the client.
         *
         * @param transport the transport
         * @return this builder
         * @throws InvalidValueException naming {@code transport} if {@code null}
         */
        public Builder transport(HttpTransport transport) {
            required("transport", transport);
            this.transport = transport;
            return this;
        }

        /**
         * Makes the transport with this factory (the client then owns and closes it) instead of looking one up.
         *
         * @param factory the factory
         * @return this builder
         * @throws InvalidValueException naming {@code transportFactory} if {@code null}
         */
        public Builder transportFactory(HttpTransportFactory factory) {
            required("transportFactory", factory);
            this.transportFactory = factory;
            return this;
        }

        /**
         * @param clock where the signature's {@code Created} comes from (tests); only its instant is used. Timeouts
         *     and backoff use the JVM's monotonic clock.
         * @return this builder
         * @throws InvalidValueException naming {@code clock} if {@code null}
         */
        public Builder clock(Clock clock) {
            required("clock", clock);
            this.clock = clock;
            return this;
        }

        /**
         * @param nonceSource where nonces come from (tests), default {@link NonceSource#secureRandom()}; must never
         *     repeat a value
         * @return this builder
         * @throws InvalidValueException naming {@code nonceSource} if {@code null}
         */
        public Builder nonceSource(NonceSource nonceSource) {
            required("nonceSource", nonceSource);
            this.nonceSource = nonceSource;
            return this;
        }

        /**
         * @return the client; close it when done
         * @throws InvalidValueException naming the option when the combination is not valid: no credentials, an
         *     overall timeout below the response timeout, both a transport and a factory, connection options with a
         *     given transport, or ({@code transport}) no transport found on the class path
         */
        public PrivateNumberClient build() {
            if (credentials == null) {
                throw new InvalidValueException("credentials", "is required");
            }
            if (overallTimeout.compareTo(responseTimeout) < 0) {
                throw new InvalidValueException("overallTimeout", "must not be below responseTimeout ("
                        + responseTimeout + "), got " + overallTimeout);
            }
            if (transport != null && transportFactory != null) {
                throw new InvalidValueException("transport", "set either transport(..) or transportFactory(..), not both");
            }
            if (transport != null && transportOptionSet != null) {
                throw new InvalidValueException(transportOptionSet, "configures a transport the client creates; "
                        + "configure the transport given to transport(..) instead");
            }
            // fails early on an app key that cannot be signed
            AkskSigner.of(credentials, clock, () -> "0");
            if (transport != null) {
                return new PrivateNumberClient(this, transport, false, transport.getClass().getSimpleName());
            }
            HttpTransportFactory factory = transportFactory != null ? transportFactory : TransportDiscovery.find(null);
            HttpTransport created = factory.create(transportOptions.build());
            if (created == null) {
                throw new IllegalStateException("the transport factory " + factory.name() + " returned null");
            }
            try {
                return new PrivateNumberClient(this, created, true, factory.name());
            } catch (RuntimeException e) {
                created.close();
                throw e;
            }
        }

        private static Duration checkTimeout(String field, Duration d, Duration max) {
            if (d == null) {
                throw new InvalidValueException(field, "is required");
            }
            if (d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(max) > 0) {
                throw new InvalidValueException(field, "must be 1 ms to " + max + ", got " + d);
            }
            return d;
        }

        private static void checkTrustStore(KeyStore ks) {
            try {
                boolean anyCertificate = false;
                for (Enumeration<String> e = ks.aliases(); e.hasMoreElements();) {
                    if (ks.getCertificate(e.nextElement()) != null) {
                        anyCertificate = true;
                        break;
                    }
                }
                if (!anyCertificate) {
                    throw new InvalidValueException("trustStore", "holds no certificate");
                }
            } catch (KeyStoreException e) {
                throw new InvalidValueException("trustStore", "is not loaded (call KeyStore.load first)");
            }
        }
    }
}
