package io.github.privatenumber.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.core.OutcomeUnknownException;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.TransportException;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.binding.YbBindRequest;
import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.core.recording.RecordingReference;
import io.github.privatenumber.core.result.ResultCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The retry decisions of each operation, over a scripted transport. */
class ClientRetryTest {

    private static final AxBindRequest AX = AxBindRequest.builder().origNum("+8613800000001").build();
    private static final SubscriptionId SUB = SubscriptionId.of("sub-1");
    private static final PhoneNumber B = PhoneNumber.of("+8613900000002");
    private static final YbBindRequest YB = YbBindRequest.builder().origNum(B).subscriptionId(SUB).build();
    private static final String BOUND_X = "{\"resultcode\":\"0\",\"subscriptionId\":\"sub-1\",\"relationNumber\":\"+8617000000011\"}";
    private static final String BOUND_Y = "{\"resultcode\":\"0\",\"subscriptionId\":\"sub-1\",\"relationNumber\":\"+8617000000022\"}";
    private static final String QUERY_NO_YB = "{\"resultcode\":\"0\",\"xyRelationNumList\":[{\"numA\":\"+8613800000001\","
            + "\"numX\":\"+8617000000011\",\"numY\":\"\",\"numB\":\"\"}]}";
    private static final String QUERY_WITH_B = "{\"resultcode\":\"0\",\"xyRelationNumList\":[{\"numA\":\"+8613800000001\","
            + "\"numX\":\"+8617000000011\",\"numY\":\"+8617000000022\",\"numB\":\"+8613900000002\"}]}";

    // ------------------------------------------------------------------ AX bind

    @Test
    void axBindIsRetriedWhenTheRequestSurelyNeverLeft() {
        FakeTransport t = new FakeTransport().thenFail(false).thenAnswer(200, BOUND_X);
        try (PrivateNumberClient client = TestClients.client(t)) {
            assertEquals(SUB, client.bindAx(AX).subscriptionId());
        }
        assertEquals(2, t.requests.size());
    }

