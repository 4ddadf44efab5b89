package io.github.privatenumber.transport.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.RetryOptions;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.OutcomeUnknownException;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.TransportException;
import io.github.privatenumber.core.binding.AreaMatchMode;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindDuration;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.CallDirection;
import io.github.privatenumber.core.binding.Relation;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.binding.YbBindRequest;
import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.core.recording.RecordingReference;
import io.github.privatenumber.core.recording.RecordingUrl;
import io.github.privatenumber.core.result.ResultCode;
import io.github.privatenumber.simulator.CallRequest;
import io.github.privatenumber.simulator.CallResult;
import io.github.privatenumber.simulator.Fault;
import io.github.privatenumber.simulator.Simulator;
import io.github.privatenumber.simulator.SimulatorState;
import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole client, on the JDK transport, against the simulator over real loopback sockets: every operation, every
 * class of error, and the faults that decide the retry rules.
 */
class SimulatorClientTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.builder().build();

    private static final String BINDING_PATH = "/rest/omp/xyrelationnumber/v1.0";
    private static final String RECORDING_PATH = "/rest/provision/voice/record/v1.0";
    private static final PhoneNumber A = PhoneNumber.of("+8613800000001");
    private static final PhoneNumber B = PhoneNumber.of("+8613900000002");
    private static final RetryOptions FAST = RetryOptions.builder().initialBackoff(Duration.ofMillis(20))
            .maxBackoff(Duration.ofMillis(100)).build();

    private Simulator sim;
    private PrivateNumberClient client;

    @BeforeEach
    void connect() {
        sim = SIM.simulator();
        client = builder().build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private PrivateNumberClient.Builder builder() {
        return PrivateNumberClient.builder()
                .endpoint(sim.baseUrl())
                .credentials(sim.credentials())
                .transportFactory(new JdkHttpTransportFactory())
                .retry(FAST)
                .responseTimeout(Duration.ofSeconds(5))
                .overallTimeout(Duration.ofSeconds(20));
    }

    private BindResult bindAx() {
        return client.bindAx(AxBindRequest.builder().origNum(A).areaCode("0755").build());
    }

    private BindResult bindYb(SubscriptionId id) {
        return client.bindYb(YbBindRequest.builder().origNum(B).subscriptionId(id).build());
    }

    private List<SimulatorState.Binding> bindings() {
        return sim.state().bindings();
    }

    // ------------------------------------------------------------------ every operation

    @Test
    void bindQueryAndUnbindTheWholeWay() {
        BindResult ax = bindAx();
        assertTrue(ax.relationNumber().value().startsWith("+86170755"), ax.toString());
        BindResult yb = bindYb(ax.subscriptionId());
        assertEquals(ax.subscriptionId(), yb.subscriptionId());
        assertFalse(yb.relationNumber().equals(ax.relationNumber()));

        List<Relation> bySubscription = client.query(ax.subscriptionId());
        assertEquals(1, bySubscription.size());
        Relation r = bySubscription.get(0);
        assertEquals(A, r.numA());
        assertEquals(ax.relationNumber(), r.numX());
        assertEquals(Optional.of(yb.relationNumber()), r.numY());
        assertEquals(Optional.of(B), r.numB());
        assertTrue(r.subscribeTime().isPresent());
        assertTrue(Duration.between(r.subscribeTime().get(), Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0,
                "subscribeTime is read as UTC: " + r.subscribeTime());
        assertEquals(bySubscription, client.queryByX(ax.relationNumber()));

        client.unbindB(ax.subscriptionId(), B);
        Relation afterUnbindB = client.query(ax.subscriptionId()).get(0);
        assertFalse(afterUnbindB.isYbBound());
        assertEquals(Optional.empty(), afterUnbindB.numY());

        BindResult yb2 = bindYb(ax.subscriptionId());
        client.unbindY(ax.subscriptionId(), yb2.relationNumber());
        assertFalse(client.query(ax.subscriptionId()).get(0).isYbBound());

        client.unbind(ax.subscriptionId());
        PlatformException gone = assertThrows(PlatformException.class, () -> client.query(ax.subscriptionId()));
        assertEquals(ResultCode.BINDING_NOT_FOUND, gone.resultCode());
        assertEquals(403, gone.httpStatus());
        assertTrue(bindings().isEmpty());
    }

    @Test
    void everyAxFieldArrivesAndUserDataSurvivesAsUtf8() {
        String userData = "订单 #42 {\"x\"} 😀 ä";
        BindResult ax = client.bindAx(AxBindRequest.builder().origNum(A).areaCode("020")
                .areaMatchMode(AreaMatchMode.LOOSE).callDirection(CallDirection.A_TO_B).durationSeconds(3600)
                .ybDurationSeconds(600).recordFlag(true).recordHintTone("hint.wav").preVoiceX("ring-x.wav")
                .userData(userData).build());
        SimulatorState.Binding b = bindings().get(0);
        assertEquals("020", b.areaCode());
        assertEquals(1, b.callDirection());
        assertEquals(3600, b.duration());
        assertEquals(600, b.ybDuration());
        assertTrue(b.recordFlag());
        assertEquals(userData, b.userData());
        Relation r = client.query(ax.subscriptionId()).get(0);
        assertEquals(Optional.of(userData), r.userData());
        assertEquals(CallDirection.A_TO_B, r.callDirection());
        assertEquals(Optional.of(BindDuration.ofSeconds(3600)), r.duration());
        assertEquals(Optional.of("hint.wav"), r.recordHintTone());
        assertEquals(Optional.of("ring-x.wav"), r.preVoiceX());
        assertTrue(r.recordFlag());
    }

    @Test
    void theRecordingLocationIsReturnedExactlyAndWorksWithoutOurHeaders() throws Exception {
        BindResult ax = client.bindAx(AxBindRequest.builder().origNum(A).areaCode("0755").recordFlag(true).build());
        BindResult yb = bindYb(ax.subscriptionId());
        CallResult call = sim.placeCall(CallRequest.of(A.value(), yb.relationNumber().value()).talkSeconds(5));
        assertTrue(call.answered());
        RecordingReference ref = RecordingReference.of(call.recordDomain(), call.recordObjectName());
        RecordingUrl url = client.downloadUrl(ref);
        assertTrue(url.value().startsWith(sim.baseUrl() + "/simulator/recordings/"), url.toString());
        assertTrue(url.value().contains("%"), "the Location keeps its percent-escapes");
        // the Location as returned downloads the audio with no platform headers at all
        HttpResponse<byte[]> audio = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.toUri()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, audio.statusCode());
        assertEquals("RIFF", new String(audio.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));

        PlatformException missing = assertThrows(PlatformException.class,
                () -> client.downloadUrl(RecordingReference.of(call.recordDomain(), "no-such-file.wav")));
        assertEquals(ResultCode.RECORDING_NOT_FOUND, missing.resultCode());
        sim.advanceClock(Duration.ofDays(8));
        assertEquals(ResultCode.RECORDING_NOT_FOUND,
                assertThrows(PlatformException.class, () -> client.downloadUrl(ref)).resultCode());
    }

    @Test
    void stopCallEndsAHeldCallAndRefusesAnEndedOne() {
        BindResult ax = bindAx();
        BindResult yb = bindYb(ax.subscriptionId());
        CallResult call = sim.placeCall(CallRequest.of(A.value(), yb.relationNumber().value()).held());
        assertEquals(CallResult.IN_PROGRESS, call.hangupCode());
        SessionId session = SessionId.of(call.sessionId());
        client.stopCall(session);
        assertFalse(sim.state().calls().get(0).inProgress());
        PlatformException e = assertThrows(PlatformException.class, () -> client.stopCall(session));
        assertEquals(ResultCode.INVALID_REQUEST, e.resultCode());
    }

    @Test
    void asyncCallsRunConcurrently() {
        List<CompletableFuture<BindResult>> binds = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            binds.add(client.bindAxAsync(AxBindRequest.builder().origNum("+861380000000" + i).build()));
        }
        CompletableFuture.allOf(binds.toArray(CompletableFuture[]::new)).join();
        List<CompletableFuture<List<Relation>>> queries = binds.stream()
                .map(f -> client.queryAsync(f.join().subscriptionId())).toList();
        for (CompletableFuture<List<Relation>> q : queries) {
            assertEquals(1, q.join().size());
        }
        assertEquals(5, bindings().size());
    }

    // ------------------------------------------------------------------ platform errors

    @Test
    void platformRefusalsArePlatformExceptions() {
        PlatformException strict = assertThrows(PlatformException.class, () -> client.bindAx(
                AxBindRequest.builder().origNum(A).areaCode("0999").areaMatchMode(AreaMatchMode.STRICT).build()));
        assertEquals(ResultCode.NO_FREE_NUMBER, strict.resultCode());

        for (int i = 0; i < 5; i++) {
            bindAx();
        }
        PlatformException sixth = assertThrows(PlatformException.class, this::bindAx);
        assertEquals(ResultCode.MAX_X_REACHED, sixth.resultCode());
        assertEquals(5, bindings().size());

        PlatformException unknown = assertThrows(PlatformException.class,
                () -> client.unbind(SubscriptionId.of("no-such-subscription")));
        assertEquals(ResultCode.BINDING_NOT_FOUND, unknown.resultCode());
        assertEquals(ResultCode.BINDING_NOT_FOUND, assertThrows(PlatformException.class,
                () -> client.queryByX(PhoneNumber.of("+8617099999999"))).resultCode());
        assertEquals(ResultCode.INVALID_REQUEST, assertThrows(PlatformException.class,
                () -> client.stopCall(SessionId.of("no-such-call"))).resultCode());
        assertEquals(ResultCode.BINDING_NOT_FOUND, assertThrows(PlatformException.class,
                () -> client.bindYb(YbBindRequest.builder().origNum(B).subscriptionId("no-such-subscription").build()))
                .resultCode());
    }

    @Test
    void authenticationFailuresArePlatformExceptions() {
        try (PrivateNumberClient wrongSecret = builder().credentials(AppCredentials.of(Simulator.DEFAULT_APP_KEY,
                "not-the-secret")).build()) {
            PlatformException post = assertThrows(PlatformException.class, () -> wrongSecret.bindAx(
                    AxBindRequest.builder().origNum(A).build()));
            assertEquals(401, post.httpStatus());
            assertEquals(ResultCode.INVALID_DIGEST, post.resultCode());
            assertEquals(ResultCode.INVALID_DIGEST, assertThrows(PlatformException.class,
                    () -> wrongSecret.query(SubscriptionId.of("s"))).resultCode());
        }
        try (PrivateNumberClient wrongKey = builder().credentials(AppCredentials.of("other-app", "secret")).build()) {
            PlatformException e = assertThrows(PlatformException.class, () -> wrongKey.query(SubscriptionId.of("s")));
            assertEquals(403, e.httpStatus());
            assertEquals(ResultCode.INVALID_APP_KEY, e.resultCode());
        }
        Clock tenMinutesSlow = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        try (PrivateNumberClient stale = builder().clock(tenMinutesSlow).build()) {
            PlatformException e = assertThrows(PlatformException.class, () -> stale.bindAx(
                    AxBindRequest.builder().origNum(A).build()));
            assertEquals(ResultCode.CREATED_OUT_OF_WINDOW, e.resultCode());
        }
        assertTrue(bindings().isEmpty());
    }

    // ------------------------------------------------------------------ faults

    @Test
    void anAxBindWhoseAnswerIsLostIsAnUnknownOutcomeWithExactlyOneBinding() {
        sim.faults().add(Fault.answerLost(BINDING_PATH).onMethod("POST"));
        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, this::bindAx);
        assertEquals("bindAx", e.operation());
        assertEquals(1, bindings().size(), "processed once, never bound a second time");
        // the caller can find out: the binding is there
        SimulatorState.Binding made = bindings().get(0);
        assertEquals(A.value(), made.numA());
        assertEquals(1, client.queryByX(PhoneNumber.of(made.numX())).size());
    }

    @Test
    void anAxBindThatMeetsAServerErrorIsNotRetried() {
        sim.faults().add(Fault.serverError(BINDING_PATH).onMethod("POST"));
        PlatformException e = assertThrows(PlatformException.class, this::bindAx);
        assertEquals(500, e.httpStatus());
        assertEquals(ResultCode.INTERNAL_ERROR, e.resultCode());
        assertTrue(bindings().isEmpty());
        assertEquals(1, bindAx().relationNumber() != null ? 1 : 0);
    }

    @Test
    void anAxBindWhoseConnectionIsResetIsAnUnknownOutcomeAndNothingWasBound() {
        // the client cannot tell "reset before processing" from "reset after": it must not guess
        sim.faults().add(Fault.connectionReset(BINDING_PATH).onMethod("POST"));
        assertThrows(OutcomeUnknownException.class, this::bindAx);
        assertTrue(bindings().isEmpty());
    }

    @Test
    void anAxBindToAClosedPortIsRetriedAndFailsAsNotSent() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (PrivateNumberClient closedPort = builder().endpoint("http://127.0.0.1:" + port).build()) {
            TransportException e = assertThrows(TransportException.class, () -> closedPort.bindAx(
                    AxBindRequest.builder().origNum(A).build()));
            assertFalse(e instanceof OutcomeUnknownException);
            assertFalse(e.requestMayHaveBeenSent());
        }
    }

    @Test
    void anUnbindWhoseAnswerIsLostSucceedsAfterARetry() {
        BindResult ax = bindAx();
        sim.faults().add(Fault.answerLost(BINDING_PATH).onMethod("DELETE"));
        client.unbind(ax.subscriptionId());
        assertTrue(bindings().isEmpty());
        assertTrue(sim.faults().list().isEmpty(), "the fault fired");
    }

    @Test
    void aQueryWhoseAnswerIsLostSucceedsAfterARetry() {
        BindResult ax = bindAx();
        sim.faults().add(Fault.answerLost(BINDING_PATH).onMethod("GET"));
        assertEquals(1, client.query(ax.subscriptionId()).size());
        assertTrue(sim.faults().list().isEmpty(), "the fault fired");
    }

    @Test
    void aRecordingRequestWhoseAnswerIsLostSucceedsAfterARetry() {
        BindResult ax = client.bindAx(AxBindRequest.builder().origNum(A).areaCode("0755").recordFlag(true).build());
        BindResult yb = bindYb(ax.subscriptionId());
        CallResult call = sim.placeCall(CallRequest.of(A.value(), yb.relationNumber().value()).talkSeconds(5));
        sim.faults().add(Fault.answerLost(RECORDING_PATH));
        RecordingUrl url = client.downloadUrl(RecordingReference.of(call.recordDomain(), call.recordObjectName()));
        assertTrue(url.value().startsWith(sim.baseUrl().toString()));
        assertTrue(sim.faults().list().isEmpty());
    }

    @Test
    void connectionResetsBeforeProcessingAreRetried() {
        BindResult ax = bindAx();
        sim.faults().add(Fault.connectionReset(BINDING_PATH).onMethod("GET").times(2));
        assertEquals(1, client.query(ax.subscriptionId()).size());
        sim.faults().add(Fault.connectionReset(BINDING_PATH).onMethod("DELETE"));
        client.unbindB(ax.subscriptionId(), B);
        sim.faults().add(Fault.connectionReset(BINDING_PATH).onMethod("DELETE"));
        client.unbind(ax.subscriptionId());
        assertTrue(bindings().isEmpty());
    }

    @Test
    void serverErrorsAreRetriedForIdempotentOperations() {
        BindResult ax = bindAx();
        sim.faults().add(Fault.serverError(BINDING_PATH).onMethod("GET").times(2));
        assertEquals(1, client.query(ax.subscriptionId()).size());
        sim.faults().add(Fault.serverError(BINDING_PATH).onMethod("GET").times(3));
        PlatformException e = assertThrows(PlatformException.class, () -> client.query(ax.subscriptionId()));
        assertEquals(ResultCode.INTERNAL_ERROR, e.resultCode());
    }

    @Test
    void aYbBindWhoseAnswerIsLostIsReconciledWithoutASecondBinding() {
        BindResult ax = bindAx();
        sim.faults().add(Fault.answerLost(BINDING_PATH).onMethod("POST"));
        BindResult yb = bindYb(ax.subscriptionId());
        List<SimulatorState.YbBinding> pairs = bindings().get(0).ybBindings();
        assertEquals(1, pairs.size());
        assertEquals(B.value(), pairs.get(0).numB());
        assertEquals(pairs.get(0).numY(), yb.relationNumber().value());
    }

    @Test
    void aYbBindWhoseConnectionIsResetIsBoundOnceAfterReconciling() {
        BindResult ax = bindAx();
        sim.faults().add(Fault.connectionReset(BINDING_PATH).onMethod("POST"));
        BindResult yb = bindYb(ax.subscriptionId());
        List<SimulatorState.YbBinding> pairs = bindings().get(0).ybBindings();
        assertEquals(1, pairs.size());
        assertEquals(pairs.get(0).numY(), yb.relationNumber().value());
    }

    @Test
    void aDelayLongerThanTheResponseTimeoutFailsWithinTheTimeout() {
        BindResult ax = bindAx();
        sim.faults().add(Fault.latency(BINDING_PATH, Duration.ofSeconds(3)).onMethod("GET"));
        try (PrivateNumberClient impatient = builder().responseTimeout(Duration.ofMillis(500))
                .retry(RetryOptions.none()).build()) {
            long start = System.nanoTime();
            TransportException e = assertThrows(TransportException.class, () -> impatient.query(ax.subscriptionId()));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e.requestMayHaveBeenSent());
            assertTrue(e.getMessage().contains("timed out after 500 ms"), e.getMessage());
            assertTrue(ms >= 490 && ms < 1000, "took " + ms + " ms");
        }
    }

    @Test
    void theOverallTimeoutBoundsRetriesOfASlowPlatform() {
        BindResult ax = bindAx();
        sim.faults().add(Fault.latency(BINDING_PATH, Duration.ofSeconds(2)).onMethod("GET").unlimited());
        try (PrivateNumberClient impatient = builder().responseTimeout(Duration.ofMillis(300))
                .overallTimeout(Duration.ofMillis(800)).build()) {
            long start = System.nanoTime();
            assertThrows(TransportException.class, () -> impatient.query(ax.subscriptionId()));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 590 && ms < 1300, "took " + ms + " ms");
        }
        sim.faults().clear();
    }

    @Test
    void aSlowAxBindIsAnUnknownOutcomeAndIsNotRepeated() {
        sim.faults().add(Fault.latency(BINDING_PATH, Duration.ofMillis(1500)).onMethod("POST"));
        try (PrivateNumberClient impatient = builder().responseTimeout(Duration.ofMillis(300)).build()) {
            assertThrows(OutcomeUnknownException.class, () -> impatient.bindAx(AxBindRequest.builder().origNum(A).build()));
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (bindings().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, bindings().size(), "the platform bound it once, after the client gave up");
    }

    // ------------------------------------------------------------------ discovery

    @Test
    void theJdkTransportIsFoundThroughServiceLoader() {
        try (PrivateNumberClient discovered = PrivateNumberClient.builder().endpoint(sim.baseUrl())
                .credentials(sim.credentials()).build()) {
            assertTrue(discovered.toString().contains("transport=jdk"), discovered.toString());
            BindResult ax = discovered.bindAx(AxBindRequest.builder().origNum(A).build());
            assertEquals(1, discovered.query(ax.subscriptionId()).size());
        }
    }

    @Test
    void theClientRefusesPlainHttpBeyondLoopback() {
        assertThrows(io.github.privatenumber.core.InvalidValueException.class,
                () -> builder().endpoint(URI.create("http://rtcpns.cn-north-1.myhuaweicloud.com")));
    }
}
