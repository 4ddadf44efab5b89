package io.github.privatenumber.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.signing.AkskSigner;
import io.github.privatenumber.signing.SignedHeaders;
import io.github.privatenumber.simulator.Simulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * How many authenticated queries per second the simulator serves on loopback to a pooled client (Apache HttpClient 5,
 * classic, one connection per client thread), each request signed afresh with its own nonce. The baseline, measured
 * in the same run with the same client and threads, is a bare JDK {@code HttpServer} that answers a fixed query
 * answer of the same size without authentication or state: the ratio shows what the simulator's work costs.
 */
final class SimulatorThroughput {

    private SimulatorThroughput() {
    }

    static List<LoadResult> run(int[] concurrencies, double warmup, double seconds) throws Exception {
        List<LoadResult> results = new ArrayList<>();
        try (Simulator simulator = Simulator.builder().build().start()) {
            AppCredentials credentials = simulator.credentials();
            String subscriptionId = bindOne(simulator, credentials);
            String path = "/rest/omp/xyrelationnumber/v1.0?subscriptionId="
                    + URLEncoder.encode(subscriptionId, StandardCharsets.UTF_8)
                    + "&app_key=" + URLEncoder.encode(credentials.appKey(), StandardCharsets.UTF_8);
            URI simulatorUri = simulator.baseUrl().resolve(path);
            byte[] sampleAnswer = fetch(simulatorUri, AkskSigner.of(credentials));

            HttpServer bare = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            // the same number of worker threads as the simulator's default, so the two servers differ only in their work
            ExecutorService bareExecutor = Executors.newFixedThreadPool(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
            bare.setExecutor(bareExecutor);
            bare.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    in.readAllBytes();
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
                exchange.sendResponseHeaders(200, sampleAnswer.length);
                exchange.getResponseBody().write(sampleAnswer);
                exchange.close();
            });
            bare.start();
            URI bareUri = URI.create("http://127.0.0.1:" + bare.getAddress().getPort() + path);
            try {
                for (int concurrency : concurrencies) {
                    results.add(load("bare JDK HttpServer (baseline)", bareUri, credentials, concurrency, warmup, seconds));
                    results.add(load("simulator, authenticated query", simulatorUri, credentials, concurrency, warmup, seconds));
                }
            } finally {
                bare.stop(0);
                bareExecutor.shutdownNow();
            }
        }
        return results;
    }

    private static LoadResult load(String name, URI uri, AppCredentials credentials, int concurrency, double warmup,
            double seconds) throws Exception {
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(concurrency);
        pool.setDefaultMaxPerRoute(concurrency);
        pool.setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(org.apache.hc.core5.util.Timeout.ofSeconds(5))
                .setSocketTimeout(org.apache.hc.core5.util.Timeout.ofSeconds(10)).build());
        AkskSigner signer = AkskSigner.of(credentials);
        try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool)
                .disableAutomaticRetries().disableRedirectHandling().build()) {
            return LoadLoop.measure(name, concurrency, warmup, seconds, () -> {
                HttpGet get = new HttpGet(uri);
                SignedHeaders headers = signer.sign();
                headers.forEach(get::setHeader);
                get.setHeader("Content-Type", "application/json;charset=UTF-8");
                return client.execute(get, response -> {
                    String body = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                    return response.getCode() == 200 && body.contains("\"resultcode\":\"0\"");
                });
            });
        }
    }

    private static String bindOne(Simulator simulator, AppCredentials credentials) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI bind = simulator.baseUrl().resolve("/rest/omp/xyrelationnumber/v1.0?app_key="
                + URLEncoder.encode(credentials.appKey(), StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(bind)
                .header("Content-Type", "application/json;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"origNum\":\"+8613800000001\",\"areaCode\":\"0755\"}",
                        StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(10));
        AkskSigner.of(credentials).sign().forEach(request::header);
        String body = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        int at = body.indexOf("\"subscriptionId\":\"");
        if (at < 0) {
            throw new IllegalStateException("bind failed: " + body);
        }
        int start = at + "\"subscriptionId\":\"".length();
        return body.substring(start, body.indexOf('"', start));
    }

    private static byte[] fetch(URI uri, AkskSigner signer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(10));
        signer.sign().forEach(request::header);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("query failed: HTTP " + response.statusCode());
        }
        return response.body();
    }
}