    @Test
    void axBindWithALostAnswerIsAnUnknownOutcomeAndNotRetried() {
        FakeTransport t = new FakeTransport().thenFail(true).thenAnswer(200, BOUND_X);
        try (PrivateNumberClient client = TestClients.client(t)) {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> client.bindAx(AX));
            assertEquals("bindAx", e.operation());
            assertTrue(e.getCause() instanceof TransportException);
        }
        assertEquals(1, t.requests.size());
    }

    @Test
    void axBindAnswered5xxOr1010001IsAnAnswerNotRetried() {
        FakeTransport t = new FakeTransport().thenAnswer(500, FakeTransport.fail("1010001")).thenAnswer(200, BOUND_X);
        try (PrivateNumberClient client = TestClients.client(t)) {
            PlatformException e = assertThrows(PlatformException.class, () -> client.bindAx(AX));
            assertEquals(500, e.httpStatus());
            assertEquals(ResultCode.INTERNAL_ERROR, e.resultCode());
        }
        assertEquals(1, t.requests.size());
        FakeTransport t2 = new FakeTransport().thenAnswer(200, FakeTransport.fail("1023002")).thenAnswer(200, BOUND_X);
        try (PrivateNumberClient client = TestClients.client(t2)) {
            assertThrows(PlatformException.class, () -> client.bindAx(AX));
        }
        assertEquals(1, t2.requests.size());
    }

    @Test
    void axBindGivesUpAfterMaxAttemptsOfRefusedConnections() {
        FakeTransport t = new FakeTransport().thenFail(false);
        try (PrivateNumberClient client = TestClients.client(t)) {
            TransportException e = assertThrows(TransportException.class, () -> client.bindAx(AX));
            assertFalse(e instanceof OutcomeUnknownException);
            assertFalse(e.requestMayHaveBeenSent());
        }
        assertEquals(3, t.requests.size());
    }

    @Test
    void axBindStillInFlightAtTheOverallDeadlineIsAnUnknownOutcome() {
        FakeTransport t = new FakeTransport().thenHang();
        long start = System.nanoTime();
        try (PrivateNumberClient client = TestClients.builder(t).responseTimeout(Duration.ofMillis(200))
                .overallTimeout(Duration.ofMillis(300)).build()) {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> client.bindAx(AX));
            assertEquals("bindAx", e.operation());
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 280 && ms < 2000, "took " + ms + " ms");
        assertEquals(1, t.requests.size());
    }

    // ------------------------------------------------------------------ idempotent operations

    @Test
    void queryIsRetriedOnTransportFailures5xxAndTransientCodes() {
        FakeTransport t = new FakeTransport().thenFail(true).thenAnswer(503, "{\"resultcode\":\"1099999\"}")
                .thenAnswer(200, QUERY_NO_YB);
        try (PrivateNumberClient client = TestClients.builder(t).retry(TestClients.FAST_RETRY.toBuilder().maxAttempts(4)
                .build()).build()) {
            assertEquals(1, client.query(SUB).size());
        }
        assertEquals(3, t.requests.size());
        FakeTransport t2 = new FakeTransport().thenAnswer(200, FakeTransport.fail("1023001")).thenAnswer(200, QUERY_NO_YB);
        try (PrivateNumberClient client = TestClients.client(t2)) {
            assertEquals(1, client.queryByX(PhoneNumber.of("+8617000000011")).size());
        }
        assertEquals(2, t2.requests.size());
    }

    @Test
    void definitiveRefusalsAreNotRetried() {
        FakeTransport t = new FakeTransport().thenAnswer(403, FakeTransport.fail("1016001"));
        try (PrivateNumberClient client = TestClients.client(t)) {
            PlatformException e = assertThrows(PlatformException.class, () -> client.query(SUB));
            assertEquals(ResultCode.BINDING_NOT_FOUND, e.resultCode());
        }
        assertEquals(1, t.requests.size());
    }

    @Test
    void retriesStopAtMaxAttemptsWithTheLastFailure() {
        FakeTransport t = new FakeTransport().thenAnswer(500, FakeTransport.fail("1010001"));
        try (PrivateNumberClient client = TestClients.client(t)) {
            PlatformException e = assertThrows(PlatformException.class, () -> client.stopCall(SessionId.of("s-1")));
            assertEquals(500, e.httpStatus());
        }
        assertEquals(3, t.requests.size());
        FakeTransport t2 = new FakeTransport().thenAnswer(500, FakeTransport.fail("1010001"));
        try (PrivateNumberClient client = TestClients.builder(t2).retry(RetryOptions.none()).build()) {
            assertThrows(PlatformException.class, () -> client.stopCall(SessionId.of("s-1")));
        }
        assertEquals(1, t2.requests.size());
    }

    @Test
    void retryableFailuresAreConfigurable() {
        RetryOptions options = TestClients.FAST_RETRY.toBuilder().retryOnServerErrors(false)
                .retryableResultCodes(List.of(ResultCode.of("1099999"))).retryOnTransportFailures(false).build();
        FakeTransport t = new FakeTransport().thenAnswer(500, FakeTransport.fail("1010001"));
        try (PrivateNumberClient client = TestClients.builder(t).retry(options).build()) {
            assertThrows(PlatformException.class, () -> client.query(SUB));
        }
        assertEquals(1, t.requests.size());
        FakeTransport t2 = new FakeTransport().thenAnswer(403, FakeTransport.fail("1099999")).thenAnswer(200, QUERY_NO_YB);
        try (PrivateNumberClient client = TestClients.builder(t2).retry(options).build()) {
            client.query(SUB);
        }
        assertEquals(2, t2.requests.size());
        FakeTransport t3 = new FakeTransport().thenFail(false);
        try (PrivateNumberClient client = TestClients.builder(t3).retry(options).build()) {
            assertThrows(TransportException.class, () -> client.query(SUB));
            assertThrows(TransportException.class, () -> client.bindAx(AX));
        }
        assertEquals(2, t3.requests.size());
    }

    @Test
    void unreadableAnswersAreRetriedOnlyWhen5xx() {
        FakeTransport t = new FakeTransport().thenAnswer(502, "<html/>").thenAnswer(200, QUERY_NO_YB);
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.query(SUB);
        }
        assertEquals(2, t.requests.size());
        FakeTransport t2 = new FakeTransport().thenAnswer(404, "<html/>").thenAnswer(200, QUERY_NO_YB);
        try (PrivateNumberClient client = TestClients.client(t2)) {
            assertThrows(UnreadableAnswerException.class, () -> client.query(SUB));
        }
        assertEquals(1, t2.requests.size());
    }

    @Test
    void aReplayRefusalOfAGetIsRetriedOnceWithAFreshSignature() {
        FakeTransport t = new FakeTransport().thenAnswer(401, FakeTransport.fail("1010010")).thenAnswer(200, QUERY_NO_YB);
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.query(SUB);
        }
        assertEquals(2, t.requests.size());
        FakeTransport t2 = new FakeTransport().thenAnswer(401, FakeTransport.fail("1010010"));
        try (PrivateNumberClient client = TestClients.client(t2)) {
            PlatformException e = assertThrows(PlatformException.class,
                    () -> client.downloadUrl(RecordingReference.of("obs.example.com", "a.wav")));
            assertEquals(ResultCode.INVALID_DIGEST, e.resultCode());
        }
        assertEquals(2, t2.requests.size(), "a wrong secret costs one extra attempt, not more");
        FakeTransport t3 = new FakeTransport().thenAnswer(401, FakeTransport.fail("1010010"));
        try (PrivateNumberClient client = TestClients.client(t3)) {
            assertThrows(PlatformException.class, () -> client.stopCall(SessionId.of("s-1")));
        }
        assertEquals(1, t3.requests.size(), "POSTs are not re-sent by HTTP stacks: no replay retry");
    }

    // ------------------------------------------------------------------ unbind

    @Test
    void unbindRetriedAfterALostAnswerCountsNotFoundAsDone() {
        FakeTransport t = new FakeTransport().thenFail(true).thenAnswer(403, FakeTransport.fail("1016001"));
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.unbind(SUB);
        }
        assertEquals(2, t.requests.size());
        FakeTransport t2 = new FakeTransport().thenAnswer(500, FakeTransport.fail("1010001"))
                .thenAnswer(403, FakeTransport.fail("1016001"));
        try (PrivateNumberClient client = TestClients.client(t2)) {
            client.unbindB(SUB, B);
        }
        FakeTransport t3 = new FakeTransport().thenAnswer(401, FakeTransport.fail("1010010"))
                .thenAnswer(403, FakeTransport.fail("1016001"));
        try (PrivateNumberClient client = TestClients.client(t3)) {
            client.unbindY(SUB, PhoneNumber.of("+8617000000022"));
        }
    }

    @Test
    void unbindFirstAnsweredNotFoundIsAPlatformException() {
        FakeTransport t = new FakeTransport().thenAnswer(403, FakeTransport.fail("1016001"));
        try (PrivateNumberClient client = TestClients.client(t)) {
            PlatformException e = assertThrows(PlatformException.class, () -> client.unbind(SUB));
            assertEquals(ResultCode.BINDING_NOT_FOUND, e.resultCode());
        }
        assertEquals(1, t.requests.size());
    }

    @Test
    void unbindNotFoundAfterARequestThatNeverLeftIsStillAPlatformException() {
        FakeTransport t = new FakeTransport().thenFail(false).thenAnswer(403, FakeTransport.fail("1016001"));
        try (PrivateNumberClient client = TestClients.client(t)) {
            assertThrows(PlatformException.class, () -> client.unbind(SUB));
        }
        assertEquals(2, t.requests.size());
    }

    // ------------------------------------------------------------------ YB bind

    @Test
    void ybBindAfterALostAnswerFindsBAlreadyBoundAndDoesNotBindAgain() {
        FakeTransport t = new FakeTransport().thenFail(true).thenAnswer(200, QUERY_WITH_B).thenAnswer(200, BOUND_Y);
        BindResult r;
        try (PrivateNumberClient client = TestClients.client(t)) {
            r = client.bindYb(YB);
        }
        assertEquals(BindResult.of(SUB, PhoneNumber.of("+8617000000022")), r);
        assertEquals(List.of("POST", "GET"), t.requests.stream().map(TransportRequest::method).toList());
        assertTrue(t.request(1).uri().getRawQuery().startsWith("subscriptionId=sub-1&"));
    }

    @Test
    void ybBindAfterALostAnswerBindsAgainWhenBIsNotThere() {
        FakeTransport t = new FakeTransport().thenFail(true).thenAnswer(200, QUERY_NO_YB).thenAnswer(200, BOUND_Y);
        try (PrivateNumberClient client = TestClients.client(t)) {
            assertEquals(PhoneNumber.of("+8617000000022"), client.bindYb(YB).relationNumber());
        }
        assertEquals(List.of("POST", "GET", "POST"), t.requests.stream().map(TransportRequest::method).toList());
    }

    @Test
    void ybBindWhoseReconcilingQueryIsRefusedAsAReplayReconcilesAgain() {
        // the JDK client re-sends a GET whose answer was lost with the same nonce: the platform refuses the copy
        FakeTransport t = new FakeTransport().thenFail(true).thenAnswer(401, FakeTransport.fail("1010010"))
                .thenAnswer(200, QUERY_WITH_B);
        try (PrivateNumberClient client = TestClients.client(t)) {
            assertEquals(PhoneNumber.of("+8617000000022"), client.bindYb(YB).relationNumber());
        }
        assertEquals(List.of("POST", "GET", "GET"), t.requests.stream().map(TransportRequest::method).toList());
        FakeTransport t2 = new FakeTransport().thenFail(true).thenAnswer(401, FakeTransport.fail("1010010"));
        try (PrivateNumberClient client = TestClients.client(t2)) {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> client.bindYb(YB),
                    "B may be bound: never an \"invalid digest\" PlatformException");
            assertEquals("bindYb", e.operation());
        }
    }

    @Test
    void ybBindRefusedAsExistingAfterAnEarlierAttemptLandedLateReturnsThatBinding() {
        // attempt 1 is delayed in the platform; the query of attempt 2 misses it, then it lands before the re-bind
        FakeTransport t = new FakeTransport().thenFail(true).thenAnswer(200, QUERY_NO_YB)
                .thenAnswer(403, FakeTransport.fail("1012010")).thenAnswer(200, QUERY_WITH_B);
        try (PrivateNumberClient client = TestClients.client(t)) {
            assertEquals(PhoneNumber.of("+8617000000022"), client.bindYb(YB).relationNumber());
        }
        assertEquals(List.of("POST", "GET", "POST", "GET"), t.requests.stream().map(TransportRequest::method).toList());
        FakeTransport t2 = new FakeTransport().thenFail(true).thenAnswer(200, QUERY_NO_YB)
                .thenAnswer(403, FakeTransport.fail("1012010")).thenAnswer(200, QUERY_NO_YB);
        try (PrivateNumberClient client = TestClients.client(t2)) {
            PlatformException e = assertThrows(PlatformException.class, () -> client.bindYb(YB));
            assertEquals(ResultCode.RELATION_EXISTS, e.resultCode(), "still not there: the refusal stands");
        }
    }

    @Test
    void ybBindRetriedAfterAConnectFailureDoesNotReconcile() {
        FakeTransport t = new FakeTransport().thenFail(false).thenAnswer(200, BOUND_Y);
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.bindYb(YB);
        }
        assertEquals(List.of("POST", "POST"), t.requests.stream().map(TransportRequest::method).toList());
    }

    @Test
    void ybBindThatCannotBeSettledIsAnUnknownOutcome() {
        FakeTransport t = new FakeTransport().thenFail(true);
        try (PrivateNumberClient client = TestClients.client(t)) {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> client.bindYb(YB));
            assertEquals("bindYb", e.operation());
        }
        // bind, then (query fails) twice
        assertEquals(List.of("POST", "GET", "GET"), t.requests.stream().map(TransportRequest::method).toList());
    }

    @Test
    void ybBindDefinitiveRefusalIsAPlatformException() {
        FakeTransport t = new FakeTransport().thenAnswer(403, FakeTransport.fail("1012010"));
        try (PrivateNumberClient client = TestClients.client(t)) {
            PlatformException e = assertThrows(PlatformException.class, () -> client.bindYb(YB));
            assertEquals(ResultCode.RELATION_EXISTS, e.resultCode());
        }
        assertEquals(1, t.requests.size());
    }

    // ------------------------------------------------------------------ timing and threads

    @Test
    void theOverallTimeoutBoundsEveryAttemptAndWait() {
        FakeTransport t = new FakeTransport().thenHang();
        long start = System.nanoTime();
        try (PrivateNumberClient client = TestClients.builder(t).responseTimeout(Duration.ofMillis(100))
                .overallTimeout(Duration.ofMillis(250)).build()) {
            TransportException e = assertThrows(TransportException.class, () -> client.query(SUB));
            assertTrue(e.getMessage().contains("overall timeout"), e.getMessage());
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 240 && ms < 1500, "took " + ms + " ms");
    }

    @Test
    void backoffWaitsGrowBetweenAttempts() {
        FakeTransport t = new FakeTransport().thenFail(true);
        RetryOptions slow = RetryOptions.builder().initialBackoff(Duration.ofMillis(100)).multiplier(2).jitter(0).build();
        long start = System.nanoTime();
        try (PrivateNumberClient client = TestClients.builder(t).retry(slow).build()) {
            assertThrows(TransportException.class, () -> client.query(SUB));
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // 100 ms + 200 ms of backoff between three attempts
        assertTrue(ms >= 290 && ms < 2000, "took " + ms + " ms");
        assertEquals(3, t.requests.size());
    }

    @Test
    void asyncCallsDoNotBlockTheCaller() {
        FakeTransport t = new FakeTransport().thenHang();
        try (PrivateNumberClient client = TestClients.client(t)) {
            long start = System.nanoTime();
            CompletableFuture<?> f = client.queryAsync(SUB);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 500);
            assertFalse(f.isDone());
            f.cancel(true);
        }
    }

    @Test
    void cancellingACallCancelsTheRequestInFlight() throws Exception {
        CompletableFuture<io.github.privatenumber.client.spi.TransportResponse> inFlight = new CompletableFuture<>();
        FakeTransport t = new FakeTransport().then(r -> inFlight);
        try (PrivateNumberClient client = TestClients.client(t)) {
            CompletableFuture<?> f = client.queryAsync(SUB);
            f.cancel(true);
            assertTrue(inFlight.isCancelled());
        }
    }

    @Test
    void anInterruptedSyncCallRestoresTheFlagAndThrows() throws Exception {
        FakeTransport t = new FakeTransport().thenHang();
        try (PrivateNumberClient client = TestClients.client(t)) {
            Throwable[] thrown = new Throwable[1];
            boolean[] flag = new boolean[1];
            Thread th = new Thread(() -> {
                try {
                    client.bindAx(AX);
                } catch (Throwable e) {
                    thrown[0] = e;
                    flag[0] = Thread.currentThread().isInterrupted();
                }
            });
            th.start();
            Thread.sleep(100);
            th.interrupt();
            th.join(5000);
            assertTrue(thrown[0] instanceof OutcomeUnknownException, String.valueOf(thrown[0]));
            assertTrue(flag[0]);
            assertTrue(thrown[0].getCause().getCause() instanceof InterruptedException);
        }
    }

    @Test
    void aTransportThatThrowsInsteadOfFailingTheFutureIsHandled() {
        FakeTransport t = new FakeTransport().then(r -> {
            throw new IllegalStateException("boom");
        });
        try (PrivateNumberClient client = TestClients.builder(t).retry(RetryOptions.none()).build()) {
            TransportException e = assertThrows(TransportException.class, () -> client.query(SUB));
            assertTrue(e.requestMayHaveBeenSent());
            OutcomeUnknownException o = assertThrows(OutcomeUnknownException.class, () -> client.bindAx(AX));
            assertEquals("bindAx", o.operation());
        }
    }
}
