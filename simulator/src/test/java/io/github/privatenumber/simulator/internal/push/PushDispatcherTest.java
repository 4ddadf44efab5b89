package io.github.privatenumber.simulator.internal.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.SignatureVerificationException;
import io.github.privatenumber.signing.SignatureVerifier;
import io.github.privatenumber.simulator.internal.tls.SelfSignedCertificate;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PushDispatcherTest {

    private static final AppCredentials APP = AppCredentials.of("pushAppKey0001", "pushAppSecret0001");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern NONCE = Pattern.compile("Nonce=\"([^\"]*)\"");
    private static final String ANSWER = "{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"s-1\","
            + "\"timestamp\":\"2024-05-01 08:00:00\",\"caller\":\"+8613800000001\",\"called\":\"+8613900000002\"}}";
    private static final String CALLIN = ANSWER.replace("\"answer\"", "\"callin\"");

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private Receiver receiver() throws Exception {
        Receiver r = new Receiver();
        toClose.add(r);
        return r;
    }

    private PushDispatcher dispatcher(PushSettings settings) {
        PushDispatcher d = new PushDispatcher(settings, Clock.systemUTC());
        toClose.add(d);
        return d;
    }

    private static PushSettings settings(URI eventUrl, URI cdrUrl, PushScheme scheme, double scale) {
        return new PushSettings(APP, eventUrl, cdrUrl, scheme, scale, null, null, null);
    }

    private static SignatureVerifier verifier() {
        return SignatureVerifier.builder().credentials(APP).wsseEnabled(true).build();
    }

    private static String nonce(String tokenHeader) {
        Matcher m = NONCE.matcher(tokenHeader);
        assertTrue(m.find(), "no Nonce in token header");
        return m.group(1);
    }

    private static PushRecord only(PushDispatcher d) {
        List<PushRecord> all = d.pushes();
        assertEquals(1, all.size());
        return all.get(0);
    }

    @Test
    void deliversASignedEvent() throws Exception {
        Receiver r = receiver();
        PushDispatcher d = dispatcher(settings(r.url("/events"), null, PushScheme.AKSK, 1.0));
        long id = d.pushEvent(ANSWER, true);
        assertTrue(id > 0);
        assertTrue(d.awaitSettled(WAIT));

        Receiver.Request req = r.next(WAIT);
        assertNotNull(req);
        assertEquals("POST", req.method());
        assertEquals("/events", req.path());
        assertEquals("application/json;charset=UTF-8", req.header("Content-Type"));
        assertTrue(req.header("Authorization").startsWith("AKSK "));
        assertNotNull(req.header("X-AKSK"));
        assertNull(req.header("X-WSSE"));
        verifier().verify(req::header);
        assertArrayEquals(ANSWER.getBytes(StandardCharsets.UTF_8), req.body());

        PushRecord rec = only(d);
        assertEquals(id, rec.id());
        assertEquals(PushRecord.Kind.EVENT, rec.kind());
        assertEquals(PushRecord.State.DELIVERED, rec.state());
        assertEquals(r.url("/events").toString(), rec.url());
        assertEquals(ANSWER, rec.body());
        assertEquals(1, rec.attempts().size());
        assertEquals(200, rec.attempts().get(0).httpStatus());
        assertNull(rec.attempts().get(0).error());
        assertFalse(rec.toString().contains("8613800000001"));
    }

    @Test
    void attemptsAreStampedWithTheGivenClock() throws Exception {
        Receiver r = receiver();
        Instant fixed = Instant.parse("2024-05-01T08:00:00Z");
        PushDispatcher d = new PushDispatcher(settings(r.url("/e"), null, PushScheme.AKSK, 1.0),
                Clock.fixed(fixed, ZoneOffset.UTC));
        toClose.add(d);
        d.pushEvent(ANSWER, true);
        assertTrue(d.awaitSettled(WAIT));
        assertEquals(fixed, only(d).attempts().get(0).at());
    }

    @Test
    void repushesOnTheScheduleWithAFreshSignatureEachTime() throws Exception {
        // 500, 404, 302 (not followed), then 200
        Receiver r = receiver().answering(n -> n == 1 ? 500 : n == 2 ? 404 : n == 3 ? 302 : 200);
        double scale = 0.002; // 1, 4, 9 minutes -> 120, 480, 1080 ms
        PushDispatcher d = dispatcher(settings(r.url("/e"), null, PushScheme.AKSK, scale));
        d.pushEvent(ANSWER, true);
        assertTrue(d.awaitSettled(WAIT));

        List<Receiver.Request> got = r.all();
        assertEquals(4, got.size());
        SignatureVerifier verifier = verifier(); // remembers nonces: a reused one would fail here
        Set<String> nonces = new HashSet<>();
        for (Receiver.Request req : got) {
            verifier.verify(req::header);
            nonces.add(nonce(req.header("X-AKSK")));
            assertEquals("/e", req.path(), "redirect must not be followed");
            assertArrayEquals(ANSWER.getBytes(StandardCharsets.UTF_8), req.body());
        }
        assertEquals(4, nonces.size(), "every attempt has its own nonce");

        PushRecord rec = only(d);
        assertEquals(PushRecord.State.DELIVERED, rec.state());
        assertEquals(List.of(500, 404, 302, 200), rec.attempts().stream().map(PushRecord.Attempt::httpStatus).toList());
        assertEquals("HTTP 500", rec.attempts().get(0).error());

        long[] expected = {120, 480, 1080};
        long[] gaps = new long[3];
        for (int i = 0; i < 3; i++) {
            gaps[i] = (got.get(i + 1).receivedNanos() - got.get(i).receivedNanos()) / 1_000_000;
            // a re-push is scheduled after the failure is seen, so it can never come early
            assertTrue(gaps[i] >= expected[i] - 2, "gap " + i + " = " + gaps[i] + " ms, expected >= " + expected[i]);
            assertTrue(gaps[i] < expected[i] + 3000, "gap " + i + " = " + gaps[i] + " ms, far too late");
        }
        // the lower bounds alone pin the schedule's shape (1:4:9); ratios between measured gaps are left out because
        // on a loaded 2-core machine a late wake-up can stretch any one gap
    }

    @Test
    void givesUpAfterSixRepushes() throws Exception {
        Receiver r = receiver().answering(n -> 503);
        // 1..300 minutes at 0.00001: 0.6 ms to 18 ms
        PushDispatcher d = dispatcher(settings(r.url("/e"), null, PushScheme.AKSK, 0.00001));
        d.pushEvent(ANSWER, true);
        assertTrue(d.awaitSettled(WAIT));
        PushRecord rec = only(d);
        assertEquals(PushRecord.State.GAVE_UP, rec.state());
        assertEquals(7, rec.attempts().size(), "the first attempt and six re-pushes");
        for (PushRecord.Attempt a : rec.attempts()) {
            assertEquals(503, a.httpStatus());
            assertEquals("HTTP 503", a.error());
        }
        for (int i = 1; i < rec.attempts().size(); i++) {
            assertFalse(rec.attempts().get(i).at().isBefore(rec.attempts().get(i - 1).at()));
        }
        // the seventh request was received before its answer settled the push, so this count is final
        assertEquals(7, r.all().size());
    }

    @Test
    void callinIsNotRepushed() throws Exception {
        Receiver r = receiver().answering(n -> 500);
        PushDispatcher d = dispatcher(settings(r.url("/e"), null, PushScheme.AKSK, 0.00001));
        d.pushEvent(CALLIN, false);
        assertTrue(d.awaitSettled(WAIT));
        PushRecord rec = only(d);
        assertEquals(PushRecord.State.NOT_REPUSHED, rec.state());
        assertEquals(1, rec.attempts().size());
        assertEquals(500, rec.attempts().get(0).httpStatus());

        // a later push proves nothing else was sent for the callin
        r.answering(n -> 200);
        d.pushEvent(ANSWER, true);
        assertTrue(d.awaitSettled(WAIT));
        assertEquals(2, r.all().size());
        assertEquals(PushRecord.State.DELIVERED, d.pushes().get(1).state());
    }

    @Test
    void callinDeliveredOnFirstTry() throws Exception {
        Receiver r = receiver();
        PushDispatcher d = dispatcher(settings(r.url("/e"), null, PushScheme.AKSK, 1.0));
        d.pushEvent(CALLIN, false);
        assertTrue(d.awaitSettled(WAIT));
        assertEquals(PushRecord.State.DELIVERED, only(d).state());
    }

    private static String cdr(int i) {
        return "{\"icid\":\"icid-" + i + "\",\"direction\":1,\"callerNum\":\"+8613800000001\",\"userData\":\"u" + i + "\"}";
    }

    @Test
    void cdrsGoOutInBatchesOfFifty() throws Exception {
        Receiver r = receiver();
        PushDispatcher d = dispatcher(new PushSettings(APP, null, r.url("/cdr"), PushScheme.AKSK, 1.0,
                Duration.ofHours(1), null, null));
        for (int i = 0; i < 120; i++) {
            d.queueCdr(cdr(i));
        }
        // two full batches left at once; 20 wait for the (hour-long) window, so flush them
        d.flushCdrs();
        assertTrue(d.awaitSettled(WAIT));

        List<PushRecord> recs = d.pushes();
        assertEquals(3, recs.size());
        List<String> icids = new ArrayList<>();
        int[] sizes = new int[3];
        for (int i = 0; i < 3; i++) {
            PushRecord rec = recs.get(i);
            assertEquals(PushRecord.Kind.CDR, rec.kind());
            assertEquals(PushRecord.State.DELIVERED, rec.state());
            JsonNode body = JSON.readTree(rec.body());
            assertEquals("fee", body.get("eventType").asText());
            assertTrue(body.get("feeLst").isArray());
            sizes[i] = body.get("feeLst").size();
            body.get("feeLst").forEach(n -> icids.add(n.get("icid").asText()));
        }
        assertArrayEquals(new int[] {50, 50, 20}, sizes);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            expected.add("icid-" + i);
        }
        assertEquals(expected, icids);

        // what arrived is what was recorded, each push signed
        List<Receiver.Request> got = r.all();
        assertEquals(3, got.size());
        Set<String> bodies = new HashSet<>();
        SignatureVerifier verifier = verifier();
        for (Receiver.Request req : got) {
            verifier.verify(req::header);
            assertEquals("/cdr", req.path());
            bodies.add(new String(req.body(), StandardCharsets.UTF_8));
            assertEquals("fee", JSON.readTree(req.body()).get("eventType").asText());
        }
        assertEquals(Set.of(recs.get(0).body(), recs.get(1).body(), recs.get(2).body()), bodies);
    }

    @Test
    void cdrBatchLeavesWhenTheWindowPasses() throws Exception {
        Receiver r = receiver();
        PushDispatcher d = dispatcher(new PushSettings(APP, null, r.url("/cdr"), PushScheme.AKSK, 1.0,
                Duration.ofMillis(100), null, null));
        long start = System.nanoTime();
        d.queueCdr(cdr(1));
        d.queueCdr(cdr(2));
        d.queueCdr(cdr(3));
        Receiver.Request req = r.next(WAIT);
        assertNotNull(req);
        assertTrue((req.receivedNanos() - start) / 1_000_000 >= 95, "sent before the window closed");
        assertEquals(3, JSON.readTree(req.body()).get("feeLst").size());
        assertTrue(d.awaitSettled(WAIT));
        assertEquals(1, d.pushes().size());
    }

    @Test
    void bodyIsUtf8ByteExact() throws Exception {
        Receiver r = receiver();
        PushDispatcher d = dispatcher(settings(r.url("/e"), r.url("/c"), PushScheme.AKSK, 1.0));
        String body = ANSWER.replace("}}", ",\"userData\":\"深圳外卖订单 #12 — ✓ 😀\"}}");
        d.pushEvent(body, true);
        String cdr = "{\"icid\":\"x\",\"userData\":\"北京 · 测试\"}";
        d.queueCdr(cdr);
        d.flushCdrs();
        assertTrue(d.awaitSettled(WAIT));
        List<Receiver.Request> got = r.all();
        assertEquals(2, got.size());
        for (Receiver.Request req : got) {
            assertEquals("application/json;charset=UTF-8", req.header("Content-Type"));
            byte[] expected = req.path().equals("/e")
                    ? body.getBytes(StandardCharsets.UTF_8)
                    : ("{\"eventType\":\"fee\",\"feeLst\":[" + cdr + "]}").getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, req.body());
            assertEquals(String.valueOf(expected.length), req.header("Content-Length"));
        }
    }

    @Test
    void wsseScheme() throws Exception {
        Receiver r = receiver().answering(n -> n == 1 ? 500 : 200);
        PushDispatcher d = dispatcher(settings(r.url("/e"), null, PushScheme.WSSE, 0.00001));
        d.pushEvent(ANSWER, true);
        assertTrue(d.awaitSettled(WAIT));
        List<Receiver.Request> got = r.all();
        assertEquals(2, got.size());
        SignatureVerifier verifier = verifier();
        for (Receiver.Request req : got) {
            assertTrue(req.header("Authorization").startsWith("WSSE "));
            assertNotNull(req.header("X-WSSE"));
            assertNull(req.header("X-AKSK"));
            verifier.verify(req::header);
        }
        assertFalse(nonce(got.get(0).header("X-WSSE")).equals(nonce(got.get(1).header("X-WSSE"))));
        // with WSSE switched off the receiver refuses it
        SignatureVerifier aksOnly = SignatureVerifier.builder().credentials(APP).wsseEnabled(false).build();
        assertThrows(SignatureVerificationException.class, () -> aksOnly.verify(got.get(1)::header));
    }

    @Test
    void noUrlMeansNothingIsSent() throws Exception {
        Receiver r = receiver();
        PushDispatcher d = dispatcher(settings(null, null, PushScheme.AKSK, 1.0));
        assertEquals(-1, d.pushEvent(ANSWER, true));
        d.queueCdr(cdr(1));
        d.flushCdrs();
        assertTrue(d.awaitSettled(Duration.ofSeconds(1)));
        assertTrue(d.pushes().isEmpty());

        // set the URLs at runtime: only what comes after is sent
        d.setUrls(r.url("/e"), r.url("/c"));
        long id = d.pushEvent(ANSWER, true);
        d.queueCdr(cdr(2));
        assertTrue(d.awaitSettled(WAIT));
        assertEquals(2, r.all().size());
        assertEquals(id, d.pushes().get(0).id());
        assertTrue(new String(r.all().stream().filter(q -> q.path().equals("/c")).findFirst().orElseThrow().body(),
                StandardCharsets.UTF_8).contains("icid-2"));

        // and removing them again stops pushes
        d.setUrls(null, null);
        assertEquals(-1, d.pushEvent(ANSWER, true));
        assertEquals(2, d.pushes().size());
    }

    @Test
    void timeoutIsAFailureAndTheCallerNeverWaits() throws Exception {
        Receiver r = receiver().stallingFirst(1);
        PushDispatcher d = dispatcher(new PushSettings(APP, r.url("/e"), null, PushScheme.AKSK, 0.00001,
                null, Duration.ofMillis(300), null));
        long start = System.nanoTime();
        d.pushEvent(ANSWER, true);
        long callMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(callMillis < 250, "pushEvent blocked for " + callMillis + " ms");
        assertTrue(d.awaitSettled(WAIT));
        PushRecord rec = only(d);
        assertEquals(PushRecord.State.DELIVERED, rec.state());
        assertEquals(2, rec.attempts().size());
        assertEquals(-1, rec.attempts().get(0).httpStatus());
        assertTrue(rec.attempts().get(0).error().contains("timeout"), rec.attempts().get(0).error());
        assertEquals(200, rec.attempts().get(1).httpStatus());
    }

    @Test
    void stalledAnswerBodyIsATimeout() throws Exception {
        Receiver r = receiver().stallingBodyOfFirst(1);
        PushDispatcher d = dispatcher(new PushSettings(APP, r.url("/e"), null, PushScheme.AKSK, 0.00001,
                null, Duration.ofMillis(200), null));
        d.pushEvent(ANSWER, true);
        assertTrue(d.awaitSettled(WAIT));
        PushRecord rec = only(d);
        assertEquals(PushRecord.State.DELIVERED, rec.state());
        assertEquals(2, rec.attempts().size());
        assertEquals(-1, rec.attempts().get(0).httpStatus());
        assertTrue(rec.attempts().get(0).error().contains("timeout"), rec.attempts().get(0).error());
    }

    @Test
    void threadsStayBounded() throws Exception {
        Receiver r = receiver();
        Set<String> before = threadNames();
        PushDispatcher d = dispatcher(settings(r.url("/e"), r.url("/c"), PushScheme.AKSK, 1.0));
        for (int i = 0; i < 200; i++) {
            d.pushEvent(ANSWER, true);
            d.queueCdr(cdr(i));
        }
        d.flushCdrs();
        assertTrue(d.awaitSettled(WAIT));
        // 200 events, and the 200 CDRs in batches of at most 50 (how many batches depends on how the batch window
        // falls on a loaded machine)
        assertEquals(200, d.pushes().stream().filter(p -> p.kind() == PushRecord.Kind.EVENT).count());
        long cdrPushes = d.pushes().stream().filter(p -> p.kind() == PushRecord.Kind.CDR).count();
        assertTrue(cdrPushes >= 4 && cdrPushes <= 200, "CDR pushes: " + cdrPushes);
        Set<String> added = threadNames();
        added.removeAll(before);
        // the dispatcher's own threads and the HttpClient's selector, nothing per push
        added.removeIf(n -> n.startsWith("sim-push-") || n.startsWith("HttpClient-"));
        assertTrue(added.stream().noneMatch(n -> n.startsWith("Thread-") || n.contains("ForkJoinPool")),
                "unexpected threads: " + added);
        long ours = threadNames().stream().filter(n -> n.startsWith("sim-push-")).count();
        assertTrue(ours <= 1 + PushDispatcher.SENDERS + 2, "push threads: " + ours);
    }

    private static Set<String> threadNames() {
        Set<String> names = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            names.add(t.getName());
        }
        return names;
    }

    @Test
    void anHttp10ReceiverThatClosesEveryConnectionLosesNothing() throws Exception {
        try (Http10Receiver r = new Http10Receiver()) {
            PushDispatcher d = dispatcher(settings(r.url("/e"), null, PushScheme.AKSK, 1.0));
            for (int i = 0; i < 100; i++) {
                d.pushEvent(CALLIN.replace("s-1", "s-" + i), false); // callin: one attempt only, never re-pushed
            }
            assertTrue(d.awaitSettled(WAIT));
            List<String> failed = new ArrayList<>();
            for (PushRecord p : d.pushes()) {
                if (p.state() != PushRecord.State.DELIVERED) {
                    failed.add(p.id() + ": " + p.attempts());
                }
            }
            assertEquals(List.of(), failed);
            assertEquals(100, new HashSet<>(r.bodies()).size());
        }
    }

    @Test
    void connectionRefusedIsAFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PushDispatcher d = dispatcher(settings(URI.create("http://127.0.0.1:" + port + "/e"), null, PushScheme.AKSK, 1.0));
        d.pushEvent(CALLIN, false);
        assertTrue(d.awaitSettled(WAIT));
        PushRecord rec = only(d);
        assertEquals(PushRecord.State.NOT_REPUSHED, rec.state());
        assertEquals(-1, rec.attempts().get(0).httpStatus());
        assertNotNull(rec.attempts().get(0).error());
    }

    @Test
    void closeStopsPromptlyWithRepushesPending() throws Exception {
        Receiver r = receiver().answering(n -> 500);
        PushDispatcher d = new PushDispatcher(settings(r.url("/e"), r.url("/c"), PushScheme.AKSK, 1.0), Clock.systemUTC());
        d.pushEvent(ANSWER, true);
        assertNotNull(r.next(WAIT));
        d.queueCdr(cdr(1));
        assertFalse(d.awaitSettled(Duration.ofMillis(50)), "a re-push is a minute away");
        long start = System.nanoTime();
        d.close();
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "close took too long");
        d.close(); // idempotent
        assertFalse(d.awaitSettled(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, () -> d.pushEvent(ANSWER, true));
        assertThrows(IllegalStateException.class, () -> d.queueCdr(cdr(2)));
        // the event was tried once and its re-push (a minute away) was cancelled; the queued CDR may or may not have
        // gone out before close(), depending on when the 100 ms batch window ended on a loaded machine
        assertEquals(1, r.all().stream().filter(q -> q.path().equals("/e")).count());
        assertTrue(r.all().stream().filter(q -> q.path().equals("/c")).count() <= 1);
        // every other dispatcher of this class is closed by now: no push thread may survive
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("sim-push-")) {
                t.join(2000);
                assertFalse(t.isAlive(), t.getName() + " still running");
            }
        }
    }

    @Test
    void httpsWithCustomTrust() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate("push test", List.of("localhost"),
                List.of("127.0.0.1"), Duration.ofDays(1));
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        server.setExecutor(threads);
        server.start();
        try {
            URI url = URI.create("https://localhost:" + server.getAddress().getPort() + "/e");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(cert.trustStore());
            SSLContext trusting = SSLContext.getInstance("TLS");
            trusting.init(null, tmf.getTrustManagers(), null);
            PushDispatcher trusted = dispatcher(new PushSettings(APP, url, null, PushScheme.AKSK, 1.0, null, null, trusting));
            trusted.pushEvent(ANSWER, true);
            assertTrue(trusted.awaitSettled(WAIT));
            assertEquals(PushRecord.State.DELIVERED, only(trusted).state());

            // the JDK's default trust does not know the certificate: a failed attempt, not a crash
            PushDispatcher untrusted = dispatcher(settings(url, null, PushScheme.AKSK, 1.0));
            untrusted.pushEvent(CALLIN, false);
            assertTrue(untrusted.awaitSettled(WAIT));
            PushRecord rec = only(untrusted);
            assertEquals(PushRecord.State.NOT_REPUSHED, rec.state());
            assertEquals(-1, rec.attempts().get(0).httpStatus());
            assertTrue(rec.attempts().get(0).error().startsWith("SSL"), rec.attempts().get(0).error());
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    @Test
    void settingsValidation() {
        URI ok = URI.create("http://127.0.0.1:1/e");
        assertThrows(NullPointerException.class, () -> PushSettings.of(null, ok, ok));
        assertThrows(IllegalArgumentException.class, () -> PushSettings.of(APP, URI.create("ftp://h/e"), null));
        assertThrows(IllegalArgumentException.class, () -> PushSettings.of(APP, URI.create("/relative"), null));
        assertThrows(IllegalArgumentException.class, () -> PushSettings.of(APP, null, URI.create("mailto:a@b")));
        assertThrows(IllegalArgumentException.class, () -> settings(ok, ok, PushScheme.AKSK, 0));
        assertThrows(IllegalArgumentException.class, () -> settings(ok, ok, PushScheme.AKSK, -1));
        assertThrows(IllegalArgumentException.class, () -> settings(ok, ok, PushScheme.AKSK, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> settings(ok, ok, PushScheme.AKSK, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class,
                () -> new PushSettings(APP, ok, ok, null, 1, Duration.ofMillis(-1), null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new PushSettings(APP, ok, ok, null, 1, null, Duration.ZERO, null));
        PushSettings defaults = new PushSettings(APP, null, null, null, 1, null, null, null);
        assertEquals(PushScheme.AKSK, defaults.scheme());
        assertEquals(Duration.ofMillis(100), defaults.cdrBatchWindow());
        assertEquals(Duration.ofSeconds(5), defaults.requestTimeout());
        assertEquals(defaults, PushSettings.of(APP, null, null));
        assertFalse(defaults.toString().contains("pushAppSecret0001"));
        try (PushDispatcher d = new PushDispatcher(defaults, Clock.systemUTC())) {
            assertThrows(IllegalArgumentException.class, () -> d.setUrls(URI.create("file:///x"), null));
        }
    }
}
