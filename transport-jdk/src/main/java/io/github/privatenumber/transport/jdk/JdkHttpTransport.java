package io.github.privatenumber.transport.jdk;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.ProxySettings;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.client.spi.TransportResponse;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.TransportException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link HttpTransport} on {@code java.net.http.HttpClient}: HTTP/1.1, redirects never followed. Thread-safe. Made
 * by {@link JdkHttpTransportFactory} or {@link #create(TransportOptions)}.
 *
 * <h2>Threads</h2>
 * The JDK completes every {@code sendAsync} answer on {@code CompletableFuture}'s default executor. With a common
 * pool of parallelism 2 or more (three CPUs or more) that is the common pool, and this transport uses
 * {@code sendAsync}: no thread waits for an answer. With parallelism 1 (one or two CPUs) that executor starts a
 * <b>new thread for every answer</b>, which on two cores made a call cost several times a bare {@code send}; there
 * each request in flight instead runs the JDK's blocking {@code send} on one of this transport's own daemon threads
 * (at most {@code maxConnections}, created when needed and ended after 30 s idle), and the caller's future completes
 * on that thread.
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>Connect timeout: the client's {@code connectTimeout}. Response timeout: per request,
 *       {@link TransportRequest#responseTimeout()}, applied by the JDK until the answer's headers arrive; a guard
 *       of connect timeout + response timeout also covers waiting for a connection and reading the body.</li>
 *   <li>Max connections: the JDK client has no per-client pool limit, so this transport lets at most that many
 *       requests be in flight (HTTP/1.1: one connection each); the others wait in line, without a thread, within
 *       their own timeout. One that times out while waiting never left ({@code requestMayHaveBeenSent() == false}).</li>
 *   <li>Proxy: a {@link ProxySelector} for the one proxy (CONNECT for https). Credentials travel as a pre-emptive
 *       {@code Proxy-Authorization: Basic} header, which the JDK sends to the proxy only: on the CONNECT of an https
 *       tunnel and on plain-http requests through the proxy, and strips from requests inside a tunnel. No
 *       {@link java.net.Authenticator} is installed: with one, the JDK turns a server 401 without
 *       {@code WWW-Authenticate} (the platform's {@code 1010010} and {@code 1010013} answers) into an
 *       {@code IOException}, losing the result code; and it would offer credentials to servers too.
 *       <b>For https through a proxy that needs credentials</b> the JVM must allow Basic for tunnels: start it with
 *       {@code -Djdk.http.auth.tunneling.disabledSchemes=} (the JDK's default disables Basic there and drops the
 *       header, and the proxy answers 407). This transport logs a warning when it sees that combination. The
 *       Apache HttpClient 5 transport has no such restriction.</li>
 *   <li>Trust store: an {@link SSLContext} whose trust managers come from {@link TrustManagerFactory} over the given
 *       key store, replacing the JDK's anchors. Certificate and host name verification stay on; nothing here can
 *       switch them off.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * Completed exceptionally with a {@link TransportException}:
 * <ul>
 *   <li>{@code requestMayHaveBeenSent() == false}: connection refused, no route, unknown host, connect timeout (one
 *       reported before the response timeout ran out; the JDK 17 client also reports a response timeout as a connect
 *       timeout, even after the request was written),
 *       TLS handshake failure (the request is written only after the handshake), no free connection in time, a
 *       request the JDK client refuses to build, the transport closed;</li>
 *   <li>{@code true}: everything after the connection was established: reset, closed without an answer,
 *       {@code "timed out after … ms"} waiting for the answer, cancellation.</li>
 * </ul>
 *
 * <h2>The JDK client's own retries</h2>
 * {@code java.net.http} silently repeats a request once in two cases (JDK 17 {@code MultiExchange}):
 * <ol>
 *   <li>after a {@link ConnectException}, for every method: nothing was sent, so this is harmless (it only doubles
 *       the connect attempts; {@code -Djdk.httpclient.disableRetryConnect=true} turns it off);</li>
 *   <li>when the connection closes or resets before a single byte of the answer arrived, <b>for GET (and HEAD)
 *       only</b>: the same request, with the same headers, is sent again on a new connection. POST and DELETE are
 *       never re-sent this way (unless {@code -Djdk.httpclient.enableAllMethodRetry} is set, which nobody should do),
 *       so an AX bind can never be duplicated by the JDK and an unbind is not repeated either.</li>
 * </ol>
 * The GET re-send matters for one reason: the copy carries the same nonce, so a platform that had processed the
 * first copy refuses the second as a replay (the simulator answers 401 {@code 1010010}). The GETs (query, recording
 * URL) change nothing, so nothing happens twice; the client retries a {@code 1010010} answer to a GET or DELETE once
 * with a fresh signature, which turns this case back into a success. If the re-sent GET fails to connect, the
 * failure reads "not sent" although the first copy was sent; harmless for a GET, and impossible for POST and DELETE.
 *
 * <h2>Closing</h2>
 * {@link #close()} refuses new requests and ends every pending one at once with a {@link TransportException}:
 * {@code requestMayHaveBeenSent() == true} once its exchange had started, {@code false} while it still waited for a
 * free connection. Started JDK exchanges are cancelled ({@code CompletableFuture.cancel(true)}, which since Java 16
 * aborts the exchange and closes its connection), and the guard timer thread stops. {@code HttpClient} itself has
 * no {@code close()} before Java 21: the reference is dropped so its selector thread ends once it has nothing left
 * to do; on Java 21 and later its {@code shutdown()} is also called.
 */
public final class JdkHttpTransport implements HttpTransport {

    private static final System.Logger LOG = System.getLogger(JdkHttpTransport.class.getName());
    private static final long GUARD_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private volatile HttpClient client;
    private final Duration connectTimeout;
    private final int maxConnections;
    private final Permits permits;
    private final String proxyAuthorization;
    private final ScheduledThreadPoolExecutor timer;
    /** Runs the blocking sends: one thread per request in flight, at most maxConnections; null: sendAsync. */
    private final ThreadPoolExecutor senders;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Requests not yet answered, each with its JDK exchange once started: {@link #close()} ends them. */
    private final Map<CompletableFuture<TransportResponse>, Pending> pending = new ConcurrentHashMap<>();

    /**
     * Markers in a request's exchange slot. The slot moves once from {@code null} to {@link #STARTING} (the request
     * is about to be handed to the JDK, and then to its exchange) or to {@link #ABANDONED} (it was ended first and
     * will never be sent), so "was it sent?" has one answer even when a timeout or {@link #close()} races with the
     * start. Never completed or cancelled.
     */
    private static final CompletableFuture<HttpResponse<byte[]>> STARTING = new CompletableFuture<>();
    private static final CompletableFuture<HttpResponse<byte[]>> ABANDONED = new CompletableFuture<>();

    /** A request not answered yet, and its JDK exchange once it has started. */
    private record Pending(TransportRequest request,
            AtomicReference<CompletableFuture<HttpResponse<byte[]>>> exchange) {
    }

    private JdkHttpTransport(HttpClient client, TransportOptions options, String proxyAuthorization,
            boolean blockingSend) {
        this.client = client;
        this.connectTimeout = options.connectTimeout();
        this.maxConnections = options.maxConnections();
        this.permits = new Permits(maxConnections);
        this.proxyAuthorization = proxyAuthorization;
        String name = "privatenumber-jdk-transport-" + Integer.toHexString(System.identityHashCode(this));
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
        // a guard that becomes the queue's earliest wakes the timer thread; a no-op due every second stays earlier
        // than any guard, so requests one at a time do not each cost a wake-up
        this.timer.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.SECONDS);
        if (blockingSend) {
            AtomicInteger senderCount = new AtomicInteger();
            this.senders = new ThreadPoolExecutor(maxConnections, maxConnections, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, name + "-send-" + senderCount.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            this.senders.allowCoreThreadTimeOut(true);
        } else {
            this.senders = null;
        }
        this.description = "JdkHttpTransport[connectTimeout=" + connectTimeout.toMillis() + " ms, maxConnections="
                + maxConnections + ", proxy=" + options.proxy().map(p -> p.host() + ":" + p.port()).orElse("none")
                + ", customTrustStore=" + options.trustStore().isPresent() + "]";
    }

    /**
     * @param options connection settings
     * @return a new transport; close it when done
     * @throws InvalidValueException naming {@code trustStore} if no TLS context can be built from it
     */
    public static JdkHttpTransport create(TransportOptions options) {
        return create(options, ForkJoinPool.getCommonPoolParallelism() <= 1);
    }

    /**
     * @param blockingSend {@code true}: blocking {@code send} on the transport's threads; {@code false}:
     *     {@code sendAsync} (see "Threads" in the class documentation)
     */
    static JdkHttpTransport create(TransportOptions options, boolean blockingSend) {
        Objects.requireNonNull(options, "options");
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout());
        String proxyAuthorization = null;
        if (options.proxy().isPresent()) {
            ProxySettings p = options.proxy().get();
            b.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(p.host(), p.port())));
            if (p.username() != null) {
                proxyAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                        (p.username() + ":" + p.password()).getBytes(StandardCharsets.UTF_8));
                warnIfBasicTunnellingDisabled();
            }
        }
        if (options.trustStore().isPresent()) {
            b.sslContext(sslContext(options.trustStore().get()));
        }
        return new JdkHttpTransport(b.build(), options, proxyAuthorization, blockingSend);
    }

    private static SSLContext sslContext(KeyStore trustStore) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new InvalidValueException("trustStore", "cannot build a TLS context from it: " + e.getClass().getSimpleName());
        }
    }

    private static void warnIfBasicTunnellingDisabled() {
        String disabled = System.getProperty("jdk.http.auth.tunneling.disabledSchemes");
        // unset: the JDK's net.properties applies, which disables Basic for tunnels
        boolean basicDisabled = disabled == null || disabled.toLowerCase(java.util.Locale.ROOT).contains("basic");
        if (basicDisabled) {
            LOG.log(System.Logger.Level.WARNING, "proxy credentials are set, but this JVM does not send Basic "
                    + "credentials on an https tunnel (CONNECT): https requests will get 407 from the proxy. "
                    + "Start the JVM with -Djdk.http.auth.tunneling.disabledSchemes= or use the Apache HttpClient 5 "
                    + "transport (privatenumber-transport-httpclient).");
        }
    }

    @Override
    public CompletableFuture<TransportResponse> execute(TransportRequest request) {
        return start(request, null);
    }

    /**
     * Sends one request for a caller that waits on its own thread: the JDK's blocking {@code send} runs on that
     * thread (as a plain {@code HttpClient.send} would), in either mode, once a connection permit is free. Timeouts,
     * cancellation and {@link #close()} end it by interrupting that thread; such an interrupt is cleared afterwards,
     * while an interrupt of the caller's own is kept.
     */
    @Override
    public CompletableFuture<TransportResponse> execute(TransportRequest request, Executor waitingCaller) {
        return start(request, Objects.requireNonNull(waitingCaller, "waitingCaller"));
    }

    /** @param waitingCaller runs the blocking send; {@code null}: the transport's own threads or {@code sendAsync} */
    private CompletableFuture<TransportResponse> start(TransportRequest request, Executor waitingCaller) {
        Objects.requireNonNull(request, "request");
        HttpClient c = client;
        if (closed.get() || c == null) {
            return CompletableFuture.failedFuture(new TransportException("the JDK transport is closed", null, false));
        }
        HttpRequest jdkRequest;
        try {
            jdkRequest = toJdk(request);
        } catch (IllegalArgumentException e) {
            // the JDK's message may quote a header value (a signature): keep it out
            return CompletableFuture.failedFuture(new TransportException(what(request)
                    + ": the JDK HTTP client refused to build the request (" + e.getClass().getSimpleName() + ")",
                    null, false));
        }
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<HttpResponse<byte[]>>> inFlight = new AtomicReference<>();
        pending.put(result, new Pending(request, inFlight));
        result.whenComplete((v, e) -> pending.remove(result));
        if (closed.get()) {
            // close() ran after the first check and may have missed this request: end it here
            result.completeExceptionally(closedFailure(request, false));
            return result;
        }
        CompletableFuture<Void> permit = permits.acquire();
        ScheduledFuture<?> guard;
        try {
            long guardNanos = connectTimeout.toNanos() + request.responseTimeout().toNanos() + GUARD_SLACK_NANOS;
            guard = timer.schedule(() -> onGuard(request, result, inFlight), guardNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            permit.cancel(false);
            releaseIfGranted(permit);
            result.completeExceptionally(closedFailure(request, false));
            return result;
        }
        result.whenComplete((v, e) -> {
            guard.cancel(false);
            if (e != null) {
                // timed out, closed or cancelled by the caller: stop waiting for a permit, abort the exchange
                permit.cancel(false);
                cancelExchange(inFlight.get());
            }
        });
        permit.whenComplete((granted, notGranted) -> {
            if (notGranted != null) {
                return;
            }
            if (result.isDone()) {
                permits.release();
                return;
            }
            send(c, request, jdkRequest, result, inFlight, waitingCaller);
        });
        return result;
    }

    private void send(HttpClient c, TransportRequest request, HttpRequest jdkRequest,
            CompletableFuture<TransportResponse> result,
            AtomicReference<CompletableFuture<HttpResponse<byte[]>>> inFlight, Executor waitingCaller) {
        if (closed.get() || !inFlight.compareAndSet(null, STARTING)) {
            // ended (timed out or closed) as "not sent" a moment ago: keep it that way
            permits.release();
            return;
        }
        CompletableFuture<HttpResponse<byte[]>> f;
        long started = System.nanoTime();
        if (waitingCaller != null || senders != null) {
            BlockingExchange blocking = new BlockingExchange(c, jdkRequest, waitingCaller != null);
            try {
                (waitingCaller != null ? waitingCaller : senders).execute(blocking);
            } catch (RejectedExecutionException e) {
                permits.release();
                result.completeExceptionally(closedFailure(request, false));
                return;
            }
            f = blocking;
        } else {
            try {
                f = c.sendAsync(jdkRequest, HttpResponse.BodyHandlers.ofByteArray());
            } catch (RuntimeException e) {
                permits.release();
                result.completeExceptionally(failure(request, e, System.nanoTime() - started));
                return;
            }
        }
        inFlight.set(f);
        if (result.isDone()) {
            f.cancel(true);
        }
        f.whenComplete((response, error) -> {
            permits.release();
            if (error != null) {
                result.completeExceptionally(failure(request, error, System.nanoTime() - started));
                return;
            }
            try {
                byte[] body = response.body();
                result.complete(new TransportResponse(response.statusCode(), response.headers().map(),
                        body == null ? new byte[0] : body));
            } catch (RuntimeException e) {
                result.completeExceptionally(new TransportException(what(request) + ": the answer is not valid HTTP ("
                        + e.getClass().getSimpleName() + ")", e, true));
            }
        });
    }

    private void onGuard(TransportRequest request, CompletableFuture<TransportResponse> result,
            AtomicReference<CompletableFuture<HttpResponse<byte[]>>> inFlight) {
        boolean started = !inFlight.compareAndSet(null, ABANDONED);
        String message = started
                ? what(request) + ": timed out after " + (connectTimeout.toMillis() + request.responseTimeout().toMillis())
                        + " ms without a complete answer"
                : what(request) + ": timed out after " + (connectTimeout.toMillis() + request.responseTimeout().toMillis())
                        + " ms waiting for a free connection (maxConnections " + maxConnections + ")";
        result.completeExceptionally(new TransportException(message, null, started));
    }

    private static TransportException closedFailure(TransportRequest request, boolean started) {
        return started
                ? new TransportException(what(request) + ": the JDK transport was closed before the answer arrived; "
                        + "the request may have reached the server", null, true)
                : new TransportException(what(request) + ": the JDK transport is closed", null, false);
    }

    /** Aborts a started JDK exchange (closing its connection); nothing for the markers. */
    private static void cancelExchange(CompletableFuture<HttpResponse<byte[]>> exchange) {
        if (exchange != null && exchange != STARTING && exchange != ABANDONED && !exchange.isDone()) {
            exchange.cancel(true);
        }
    }

    private void releaseIfGranted(CompletableFuture<Void> permit) {
        if (permit.isDone() && !permit.isCompletedExceptionally()) {
            permits.release();
        }
    }

    private HttpRequest toJdk(TransportRequest r) {
        HttpRequest.Builder b = HttpRequest.newBuilder(r.uri())
                .timeout(r.responseTimeout())
                .expectContinue(false);
        b.method(r.method(), r.bodyLength() == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(r.body()));
        r.headers().forEach(b::header);
        if (proxyAuthorization != null) {
            b.header("Proxy-Authorization", proxyAuthorization);
        }
        return b.build();
    }

    /**
     * Maps a failure of {@code sendAsync} to a {@link TransportException} that says whether the request left.
     *
     * @param elapsedNanos time since {@code sendAsync} was called
     */
    TransportException failure(TransportRequest request, Throwable error, long elapsedNanos) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String what = what(request);
        if (t instanceof TransportException te) {
            return te;
        }
        if (t instanceof HttpConnectTimeoutException
                && elapsedNanos < request.responseTimeout().toNanos()) {
            return new TransportException(what + ": connect timed out after " + connectTimeout.toMillis() + " ms to "
                    + authority(request.uri()), t, false);
        }
        if (t instanceof HttpConnectTimeoutException) {
            // Once the response timeout has run out this came from the response timer, not the connect timer: the
            // JDK 17 client labels a response timeout "HTTP connect timed out" when it cannot see its connection as
            // connected, even after the request was written (seen under CPU starvation on a client's first
            // request). Only the connect timer, which runs while connecting, proves nothing was sent.
            return new TransportException(what + ": timed out after " + request.responseTimeout().toMillis()
                    + " ms without an answer (the JDK reported a connect timeout)", t, true);
        }
        if (t instanceof HttpTimeoutException) {
            return new TransportException(what + ": timed out after " + request.responseTimeout().toMillis()
                    + " ms without an answer", t, true);
        }
        if (causedBy(t, UnresolvedAddressException.class) || causedBy(t, UnknownHostException.class)) {
            return new TransportException(what + ": unknown host " + authority(request.uri()), t, false);
        }
        if (causedBy(t, ConnectException.class) || causedBy(t, NoRouteToHostException.class)) {
            return new TransportException(what + ": could not connect to " + authority(request.uri()) + " ("
                    + describe(t) + ")", t, false);
        }
        if (causedBy(t, SSLHandshakeException.class)) {
            return new TransportException(what + ": TLS handshake with " + authority(request.uri()) + " failed ("
                    + describe(t) + "); is the server's certificate trusted?", t, false);
        }
        if (t instanceof CancellationException) {
            return new TransportException(what + ": cancelled", t, true);
        }
        if (t instanceof IllegalArgumentException) {
            return new TransportException(what + ": the JDK HTTP client refused the request ("
                    + t.getClass().getSimpleName() + ")", null, false);
        }
        return new TransportException(what + ": no answer (" + describe(t) + ")", t, true);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + Masking.maskText(m));
    }

    /** Method and path: never the query (it carries numbers and the app key). */
    private static String what(TransportRequest r) {
        return r.method() + " " + r.uri().getRawPath();
    }

    private static String authority(URI uri) {
        return uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /**
     * Refuses new requests, ends the requests still pending with a {@link TransportException} (as "may have been
     * sent" once their exchange had started, "not sent" while they waited for a free connection) and cancels their
     * JDK exchanges, which closes those connections; stops the guard timer and releases the JDK client (see the
     * class documentation). Returns without waiting for the network. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        HttpClient c = client;
        client = null;
        List<Map.Entry<CompletableFuture<TransportResponse>, Pending>> left = List.copyOf(pending.entrySet());
        // first settle which requests never started (a cancelled exchange frees its permit for the next in line,
        // which must then find its slot taken), then end them all
        boolean[] started = new boolean[left.size()];
        for (int i = 0; i < left.size(); i++) {
            started[i] = !left.get(i).getValue().exchange().compareAndSet(null, ABANDONED);
        }
        for (int i = 0; i < left.size(); i++) {
            Pending each = left.get(i).getValue();
            // failing the caller's future also gives up its wait for a permit, its guard and its exchange (execute)
            left.get(i).getKey().completeExceptionally(closedFailure(each.request(), started[i]));
            cancelExchange(each.exchange().get());
        }
        timer.shutdownNow();
        if (senders != null) {
            // interrupting a blocking send cancels its JDK exchange (already ended above)
            senders.shutdownNow();
        }
        if (c != null) {
            try {
                // Java 21+: HttpClient.shutdown() lets requests in flight finish and accepts no new ones
                HttpClient.class.getMethod("shutdown").invoke(c);
            } catch (NoSuchMethodException e) {
                // Java 17-20: no close(); the client is released when unreachable
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "HttpClient.shutdown() failed: " + e);
            }
        }
    }

    /**
     * One blocking {@code send} as a future: run on a sender thread; {@code cancel(true)} interrupts that thread,
     * which makes the JDK cancel the exchange and close its connection.
     */
    private static final class BlockingExchange extends CompletableFuture<HttpResponse<byte[]>> implements Runnable {
        private final HttpClient client;
        private final HttpRequest request;
        /** Runs on a waiting caller's thread, whose own interrupts must survive the send. */
        private final boolean callersThread;
        /** The thread running the send; guarded by this. */
        private Thread runner;
        /** Whether {@link #cancel} interrupted the runner; guarded by this. */
        private boolean interruptedByCancel;

        BlockingExchange(HttpClient client, HttpRequest request, boolean callersThread) {
            this.client = client;
            this.request = request;
            this.callersThread = callersThread;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (isDone()) {
                    return;
                }
                runner = Thread.currentThread();
            }
            boolean interrupted = false;
            try {
                complete(client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
            } catch (InterruptedException e) {
                interrupted = true;
                completeExceptionally(e);
            } catch (Throwable t) {
                completeExceptionally(t);
            } finally {
                boolean ours;
                synchronized (this) {
                    runner = null;
                    ours = interruptedByCancel;
                }
                // an interrupt aimed at this send must not reach the thread's next task; one of the caller's own
                // (the caller gave up waiting) must reach the caller
                interrupted |= Thread.interrupted();
                if (interrupted && callersThread && !ours) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            synchronized (this) {
                // only a send still running; an interrupt already pending is the caller's own and stays theirs
                if (cancelled && runner != null) {
                    interruptedByCancel = !runner.isInterrupted();
                    runner.interrupt();
                }
            }
            return cancelled;
        }
    }

    int permitsInUse() {
        return permits.inUse();
    }

    int permitsWaiting() {
        return permits.waiting();
    }

    @Override
    public String toString() {
        return description + (closed.get() ? " (closed)" : "");
    }
}
