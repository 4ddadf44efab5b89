package io.github.privatenumber.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.spi.TransportResponse;
import io.github.privatenumber.core.OutcomeUnknownException;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindDuration;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.CallDirection;
import io.github.privatenumber.core.binding.Relation;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.core.recording.RecordingReference;
import io.github.privatenumber.core.recording.RecordingUrl;
import io.github.privatenumber.core.result.ResultCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How answers become values or exceptions. */
class ClientMappingTest {

    private static final AxBindRequest AX = AxBindRequest.builder().origNum("+8613800000001").build();
    private static final RecordingReference REC = RecordingReference.of("obs.example.com", "a.wav");
    private static final SubscriptionId SUB = SubscriptionId.of("sub-1");

    @Test
    void bindSuccessIgnoresUnknownFields() {
        FakeTransport t = new FakeTransport().thenAnswer(200, "{\"resultcode\":\"0\",\"resultdesc\":\"Success\","
                + "\"subscriptionId\":\"sub-1\",\"relationNumber\":\"+8617000000011\",\"newField\":{\"x\":[1,2]}}");
        try (PrivateNumberClient client = TestClients.client(t)) {
            BindResult r = client.bindAx(AX);
            assertEquals(SUB, r.subscriptionId());
            assertEquals(PhoneNumber.of("+8617000000011"), r.relationNumber());
        }
    }

    @Test
    void anyOtherResultCodeIsAPlatformExceptionWithStatusCodeAndMaskedDescription() {
        FakeTransport t = new FakeTransport().thenAnswer(403,
                "{\"resultcode\":\"1011003\",\"resultdesc\":\"A +8613800000001 holds too many X\"}");
        try (PrivateNumberClient client = TestClients.client(t)) {
            PlatformException e = assertThrows(PlatformException.class, () -> client.bindAx(AX));
            assertEquals(403, e.httpStatus());
            assertEquals(ResultCode.MAX_X_REACHED, e.resultCode());
            assertFalse(e.description().contains("13800000001"), e.description());
            assertFalse(e.getMessage().contains("13800000001"), e.getMessage());
            assertEquals(1, t.requests.size());
        }
    }

    @Test
    void unknownResultCodesAreKept() {
        FakeTransport t = new FakeTransport().thenAnswer(403, "{\"resultcode\":\"1099999\",\"resultdesc\":\"new\"}");
        try (PrivateNumberClient client = TestClients.client(t)) {
            PlatformException e = assertThrows(PlatformException.class, () -> client.query(SUB));
            assertEquals("1099999", e.resultCode().code());
            assertFalse(e.resultCode().isKnown());
        }
    }

