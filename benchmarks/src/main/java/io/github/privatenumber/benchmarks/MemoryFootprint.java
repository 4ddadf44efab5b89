package io.github.privatenumber.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.github.privatenumber.benchmarks.jmh.PushFactory;
import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.NotificationSink;
import io.github.privatenumber.notifications.InMemoryDeduplicationStore;
import io.github.privatenumber.notifications.NotificationReceiver;
import io.github.privatenumber.signing.ReplayGuard;
import io.github.privatenumber.signing.SignatureVerifier;
import io.github.privatenumber.simulator.Simulator;
import io.github.privatenumber.transport.httpclient.HttpClient5TransportFactory;
import io.github.privatenumber.transport.jdk.JdkHttpTransportFactory;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap retained by a client after N calls and by a receiver after N distinct records. Retained heap is the JVM's
 * used heap after several full collections ({@code System.gc()}, then {@code MemoryMXBean}), minus the same reading
 * taken just before the client or receiver was built. Each series' baseline is its own first point: a flat series
 * has ratios near 1.
 *
 * <p>The client calls a stub server on loopback (a JDK {@code HttpServer} that answers every request with a real
 * query answer captured from the simulator, without checks), because a million calls through the simulator would
 * take too long on two cores; the calls are real HTTP calls through the whole SDK. A time budget bounds each series;
 * a checkpoint it does not reach is extrapolated from the measured points and marked so.
 */
final class MemoryFootprint {

    /** One reading. */
    record Point(long n, long retainedBytes, boolean measured, String note) {
    }

    /** A series of readings of one subject. */
    record Series(String subject, String unit, List<Point> points, long baselineIndex) {
    }

    private static final AppCredentials CREDENTIALS = AppCredentials.of("bench-app-key", "bench-app-secret-0001");

    private MemoryFootprint() {
    }

