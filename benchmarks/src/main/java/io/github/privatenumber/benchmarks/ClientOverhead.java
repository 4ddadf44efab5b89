package io.github.privatenumber.benchmarks;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.signing.AkskSigner;
import io.github.privatenumber.simulator.NumberPool;
import io.github.privatenumber.simulator.Simulator;
import io.github.privatenumber.transport.httpclient.HttpClient5TransportFactory;
import io.github.privatenumber.transport.jdk.JdkHttpTransportFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * What the SDK costs on top of the HTTP library it runs on. For each transport, the same simulator is called
 * through {@link PrivateNumberClient} (arm "SDK") and through the bare library (arm "bare": the same signed
 * headers, the same body, the same URI, the answer read into bytes and checked for {@code "resultcode":"0"}).
 * Both arms run side by side in alternating slices, with the same threads, in the same JVM as the simulator.
 *
 * <p>Operations: a query of one subscription; and an AX bind followed by the unbind of what it bound (so the
 * simulator's pool never runs dry and both arms do identical work: each worker thread binds its own A, one
 * binding at a time, in a pool of 256 numbers). Timed as one unit: latency is for the pair.
 */
final class ClientOverhead {

    static final String JDK = "JdkHttpTransport";
    static final String HC5 = "HttpClient5Transport";

    private static final String PATH = "/rest/omp/xyrelationnumber/v1.0";
    private static final String CONTENT_TYPE = "application/json;charset=UTF-8";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger WORKERS = new AtomicInteger();

    /** One comparison: both arms at one concurrency. */
    /**
     * One comparison: both arms at one concurrency.
     *
     * @param bare the bare arm, its slices pooled
     * @param sdk the SDK arm, its slices pooled
     * @param rounds per round: the bare arm's result, then the SDK arm's
     */
    record Row(String transport, String operation, int concurrency, LoadResult bare, LoadResult sdk,
            List<List<LoadResult>> rounds) {

        /** @return SDK over bare throughput, both pooled over all their slices */
        double pooledThroughputRatio() {
            return sdk.perSecond() / bare.perSecond();
        }

        /** @return SDK over bare p99, both pooled over all their slices */
        double pooledP99Ratio() {
            return (double) sdk.p99Micros() / Math.max(1, bare.p99Micros());
        }

        /** @return the median over the rounds of each round's SDK / bare throughput: the headline ratio */
        double throughputRatio() {
            return LoadLoop.median(rounds.stream()
                    .mapToDouble(r -> r.get(1).perSecond() / r.get(0).perSecond()).toArray());
        }

        /** @return the median over the rounds of each round's SDK / bare p99: the headline p99 ratio */
        double p99Ratio() {
            return LoadLoop.median(rounds.stream()
                    .mapToDouble(r -> (double) r.get(1).p99Micros() / Math.max(1, r.get(0).p99Micros())).toArray());
        }

        /** @return each round's throughput ratio, in order */
        double[] roundThroughputRatios() {
            return rounds.stream().mapToDouble(r -> r.get(1).perSecond() / r.get(0).perSecond()).toArray();
        }
    }

    private ClientOverhead() {
    }

    static List<Row> run(int[] queryLevels, int[] bindLevels, double warmup, double slice, int rounds) throws Exception {
        return run(List.of(JDK, HC5), queryLevels, bindLevels, warmup, slice, rounds);
    }

