package io.github.privatenumber.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.HangupCode;
import io.github.privatenumber.core.recording.RecordingReference;
import io.github.privatenumber.notifications.testing.PushTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** CDR pushes: batch limits, icid, lenient values, raw JSON. */
class CdrParsingTest {

    private final RecordingSink sink = new RecordingSink();
    private final NotificationReceiver receiver = Fixtures.receiver(sink).build();
    private final PushTestClient platform = Fixtures.platform();

    @Test
    void fiftyRecordsAreAcceptedInOrder() {
        ReceiverResponse answer = platform.deliver(receiver, Fixtures.cdrs("b50", 50));
        assertEquals(200, answer.status(), answer.body());
        assertEquals("{\"result\":\"ok\",\"records\":50,\"delivered\":50,\"duplicates\":0}", answer.body());
        assertEquals(IntStream.rangeClosed(1, 50).mapToObj(i -> "b50-" + i).toList(), sink.icids());
        CallDetailRecord third = sink.cdrs.get(2);
        assertEquals(Duration.ofSeconds(63), third.talkTime());
        assertTrue(third.isAnswered());
    }

    @Test
    void fiftyOneRecordsAreRefused() {
        ReceiverResponse answer = platform.deliver(receiver, Fixtures.cdrs("b51", 51));
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("feeLst holds 51 records; at most 50 are allowed"), answer.body());
        assertEquals(0, sink.calls.get(), "nothing of a refused push reaches the sink");
    }

    @Test
    void zeroRecordsAreRefused() {
        ReceiverResponse answer = platform.deliver(receiver, "{\"eventType\":\"fee\",\"feeLst\":[]}");
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("feeLst is empty"), answer.body());
    }

    @Test
    void aRecordWithoutIcidIsRefusedAndTheOthersAreDelivered() {
        String body = PushTestClient.cdrBody(PushTestClient.cdr("ok-1").direction(1),
                PushTestClient.cdr("x").without("icid").direction(0), PushTestClient.cdr("ok-3"));
        ReceiverResponse answer = platform.deliver(receiver, body);
        assertEquals(400, answer.status(), "the push is not all right: the platform pushes it again");
        assertTrue(answer.body().contains("feeLst[1] has no icid"), answer.body());
        assertTrue(answer.body().contains("other 2 record(s) were accepted"), answer.body());
        assertEquals(List.of("ok-1", "ok-3"), sink.icids(), "one broken record does not cost the good ones");
        ReceiverResponse again = platform.deliver(receiver, body);
        assertEquals(400, again.status(), "the re-push is refused the same way");
        assertEquals(List.of("ok-1", "ok-3"), sink.icids(), "and delivers nothing twice");
        sink.cdrs.clear();
        sink.calls.set(0);

        String mixed = "{\"eventType\":\"fee\",\"feeLst\":[\"not an object\",{\"icid\":\"m-1\"},{\"icid\":\"\"}]}";
        ReceiverResponse m = platform.deliver(receiver, mixed);
        assertEquals(400, m.status());
        assertTrue(m.body().contains("feeLst[0] must be a JSON object (and 1 more)"), m.body());
        assertEquals(List.of("m-1"), sink.icids());
        sink.cdrs.clear();
        sink.calls.set(0);

        assertEquals(400, platform.deliver(receiver, PushTestClient.cdrBody(PushTestClient.cdr(""))).status());
        assertEquals(400, platform.deliver(receiver, PushTestClient.cdrBody(PushTestClient.cdr("  "))).status());
        assertEquals(400, platform.deliver(receiver, PushTestClient.cdrBody(PushTestClient.cdr("a").field("icid", null))).status());
        assertEquals(400, platform.deliver(receiver, "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":{\"id\":1}}]}").status());
        assertEquals(400, platform.deliver(receiver, PushTestClient.cdrBody(PushTestClient.cdr("x".repeat(257)))).status());
    }

    @Test
    void numericIcidIsReadAsText() {
        assertEquals(200, platform.deliver(receiver, "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":12345}]}").status());
        assertEquals(List.of("12345"), sink.icids());
    }

    @Test
    void theSameIcidTwiceInOnePushIsDeliveredOnce() {
        String body = PushTestClient.cdrBody(PushTestClient.cdr("twin"), PushTestClient.cdr("twin"), PushTestClient.cdr("other"));
        ReceiverResponse answer = platform.deliver(receiver, body);
        assertEquals(200, answer.status());
        assertEquals("{\"result\":\"ok\",\"records\":3,\"delivered\":2,\"duplicates\":1}", answer.body());
        assertEquals(List.of("twin", "other"), sink.icids());
    }

    @Test
    void numbersAsStringsOrIntsAndEmptyValuesAsAbsent() {
        String body = "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"a\",\"direction\":\"0\",\"recordFlag\":\"0\","
                + "\"ulFailReason\":\"8102\",\"fwdUnaswRsn\":\"17\",\"sipStatusCode\":486,\"callOutUnaswRsn\":\"\","
                + "\"ttsPlayTimes\":1.0,\"subscriptionId\":\"\",\"fwdAnswerTime\":\"\",\"callEndTime\":null,"
                + "\"failTime\":\"2024-05-01 08:00:07\",\"bindNum\":\"\",\"serviceType\":3},"
                + "{\"icid\":\"b\",\"direction\":2,\"recordFlag\":true,\"recordDomain\":\"obs.example.com\","
                + "\"recordObjectName\":\"rec-1.wav\",\"recordFileDownloadUrl\":\"https://obs.example.com/rec-1.wav?sig=x\"}]}";
        ReceiverResponse answer = platform.deliver(receiver, body);
        assertEquals(200, answer.status(), answer.body());

        CallDetailRecord a = sink.cdrs.get(0);
        assertEquals(OptionalInt.of(0), a.direction());
        assertEquals(CallDetailRecord.DirectionKind.CALLED_X_B_TO_A, a.directionKind());
        assertFalse(a.recordFlag());
        assertEquals(HangupCode.CALLEE_BUSY, a.ulFailReason().orElseThrow());
        assertEquals(OptionalInt.of(17), a.fwdUnaswRsn());
        assertEquals(OptionalInt.of(486), a.sipStatusCode());
        assertEquals(OptionalInt.empty(), a.callOutUnaswRsn());
        assertEquals(OptionalInt.of(1), a.ttsPlayTimes());
        assertTrue(a.subscriptionId().isEmpty(), "empty subscriptionId (no binding matched) is absent");
        assertFalse(a.isAnswered());
        assertEquals(Duration.ZERO, a.talkTime());
        assertTrue(a.callEndTime().isEmpty());
        assertEquals(Instant.parse("2024-05-01T08:00:07Z"), a.failTime().orElseThrow());
        assertTrue(a.bindNum().isEmpty());
        assertEquals("3", a.serviceType().orElseThrow());

        CallDetailRecord b = sink.cdrs.get(1);
        assertEquals(CallDetailRecord.DirectionKind.ABNORMAL, b.directionKind());
        assertTrue(b.recordFlag());
        assertEquals(new RecordingReference("obs.example.com", "rec-1.wav"), b.recordingReference().orElseThrow());
        assertEquals("https://obs.example.com/rec-1.wav?sig=x", b.recordFileDownloadUrl().orElseThrow());
    }

    @Test
    void unreadableValuesAreAbsentButTheRecordIsKept() {
        String body = "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"odd\",\"direction\":\"up\",\"fwdAnswerTime\":\"soon\","
                + "\"recordFlag\":\"maybe\",\"callerNum\":[1],\"recordFileDownloadUrl\":\"" + "u".repeat(1025) + "\"}]}";
        ReceiverResponse answer = platform.deliver(receiver, body);
        assertEquals(200, answer.status(), answer.body());
        CallDetailRecord c = sink.cdrs.get(0);
        assertTrue(c.direction().isEmpty());
        assertTrue(c.fwdAnswerTime().isEmpty());
        assertFalse(c.recordFlag());
        assertTrue(c.callerNum().isEmpty());
        assertTrue(c.recordFileDownloadUrl().isEmpty());
        assertTrue(c.rawJson().contains("\"fwdAnswerTime\":\"soon\""), "the value stays in the raw JSON");
    }

    @Test
    void textThatNoUtf8StoreCanHoldIsUnreadableButStaysInTheRawJson() {
        // JSON escapes that spell an unpaired surrogate or a NUL: the outbound UserData refuses both, so does this
        String body = "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"esc-1\",\"userData\":\"a\\ud800b\","
                + "\"hostName\":\"h\\u0000x\",\"spId\":\"ok \\ud83d\\ude00\",\"mptyId\":\"\\udc00\"}]}";
        ReceiverResponse answer = platform.deliver(receiver, body);
        assertEquals(200, answer.status(), answer.body());
        CallDetailRecord c = sink.cdrs.get(0);
        assertTrue(c.userData().isEmpty());
        assertTrue(c.hostName().isEmpty());
        assertTrue(c.mptyId().isEmpty());
        assertEquals("ok \ud83d\ude00", c.spId().orElseThrow(), "a paired surrogate is fine");
        assertTrue(c.rawJson().contains("a\\ud800b"), c.rawJson());
    }

    @Test
    void unknownFieldsStayInTheRecordsRawJson() {
        String body = "{\"eventType\":\"fee\",\"feeLst\":[ {\"icid\":\"r1\",\"futureField\":{\"x\":[1,2]}} ,"
                + "\n  {\"icid\":\"r2\",\"n\":1.50}],\"batchId\":\"b-1\"}";
        assertEquals(200, platform.deliver(receiver, body).status());
        assertEquals("{\"icid\":\"r1\",\"futureField\":{\"x\":[1,2]}}", sink.cdrs.get(0).rawJson());
        assertEquals("{\"icid\":\"r2\",\"n\":1.50}", sink.cdrs.get(1).rawJson(), "exact text, numbers as written");
    }

    @Test
    void rawJsonIsExactWhetherTheBodyIsAsciiOrNot() {
        // an ASCII body is read by Jackson's byte parser (byte offsets), any other by its character parser
        String r1 = "{\"icid\":\"r1\",\"note\":\"%s\"}";
        String r2 = "{\"icid\":\"r2\",\"n\":2}";
        for (String note : new String[] {"plain", "\u5317\u4eac \u00e9 \ud83d\ude00", "\\u5317"}) {
            sink.cdrs.clear();
            String first = String.format(r1, note).replace("r1", "r1-" + note.length());
            String body = "{\"eventType\":\"fee\",\"feeLst\":[" + first + ", " + r2.replace("r2", "r2-" + note.length())
                    + "]}";
            assertEquals(200, platform.deliver(receiver, body).status(), note);
            assertEquals(first, sink.cdrs.get(0).rawJson(), note);
            assertEquals(r2.replace("r2", "r2-" + note.length()), sink.cdrs.get(1).rawJson(), note);
        }
        sink.cdrs.clear();
        byte[] bom = ("\uFEFF{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"bom-1\"}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(200, platform.deliver(receiver, bom).status(), "a byte order mark is dropped");
        assertEquals("{\"icid\":\"bom-1\"}", sink.cdrs.get(0).rawJson());
    }

    @Test
    void timesAreReadAsUtcWhateverTheDefaultZone() {
        java.util.TimeZone before = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Shanghai"));
        try {
            String body = PushTestClient.cdrBody(PushTestClient.cdr("tz").field("callInTime", "2019-01-24 02:30:03"));
            assertEquals(200, platform.deliver(receiver, body).status());
            assertEquals(Instant.parse("2019-01-24T02:30:03Z"), sink.cdrs.get(0).callInTime().orElseThrow());
        } finally {
            java.util.TimeZone.setDefault(before);
        }
    }
}