    /** The used heap after the JVM has collected everything it can. */
    static long retainedHeap() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    static List<Series> clients(long[] checkpoints, double budgetSeconds, int threads) throws Exception {
        Canned canned = cannedQueryAnswer();
        byte[] answer = canned.body();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        stub.setExecutor(executor);
        stub.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        stub.start();
        List<Series> out = new ArrayList<>();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
            out.add(client(ClientOverhead.JDK, endpoint, canned.id(), checkpoints, budgetSeconds, threads));
            out.add(client(ClientOverhead.HC5, endpoint, canned.id(), checkpoints, budgetSeconds, threads));
        } finally {
            stub.stop(0);
            executor.shutdownNow();
        }
        return out;
    }

    private static Series client(String transport, URI endpoint, SubscriptionId id, long[] checkpoints,
            double budgetSeconds, int threads) throws Exception {
        long before = retainedHeap();
        List<Point> points = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (budgetSeconds * 1e9);
        try (PrivateNumberClient client = PrivateNumberClient.builder()
                .endpoint(endpoint)
                .credentials(CREDENTIALS)
                .transportFactory(ClientOverhead.JDK.equals(transport) ? new JdkHttpTransportFactory()
                        : new HttpClient5TransportFactory())
                .build()) {
            AtomicLong done = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long started = System.nanoTime();
            for (long target : checkpoints) {
                drive(threads, target, deadline, done, failed, () -> !client.query(id).isEmpty());
                long n = done.get();
                if (n < target) {
                    break;
                }
                long retained = retainedHeap() - before;
                double rate = n / ((System.nanoTime() - started) / 1e9);
                points.add(new Point(n, retained, true, String.format(Locale.ROOT, "%,.0f calls/s, %d failed", rate,
                        failed.get())));
                System.out.printf(Locale.ROOT, "memory: %s after %,d calls: %,d KiB retained%n", transport, n,
                        retained / 1024);
            }
        }
        extrapolate(points, checkpoints);
        return new Series("PrivateNumberClient over " + transport, "calls", points, 0);
    }

    /** Adds the checkpoints the budget did not reach, from the slope between the last two measured points. */
    private static void extrapolate(List<Point> points, long[] checkpoints) {
        if (points.size() < 2 || points.size() == checkpoints.length) {
            return;
        }
        Point a = points.get(points.size() - 2);
        Point b = points.get(points.size() - 1);
        double slope = Math.max(0, (double) (b.retainedBytes() - a.retainedBytes()) / (b.n() - a.n()));
        for (int i = points.size(); i < checkpoints.length; i++) {
            long n = checkpoints[i];
            points.add(new Point(n, b.retainedBytes() + (long) (slope * (n - b.n())), false, String.format(Locale.ROOT,
                    "extrapolated: %.3f bytes per call between %,d and %,d calls", slope, a.n(), b.n())));
        }
    }

    private static void drive(int threads, long target, long deadline, AtomicLong done, AtomicLong failed,
            LoadLoop.Call call) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                while (System.nanoTime() < deadline && done.get() < target) {
                    try {
                        if (call.run()) {
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }, "memory-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            // bounded: the loop ends at the deadline, a call at its 30 s overall timeout
            w.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000) + 60_000);
        }
    }

    /** A query answer and the subscription it is about. */
    private record Canned(byte[] body, SubscriptionId id) {
    }

    /** A query answer exactly as the simulator writes it. */
    private static Canned cannedQueryAnswer() throws Exception {
        try (Simulator simulator = Simulator.builder().build().start();
                PrivateNumberClient client = PrivateNumberClient.builder().endpoint(simulator.baseUrl())
                        .credentials(simulator.credentials()).transportFactory(new JdkHttpTransportFactory()).build()) {
            SubscriptionId id = client.bindAx(AxBindRequest.builder().origNum("+8613800000001").areaCode("0755").build())
                    .subscriptionId();
            HttpRequest.Builder request = HttpRequest.newBuilder(simulator.baseUrl().resolve(
                    "/rest/omp/xyrelationnumber/v1.0?subscriptionId=" + id.value() + "&app_key="
                            + simulator.credentials().appKey())).timeout(Duration.ofSeconds(10));
            io.github.privatenumber.signing.AkskSigner.of(simulator.credentials()).sign().forEach(request::header);
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("query failed: HTTP " + r.statusCode());
            }
            return new Canned(r.body(), id);
        }
    }

    /** Simulated push rate: below what the default replay guard holds (about 166 pushes/s over its window). */
    static final int PUSHES_PER_SIMULATED_SECOND = 100;

    /** A clock that only moves when told: the time of simulated traffic. */
    private static final class SteppingClock extends java.time.Clock {
        private final java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong(
                System.currentTimeMillis());

        void advanceMillis(long ms) {
            millis.addAndGet(ms);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(millis.get());
        }
    }

    /**
     * A receiver with the default de-duplication store (100,000 keys, 12 hours) and replay guard (100,000 nonces,
     * five minutes) fed distinct records, one push after another, as sustained traffic of
     * {@value #PUSHES_PER_SIMULATED_SECOND} pushes per second: signer and verifier share a clock that moves 10 ms per
     * push, so nonces leave the replay guard as they would in real time, and every push must be accepted (the run
     * fails otherwise; a refused push would cost no memory and flatter the figure).
     */
    static Series receiver(PushFactory.Kind kind, long[] checkpoints) throws InterruptedException {
        long before = retainedHeap();
        SteppingClock clock = new SteppingClock();
        // the verifier the receiver would build itself (default skew and replay guard), built here to read its guard
        SignatureVerifier verifier = SignatureVerifier.builder().credentials(CREDENTIALS).clock(clock).build();
        NotificationReceiver receiver = NotificationReceiver.builder()
                .verifier(verifier)
                .sink(new NotificationSink() {
                    @Override
                    public void onCallEvent(CallEvent event) {
                    }

                    @Override
                    public void onCallDetailRecord(CallDetailRecord record) {
                    }
                })
                .build();
        PushFactory factory = new PushFactory(kind, CREDENTIALS, 1, clock);
        long stepMillis = 1000 / PUSHES_PER_SIMULATED_SECOND;
        long simulatedMillis = 0;
        long window = 2 * 300_000; // a nonce stays at most twice the default skew: the guard is steady after that
        PushFactory.Push push = factory.next();
        long records = 0;
        long refused = 0;
        long started = System.nanoTime();
        List<Point> points = new ArrayList<>();
        int bound = -1;
        int storeFull = 0;
        for (long target : checkpoints) {
            while (records < target) {
                clock.advanceMillis(stepMillis);
                simulatedMillis += stepMillis;
                factory.refill(push);
                if (receiver.handle("POST", push, push.body()).status() != 200) {
                    refused++;
                }
                records += factory.recordsPerPush();
            }
            if (refused > 0) {
                throw new IllegalStateException(refused + " pushes were refused: the figure would not be the memory "
                        + "of a receiver that took them");
            }
            long retained = retainedHeap() - before;
            InMemoryDeduplicationStore store = (InMemoryDeduplicationStore) receiver.deduplicationStore();
            ReplayGuard guard = verifier.replayGuard();
            points.add(new Point(records, retained, true, String.format(Locale.ROOT,
                    "store holds %,d keys (%,d evicted); replay guard holds %,d nonces; %,.0f s of traffic "
                    + "simulated in %.0f s", store.size(), store.evictedEarly(), guard.size(), simulatedMillis / 1e3,
                    (System.nanoTime() - started) / 1e9)));
            if (store.size() < store.maxEntries()) {
                storeFull = points.size();
            }
            if (bound < 0 && store.size() == store.maxEntries() && simulatedMillis >= window) {
                bound = points.size() - 1;
            }
            System.out.printf(Locale.ROOT, "memory: receiver after %,d %s: %,d KiB retained%n", records,
                    kind == PushFactory.Kind.EVENT ? "events" : "CDRs", retained / 1024);
        }
        if (bound < 0) {
            // the run ended before the replay guard's window was full: compare with the store's bound
            bound = Math.min(storeFull, points.size() - 1);
        }
        return new Series("NotificationReceiver, " + (kind == PushFactory.Kind.EVENT
                ? "distinct call events (one per push)" : "distinct CDRs (50 per push)"),
                kind == PushFactory.Kind.EVENT ? "events" : "CDRs", points, bound);
    }
}