    static List<Row> run(List<String> transports, int[] queryLevels, int[] bindLevels, double warmup, double slice,
            int rounds) throws Exception {
        List<Row> rows = new ArrayList<>();
        NumberPool.Builder pool = NumberPool.builder();
        for (int i = 0; i < 256; i++) {
            pool.add("0755", String.format(Locale.ROOT, "+86170755%05d", i));
        }
        try (Simulator simulator = Simulator.builder().pool(pool.build()).build().start()) {
            for (String transport : transports) {
                try (Arms arms = new Arms(simulator, transport)) {
                    jitWarmup(arms, warmup);
                    for (int c : queryLevels) {
                        rows.add(row(transport, "query", c, arms.bareQuery(), arms.sdkQuery(), warmup, slice, rounds));
                    }
                    for (int c : bindLevels) {
                        simulator.reset();
                        rows.add(row(transport, "AX bind + unbind", c, arms.bareBind(), arms.sdkBind(), warmup, slice,
                                rounds));
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Before a transport's first row: both arms of both operations take turns at 16 threads, four times each for
     * half a warm-up, so that the JIT has compiled the code of both arms before anything is measured (on two cores it
     * keeps compiling for ten seconds or more, and whatever runs meanwhile pays for it).
     */
    private static void jitWarmup(Arms arms, double warmup) throws InterruptedException {
        List<LoadLoop.ThreadCall> calls = List.of(arms.bareQuery(), arms.sdkQuery(), arms.bareBind(), arms.sdkBind());
        for (int i = 0; i < 4; i++) {
            for (LoadLoop.ThreadCall call : calls) {
                LoadLoop.measure("JIT warm-up", 16, 0, warmup / 2, () -> call.run(0));
            }
        }
    }

    private static Row row(String transport, String operation, int concurrency, LoadLoop.ThreadCall bare,
            LoadLoop.ThreadCall sdk, double warmup, double slice, int rounds) throws InterruptedException {
        LoadLoop.Comparison c = LoadLoop.compare(List.of(
                new LoadLoop.Arm("bare " + (JDK.equals(transport) ? "java.net.http" : "HttpClient 5") + " (baseline)", bare),
                new LoadLoop.Arm("SDK over " + transport, sdk)), concurrency, warmup, slice, rounds);
        Row row = new Row(transport, operation, concurrency, c.pooled().get(0), c.pooled().get(1), c.rounds());
        System.out.printf(Locale.ROOT, "%-22s %-17s %2d threads: bare %,8.0f/s p99 %6d µs | SDK %,8.0f/s p99 %6d µs | "
                + "ratio %.2f (pooled %.2f), p99 ratio %.2f (pooled %.2f), errors %d/%d%n", transport, operation,
                concurrency, row.bare().perSecond(), row.bare().p99Micros(), row.sdk().perSecond(), row.sdk().p99Micros(),
                row.throughputRatio(), row.pooledThroughputRatio(), row.p99Ratio(), row.pooledP99Ratio(),
                row.bare().errors(), row.sdk().errors());
        return row;
    }

    /** A worker thread's own A number (worker threads are new in every slice), so no A ever holds more than one X. */
    private static String numberA(int worker) {
        return String.format(Locale.ROOT, "+86138%08d", worker % 100_000_000);
    }

    /** The two arms of one transport: the SDK client and the bare library, sharing nothing but the simulator. */
    private static final class Arms implements AutoCloseable {
        private final String transport;
        private final AppCredentials credentials;
        private final AkskSigner signer;
        private final PrivateNumberClient client;
        private final HttpClient jdk;
        private final CloseableHttpAsyncClient hc5;
        private final SubscriptionId subscription;
        private final URI queryUri;
        private final URI bindUri;
        private final String unbindPrefix;
        private final String appKeyParam;
        /** A number per worker thread, never reused. */
        private final ThreadLocal<int[]> workerOfThread = ThreadLocal.withInitial(() -> new int[] {WORKERS.incrementAndGet()});

        Arms(Simulator simulator, String transport) throws Exception {
            this.transport = transport;
            this.credentials = simulator.credentials();
            this.signer = AkskSigner.of(credentials);
            HttpTransportFactory factory = JDK.equals(transport) ? new JdkHttpTransportFactory()
                    : new HttpClient5TransportFactory();
            this.client = PrivateNumberClient.builder()
                    .endpoint(simulator.baseUrl())
                    .credentials(credentials)
                    .transportFactory(factory)
                    .maxConnections(64)
                    .build();
            if (JDK.equals(transport)) {
                jdk = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                hc5 = null;
            } else {
                jdk = null;
                hc5 = bareHttpClient5();
            }
            this.subscription = client.bindAx(AxBindRequest.builder().origNum("+8613900000001").areaCode("0755").build())
                    .subscriptionId();
            this.appKeyParam = "app_key=" + URLEncoder.encode(credentials.appKey(), StandardCharsets.UTF_8);
            URI base = simulator.baseUrl();
            this.queryUri = base.resolve(PATH + "?subscriptionId="
                    + URLEncoder.encode(subscription.value(), StandardCharsets.UTF_8) + "&" + appKeyParam);
            this.bindUri = base.resolve(PATH + "?" + appKeyParam);
            this.unbindPrefix = base.resolve(PATH).toString() + "?subscriptionId=";
        }

        /** Configured like the SDK's transport: pooled to 64, HTTP/1.1, no retries, redirects, cookies or compression. */
        private static CloseableHttpAsyncClient bareHttpClient5() {
            PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(64)
                    .setMaxConnPerRoute(64)
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(5)).build())
                    .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                    .build();
            CloseableHttpAsyncClient c = HttpAsyncClients.custom()
                    .setConnectionManager(pool)
                    .setIOReactorConfig(IOReactorConfig.custom()
                            .setIoThreadCount(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())))
                            .build())
                    .setDefaultRequestConfig(RequestConfig.custom()
                            .setResponseTimeout(Timeout.ofSeconds(10))
                            .setConnectionRequestTimeout(Timeout.ofSeconds(10))
                            .build())
                    .disableRedirectHandling()
                    .disableAutomaticRetries()
                    .disableCookieManagement()
                    .disableContentCompression()
                    .build();
            c.start();
            return c;
        }

        LoadLoop.ThreadCall sdkQuery() {
            return t -> !client.query(subscription).isEmpty();
        }

        LoadLoop.ThreadCall bareQuery() {
            return t -> ok(send("GET", queryUri, null));
        }

        LoadLoop.ThreadCall sdkBind() {
            return t -> {
                AxBindRequest request = AxBindRequest.builder().origNum(numberA(worker())).areaCode("0755").build();
                BindResult bound = client.bindAx(request);
                client.unbind(bound.subscriptionId());
                return true;
            };
        }

        LoadLoop.ThreadCall bareBind() {
            return t -> {
                // the bytes the SDK writes for the same request
                byte[] body = ("{\"origNum\":\"" + numberA(worker()) + "\",\"areaCode\":\"0755\",\"recordFlag\":false}")
                        .getBytes(StandardCharsets.UTF_8);
                String answer = send("POST", bindUri, body);
                if (!ok(answer)) {
                    return false;
                }
                int at = answer.indexOf("\"subscriptionId\":\"");
                if (at < 0) {
                    return false;
                }
                int from = at + "\"subscriptionId\":\"".length();
                String id = answer.substring(from, answer.indexOf('"', from));
                return ok(send("DELETE", URI.create(unbindPrefix + URLEncoder.encode(id, StandardCharsets.UTF_8) + "&"
                        + appKeyParam), null));
            };
        }

        private int worker() {
            return workerOfThread.get()[0];
        }

        private static boolean ok(String answer) {
            return answer != null && answer.contains("\"resultcode\":\"0\"");
        }

        /** One bare request with freshly signed headers; the answer as text when HTTP 200, else null. */
        private String send(String method, URI uri, byte[] body) throws Exception {
            if (jdk != null) {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).expectContinue(false)
                        .header("Content-Type", CONTENT_TYPE)
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                signer.sign().forEach(b::header);
                HttpResponse<byte[]> r = jdk.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                return r.statusCode() == 200 ? new String(r.body(), StandardCharsets.UTF_8) : null;
            }
            SimpleRequestBuilder b = SimpleRequestBuilder.create(method).setUri(uri);
            if (body != null) {
                b.setBody(body, ContentType.parse(CONTENT_TYPE));
            } else {
                b.setHeader("Content-Type", CONTENT_TYPE);
            }
            signer.sign().forEach(b::setHeader);
            SimpleHttpRequest request = b.build();
            SimpleHttpResponse r = hc5.execute(SimpleRequestProducer.create(request), SimpleResponseConsumer.create(),
                    null).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return r.getCode() == 200 ? new String(r.getBodyBytes(), StandardCharsets.UTF_8) : null;
        }

        @Override
        public void close() {
            client.close();
            if (hc5 != null) {
                hc5.close(CloseMode.GRACEFUL);
            }
        }

        @Override
        public String toString() {
            return transport;
        }
    }
}