    @Test
    void aNumericResultCodeIsReadToo() {
        FakeTransport t = new FakeTransport().thenAnswer(200, "{\"resultcode\":0}");
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.stopCall(SessionId.of("s-1"));
        }
    }

    @Test
    void queryMapsEveryFieldAndEmptyNumbersAsAbsent() {
        FakeTransport t = new FakeTransport().thenAnswer(200, "{\"resultcode\":\"0\",\"xyRelationNumList\":["
                + "{\"bindId\":\"b1\",\"numA\":\"+8613800000001\",\"numX\":\"+8617000000011\",\"numY\":\"\",\"numB\":\"\","
                + "\"recordFlag\":\"true\",\"recordHintTone\":\"hint.wav\",\"subscribeTime\":\"2024-05-01 08:30:00\","
                + "\"callDirection\":2,\"duration\":\"7200\",\"ybDuration\":\"0\",\"preVoiceX\":\"x.wav\","
                + "\"userData\":\"订单\",\"extra\":1},"
                + "{\"numA\":\"+8613800000001\",\"numX\":\"+8617000000011\",\"numY\":\"+8617000000022\","
                + "\"numB\":\"+8613900000002\",\"recordFlag\":\"false\",\"subscribeTime\":\"garbage\","
                + "\"callDirection\":\"0\",\"duration\":\"x\",\"subscriptionId\":\"other\"}]}");
        List<Relation> list;
        try (PrivateNumberClient client = TestClients.client(t)) {
            list = client.query(SUB);
        }
        assertEquals(2, list.size());
        Relation a = list.get(0);
        assertEquals(Optional.of("b1"), a.bindId());
        assertEquals(PhoneNumber.of("+8613800000001"), a.numA());
        assertEquals(PhoneNumber.of("+8617000000011"), a.numX());
        assertEquals(Optional.empty(), a.numY());
        assertEquals(Optional.empty(), a.numB());
        assertFalse(a.isYbBound());
        assertTrue(a.recordFlag());
        assertEquals(Optional.of("hint.wav"), a.recordHintTone());
        // UTC, whatever the JVM's zone
        assertEquals(Optional.of(Instant.parse("2024-05-01T08:30:00Z")), a.subscribeTime());
        assertEquals(CallDirection.B_TO_A, a.callDirection());
        assertEquals(Optional.of(BindDuration.ofSeconds(7200)), a.duration());
        assertEquals(Optional.of(BindDuration.NEVER), a.ybDuration());
        assertEquals(Optional.of("订单"), a.userData());
        assertEquals(Optional.of(SUB), a.subscriptionId());
        Relation b = list.get(1);
        assertTrue(b.isYbBound());
        assertEquals(Optional.of(PhoneNumber.of("+8617000000022")), b.numY());
        assertFalse(b.recordFlag());
        assertEquals(Optional.empty(), b.subscribeTime());
        assertEquals(CallDirection.BOTH, b.callDirection());
        assertEquals(Optional.empty(), b.duration());
        assertEquals(Optional.of(SubscriptionId.of("other")), b.subscriptionId());
    }

    @Test
    void queryByXLeavesTheSubscriptionAsReported() {
        FakeTransport t = new FakeTransport().thenAnswer(200, "{\"resultcode\":\"0\",\"xyRelationNumList\":["
                + "{\"numA\":\"+8613800000001\",\"numX\":\"+8617000000011\"}]}");
        try (PrivateNumberClient client = TestClients.client(t)) {
            Relation r = client.queryByX(PhoneNumber.of("+8617000000011")).get(0);
            assertEquals(Optional.empty(), r.subscriptionId());
            assertEquals(CallDirection.BOTH, r.callDirection());
        }
    }

    @Test
    void answerBodiesAreDecodedAsUtf8() {
        String json = "{\"resultcode\":\"0\",\"xyRelationNumList\":[{\"numA\":\"+8613800000001\","
                + "\"numX\":\"+8617000000011\",\"userData\":\"张三 😀\"}]}";
        FakeTransport t = new FakeTransport().thenAnswer(new TransportResponse(200,
                Map.of("Content-Type", List.of("application/json")), json.getBytes(StandardCharsets.UTF_8)));
        try (PrivateNumberClient client = TestClients.client(t)) {
            assertEquals(Optional.of("张三 😀"), client.query(SUB).get(0).userData());
        }
    }

    @Test
    void aGenuineReplacementCharacterIsValidUtf8() {
        byte[] body = "{\"resultcode\":\"0\",\"resultdesc\":\"ok \uFFFD\"}".getBytes(StandardCharsets.UTF_8);
        FakeTransport t = new FakeTransport().thenAnswer(new TransportResponse(200, Map.of(), body));
        try (PrivateNumberClient client = TestClients.builder(t).retry(RetryOptions.none()).build()) {
            client.stopCall(SessionId.of("s-1"));
        }
    }

    @Test
    void bodiesThatAreNotUtf8AreUnreadable() {
        byte[] latin1 = "{\"resultcode\":\"0\",\"resultdesc\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        FakeTransport t = new FakeTransport().thenAnswer(new TransportResponse(200, Map.of(), latin1));
        try (PrivateNumberClient client = TestClients.builder(t).retry(RetryOptions.none()).build()) {
            UnreadableAnswerException e = assertThrows(UnreadableAnswerException.class,
                    () -> client.stopCall(SessionId.of("s-1")));
            assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
            assertTrue(e.requestMayHaveBeenSent());
        }
    }

    @Test
    void htmlFromAProxyIsUnreadableAndNeverQuotedBack() {
        FakeTransport t = new FakeTransport().thenAnswer(new TransportResponse(502,
                Map.of("Content-Type", List.of("text/html")),
                "<html>bad gateway for +8613800000001</html>".getBytes(StandardCharsets.UTF_8)));
        try (PrivateNumberClient client = TestClients.builder(t).retry(RetryOptions.none()).build()) {
            UnreadableAnswerException e = assertThrows(UnreadableAnswerException.class, () -> client.query(SUB));
            assertEquals(502, e.httpStatus());
            assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
            assertTrue(e.getMessage().contains("text/html"), e.getMessage());
            assertFalse(e.getMessage().contains("13800000001"), e.getMessage());
        }
    }

    @Test
    void missingResultCodeOrMissingFieldsAreUnreadable() {
        FakeTransport t = new FakeTransport()
                .thenAnswer(200, "{\"resultdesc\":\"Success\"}")
                .thenAnswer(200, "[1,2]")
                .thenAnswer(200, "")
                .thenAnswer(200, "{\"resultcode\":\"0\"}")
                .thenAnswer(500, "{\"resultcode\":\"0\"}")
                .thenAnswer(200, "{\"resultcode\":\"0\",\"xyRelationNumList\":[{\"numA\":\"+8613800000001\"}]}")
                .thenAnswer(200, "{\"resultcode\":\"0\",\"xyRelationNumList\":[{\"numA\":\"+86138****0001\","
                        + "\"numX\":\"+8617000000011\"}]}");
        try (PrivateNumberClient client = TestClients.builder(t).retry(RetryOptions.none()).build()) {
            assertThrows(UnreadableAnswerException.class, () -> client.stopCall(SessionId.of("s-1")));
            assertThrows(UnreadableAnswerException.class, () -> client.stopCall(SessionId.of("s-1")));
            assertThrows(UnreadableAnswerException.class, () -> client.stopCall(SessionId.of("s-1")));
            assertThrows(UnreadableAnswerException.class, () -> client.query(SUB));
            assertThrows(UnreadableAnswerException.class, () -> client.query(SUB));
            UnreadableAnswerException e = assertThrows(UnreadableAnswerException.class, () -> client.query(SUB));
            assertTrue(e.getMessage().contains("numX is missing"), e.getMessage());
            e = assertThrows(UnreadableAnswerException.class, () -> client.query(SUB));
            assertTrue(e.getMessage().contains("numA is not a phone number"), e.getMessage());
            assertFalse(e.getMessage().contains("0001"), e.getMessage());
        }
    }

    @Test
    void anUnreadableAnswerToAnAxBindIsAnUnknownOutcome() {
        FakeTransport t = new FakeTransport().thenAnswer(200, "{\"resultcode\":\"0\",\"resultdesc\":\"Success\"}");
        try (PrivateNumberClient client = TestClients.client(t)) {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> client.bindAx(AX));
            assertEquals("bindAx", e.operation());
            assertTrue(e.getCause() instanceof UnreadableAnswerException);
            assertEquals(1, t.requests.size());
        }
    }

    @Test
    void recordingLocationIsReturnedExactlyAsSentAndNeverFollowed() {
        String location = "https://obs.example.com/rec%2F1.wav?AccessKeyId=K&Expires=1&Signature=a+b%3D&x=é";
        FakeTransport t = new FakeTransport().thenAnswer(new TransportResponse(301,
                Map.of("location", List.of(location)), new byte[0]));
        try (PrivateNumberClient client = TestClients.client(t)) {
            RecordingUrl url = client.downloadUrl(REC);
            assertEquals(location, url.value());
        }
        assertEquals(1, t.requests.size());
        assertTrue(t.requests.stream().noneMatch(r -> r.uri().getHost().equals("obs.example.com")));
    }

    @Test
    void recordingRefusalsAndOddAnswers() {
        FakeTransport t = new FakeTransport()
                .thenAnswer(403, "{\"resultcode\":\"1012007\",\"resultdesc\":\"no such recording\"}")
                .thenAnswer(new TransportResponse(301, Map.of(), new byte[0]))
                .thenAnswer(200, FakeTransport.ok());
        try (PrivateNumberClient client = TestClients.builder(t).retry(RetryOptions.none()).build()) {
            PlatformException e = assertThrows(PlatformException.class, () -> client.downloadUrl(REC));
            assertEquals(ResultCode.RECORDING_NOT_FOUND, e.resultCode());
            UnreadableAnswerException u = assertThrows(UnreadableAnswerException.class, () -> client.downloadUrl(REC));
            assertTrue(u.getMessage().contains("without Location"), u.getMessage());
            u = assertThrows(UnreadableAnswerException.class, () -> client.downloadUrl(REC));
            assertTrue(u.getMessage().contains("no redirect"), u.getMessage());
        }
    }

    @Test
    void theAsyncVariantsCompleteWithTheSameExceptions() {
        FakeTransport t = new FakeTransport().thenAnswer(403, FakeTransport.fail("1016001"));
        try (PrivateNumberClient client = TestClients.client(t)) {
            java.util.concurrent.CompletionException e = assertThrows(java.util.concurrent.CompletionException.class,
                    () -> client.queryAsync(SUB).join());
            assertTrue(e.getCause() instanceof PlatformException, String.valueOf(e.getCause()));
        }
    }
}
