package io.github.privatenumber.transport.httpclient;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.ProxySettings;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.client.spi.TransportResponse;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.TransportException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.async.methods.ConfigurableHttpRequest;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link HttpTransport} on Apache HttpClient 5's asynchronous client: no thread is held while a request waits for
 * its answer. A dumb pipe: method, URI (its raw query untouched), headers and body bytes go out as given; the status,
 * headers and whole body come back as received.
 *
 * <ul>
 *   <li>One pool of connections, at most {@link TransportOptions#maxConnections()} in total and per route (so all of
 *       them to the platform); requests beyond that wait for a free connection, at most their response timeout.</li>
 *   <li>{@link TransportOptions#connectTimeout()} bounds the TCP connect and the TLS handshake; each request's
 *       {@link TransportRequest#responseTimeout()} bounds the wait for its answer (HttpClient's response timeout:
 *       the longest silence while waiting for and reading the answer). The I/O reactor looks for expired timeouts
 *       every 100 ms (HttpClient's default is once a second), so a timeout fires at most about 100 ms late.</li>
 *   <li>Redirects are never followed (a 301 is the recording API's answer); nothing is retried automatically (a
 *       silently re-sent bind would create a second binding); no cookies are kept; no {@code Accept-Encoding} is
 *       added and nothing is decompressed; target authentication challenges are not answered.</li>
 *   <li>HTTP/1.1 only, so that {@code maxConnections} means connections.</li>
 *   <li>TLS: the JDK's trust anchors, or exactly those of {@link TransportOptions#trustStore()}; host names are
 *       always verified (by JSSE and by HttpClient's default verifier).</li>
 *   <li>A proxy, if set, carries every request ({@code CONNECT} for https); its credentials are scoped to the proxy
 *       alone.</li>
 * </ul>
 *
 * <p>Failures complete the future with a {@link TransportException} whose message names the method, host and path
 * but never the query. {@link TransportException#requestMayHaveBeenSent()} is {@code false} only when no connection
 * was made: connection refused, connect timeout, unknown host, no pooled connection free in time, or the transport
 * already closed. Everything else (response timeout, connection closed or reset, malformed answer, TLS failure)
 * is {@code true}.
 *
 * <p>Futures are completed on a small pool of this transport's own daemon threads, never on HttpClient's I/O
 * threads, so a caller's continuation cannot stall the connections. Thread-safe. {@link #close()} is idempotent:
 * it stops accepting requests, lets requests in flight finish for up to a second, then closes the pool and the
 * I/O reactor and fails whatever is still pending.
 */
public final class HttpClient5Transport implements HttpTransport {

    private static final TimeValue SHUTDOWN_GRACE = TimeValue.ofSeconds(1);
    /** How often the I/O reactor looks for timed-out connections: the precision of every timeout. */
    private static final TimeValue TIMEOUT_CHECK_INTERVAL = TimeValue.ofMilliseconds(100);
    /** Computed by HttpClient from the body; a caller's copy would make it refuse the request. */
    private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding");
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final CloseableHttpAsyncClient client;
    private final RequestConfig baseConfig;
    private final ExecutorService completions;
    private final Set<CompletableFuture<TransportResponse>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Builds and starts the client.
     *
     * @param options connection settings
     * @throws InvalidValueException if the trust store cannot be used or holds no certificate
     */
    public HttpClient5Transport(TransportOptions options) {
        Objects.requireNonNull(options, "options");
        Timeout connectTimeout = Timeout.of(options.connectTimeout());

        PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(ClientTlsStrategyBuilder.create()
                        .setSslContext(sslContext(options.trustStore()))
                        .setHostVerificationPolicy(HostnameVerificationPolicy.BOTH)
                        .setHostnameVerifier(HttpsSupport.getDefaultHostnameVerifier())
                        .buildAsync())
                .setMaxConnTotal(options.maxConnections())
                .setMaxConnPerRoute(options.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connectTimeout)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setHandshakeTimeout(connectTimeout)
                        .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                        .build())
                .build();

        this.baseConfig = RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setContentCompressionEnabled(false)
                .setExpectContinueEnabled(false)
                .setProtocolUpgradeEnabled(false)
                .build();

        HttpAsyncClientBuilder builder = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())))
                        // the reactor checks timeouts once per select interval (default 1 s): a 500 ms response
                        // timeout would fire after up to 1.5 s
                        .setSelectInterval(TIMEOUT_CHECK_INTERVAL)
                        .build())
                .setThreadFactory(new DefaultThreadFactory("privatenumber-httpclient5-io", true))
                .setDefaultRequestConfig(baseConfig)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                // the platform's own Authorization header is the only target authentication
                .setTargetAuthenticationStrategy((challengeType, challenges, context) -> List.of());
        disableContentCompression(builder);
        options.proxy().ifPresent(proxy -> configureProxy(builder, proxy));

        this.completions = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new DefaultThreadFactory("privatenumber-httpclient5-callback", true));
        this.client = builder.build();
        client.start();
    }

    /**
     * HttpClient 5.6 added transparent content compression to the async client, and the switch to turn it off; 5.5
     * (the line Spring Boot 3.5 and 4.0 manage) has neither. Calling the switch only where it exists keeps this
     * transport running on both lines with the same wire behaviour: no {@code Accept-Encoding} is added.
     */
    private static void disableContentCompression(HttpAsyncClientBuilder builder) {
        java.lang.reflect.Method off;
        try {
            off = HttpAsyncClientBuilder.class.getMethod("disableContentCompression");
        } catch (NoSuchMethodException olderLine) {
            return;
        }
        try {
            off.invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot switch off HttpClient 5 content compression", e);
        }
    }

    private static void configureProxy(HttpAsyncClientBuilder builder, ProxySettings settings) {
        HttpHost proxy = new HttpHost("http", settings.host(), settings.port());
        builder.setProxy(proxy);
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        if (settings.username() != null) {
            credentials.setCredentials(new AuthScope(proxy),
                    new UsernamePasswordCredentials(settings.username(), settings.password().toCharArray()));
        }
        builder.setDefaultCredentialsProvider(credentials);
    }

    private static SSLContext sslContext(Optional<KeyStore> trustStore) {
        try {
            if (trustStore.isPresent() && !holdsACertificate(trustStore.get())) {
                throw new InvalidValueException("trustStore", "holds no certificate, so it would trust nothing");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore.orElse(null)); // null: the JDK's own trust anchors
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            InvalidValueException invalid = new InvalidValueException("trustStore",
                    "cannot be used for TLS: " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    /** An empty or unloaded store would make every TLS connection fail later, and less clearly. */
    private static boolean holdsACertificate(KeyStore store) throws KeyStoreException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.getCertificate(alias) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends the request without blocking.
     *
     * @param request the request
     * @return its answer, or a {@link TransportException} when none arrived
     */
    @Override
    public CompletableFuture<TransportResponse> execute(TransportRequest request) {
        return start(request, null);
    }

    /**
     * Sends one request for a caller that waits on its own thread: the outcome is handed from the I/O thread
     * straight to that thread instead of to a completion thread of this transport (and from there to the caller).
     */
    @Override
    public CompletableFuture<TransportResponse> execute(TransportRequest request, Executor waitingCaller) {
        return start(request, Objects.requireNonNull(waitingCaller, "waitingCaller"));
    }

    /** @param waitingCaller completes the future; {@code null}: this transport's completion threads */
    private CompletableFuture<TransportResponse> start(TransportRequest request, Executor waitingCaller) {
        Objects.requireNonNull(request, "request");
        String what = describe(request);
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        pending.add(result);
        result.whenComplete((response, failure) -> pending.remove(result));
        if (closed.get()) {
            result.completeExceptionally(new TransportException(what + " refused: the transport is closed", null,
                    false));
            return result;
        }

        ConfigurableHttpRequest message = new ConfigurableHttpRequest(request.method(), request.uri());
        request.headers().forEach((name, value) -> {
            if (!FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                message.addHeader(name, value);
            }
        });
        Timeout responseTimeout = Timeout.of(request.responseTimeout());
        message.setConfig(RequestConfig.copy(baseConfig)
                .setResponseTimeout(responseTimeout)
                .setConnectionRequestTimeout(responseTimeout)
                .build());
        AsyncEntityProducer body = request.bodyLength() > 0 || METHODS_WITH_BODY.contains(request.method())
                ? new BasicAsyncEntityProducer(request.body(), null) // null: the caller's Content-Type header stands
                : null;

        try {
            client.execute(new BasicRequestProducer(message, body),
                    new BasicResponseConsumer<>(new BasicAsyncEntityConsumer()), null, HttpClientContext.create(),
                    new Callback(result, what, waitingCaller));
        } catch (RuntimeException e) {
            result.completeExceptionally(new TransportException(what + " could not be started: "
                    + Failures.reason(e), e, false));
        }
        return result;
    }

    /** Hands HttpClient's outcome to the caller's future, off the I/O thread. */
    private final class Callback implements FutureCallback<Message<HttpResponse, byte[]>> {
        private final CompletableFuture<TransportResponse> result;
        private final String what;
        private final Executor waitingCaller;

        Callback(CompletableFuture<TransportResponse> result, String what, Executor waitingCaller) {
            this.result = result;
            this.what = what;
            this.waitingCaller = waitingCaller;
        }

        private void settle(Runnable completion) {
            if (waitingCaller == null) {
                HttpClient5Transport.this.settle(completion);
                return;
            }
            try {
                waitingCaller.execute(completion);
            } catch (RuntimeException rejected) {
                HttpClient5Transport.this.settle(completion);
            }
        }

        @Override
        public void completed(Message<HttpResponse, byte[]> answer) {
            TransportResponse response;
            try {
                response = toResponse(answer);
            } catch (RuntimeException e) {
                settle(() -> result.completeExceptionally(new TransportException(what
                        + " got an unusable answer: " + Failures.reason(e), e, true)));
                return;
            }
            settle(() -> result.complete(response));
        }

        @Override
        public void failed(Exception failure) {
            TransportException translated = Failures.translate(what, failure);
            settle(() -> result.completeExceptionally(translated));
        }

        @Override
        public void cancelled() {
            settle(() -> result.completeExceptionally(new TransportException(what
                    + " was cancelled, the transport is closing; it may have reached the server", null, true)));
        }
    }

    private static TransportResponse toResponse(Message<HttpResponse, byte[]> answer) {
        HttpResponse head = answer.getHead();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : head.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        byte[] body = answer.getBody();
        return new TransportResponse(head.getCode(), headers, body == null ? new byte[0] : body);
    }

    private void settle(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException closing) {
            completion.run();
        }
    }

    /** Method, scheme, host, port and path: never the query, which carries phone numbers. */
    private static String describe(TransportRequest request) {
        URI uri = request.uri();
        return request.method() + " " + uri.getScheme() + "://" + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + Objects.requireNonNullElse(uri.getRawPath(), "");
    }

    /**
     * Stops taking requests, gives those in flight up to a second, then closes the connection pool and the I/O
     * reactor and fails whatever is still pending with a {@link TransportException}. Idempotent; restores the
     * interrupt flag if interrupted while waiting.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            client.initiateShutdown();
            client.awaitShutdown(SHUTDOWN_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close(CloseMode.IMMEDIATE);
            for (CompletableFuture<TransportResponse> left : List.copyOf(pending)) {
                left.completeExceptionally(new TransportException(
                        "the transport was closed before the answer arrived; the request may have reached the server",
                        null, true));
            }
            completions.shutdown();
        }
    }

    @Override
    public String toString() {
        return "HttpClient5Transport[" + (closed.get() ? "closed" : "open") + "]";
    }
}
