package io.github.privatenumber.notifications;

import static io.github.privatenumber.notifications.Fixtures.SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.core.notification.HangupCode;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Huawei's two Python samples (seeds), byte for byte as {@code json.dumps(...).encode('ascii')} produces them:
 * {@code ", "} and {@code ": "} separators, masked numbers such as {@code +86138****0022}.
 */
class SamplePayloadsTest {

    private final RecordingSink sink = new RecordingSink();
    private final NotificationReceiver receiver = Fixtures.receiver(sink).build();

    @Test
    void disconnectSample() {
        byte[] body = Fixtures.resource("huawei-sample-disconnect.json");
        assertTrue(new String(body, java.nio.charset.StandardCharsets.UTF_8).startsWith("{\"eventType\": \"disconnect\", \"statusInfo\": {\"sessionId\": "));

        ReceiverResponse answer = Fixtures.platform().deliver(receiver, body);

        assertEquals(200, answer.status(), answer.body());
        assertEquals(ReceiverResponse.JSON, answer.contentType());
        assertEquals("{\"result\":\"ok\",\"records\":1,\"delivered\":1,\"duplicates\":0}", answer.body());
        assertEquals(1, sink.events.size());
        CallEvent e = sink.events.get(0);
        assertEquals(CallEventType.DISCONNECT, e.type());
        assertEquals(SESSION, e.sessionId().orElseThrow().value());
        assertEquals(Instant.parse("2019-01-24T02:30:22Z"), e.timestamp().orElseThrow(), "UTC text read as UTC");
        assertEquals("+86138****0022", e.caller().orElseThrow().raw());
        assertEquals("+86138****7021", e.called().orElseThrow().raw());
        assertTrue(e.caller().orElseThrow().toPhoneNumber().isEmpty(), "a masked number is kept, not parsed");
        assertEquals(HangupCode.NORMAL_RELEASE, e.stateCode().orElseThrow());
        assertEquals("The user releases the call.", e.stateDesc().orElseThrow());
        assertEquals("****", e.subscriptionId().orElseThrow());
        assertTrue(e.userData().isEmpty());
        assertEquals(new String(body, java.nio.charset.StandardCharsets.UTF_8), e.rawJson(), "the raw JSON is the push as received");
        assertEquals(SESSION + "|disconnect|2019-01-24T02:30:22Z", e.deduplicationKey());
    }

    @Test
    void feeSample() {
        byte[] body = Fixtures.resource("huawei-sample-fee.json");

        ReceiverResponse answer = Fixtures.platform().deliver(receiver, body);

        assertEquals(200, answer.status(), answer.body());
        assertEquals(1, sink.cdrs.size());
        CallDetailRecord c = sink.cdrs.get(0);
        assertEquals("ba171f34e6953fcd751edc77127748f4.3757285803.338666679.5", c.icid());
        assertEquals(OptionalInt.of(1), c.direction());
        assertEquals(CallDetailRecord.DirectionKind.CALLED_Y_A_TO_B, c.directionKind());
        assertEquals("****", c.spId().orElseThrow());
        assertEquals("****", c.appKey().orElseThrow());
        assertEquals("+86138****0022", c.bindNum().orElseThrow().raw());
        assertEquals(SESSION, c.sessionId().orElseThrow().value());
        assertEquals("****", c.subscriptionId().orElseThrow());
        assertEquals("+86138****0021", c.callerNum().orElseThrow().raw());
        assertEquals("+86138****0022", c.calleeNum().orElseThrow().raw());
        assertEquals("+86138****0022", c.fwdDisplayNum().orElseThrow().raw());
        assertEquals("+86138****7021", c.fwdDstNum().orElseThrow().raw());
        assertEquals(Instant.parse("2019-01-24T02:30:03Z"), c.callInTime().orElseThrow());
        assertEquals(Instant.parse("2019-01-24T02:30:03Z"), c.fwdStartTime().orElseThrow());
        assertEquals(Instant.parse("2019-01-24T02:30:04Z"), c.fwdAlertingTime().orElseThrow());
        assertEquals(Instant.parse("2019-01-24T02:30:06Z"), c.fwdAnswerTime().orElseThrow());
        assertEquals(Instant.parse("2019-01-24T02:30:22Z"), c.callEndTime().orElseThrow());
        assertTrue(c.failTime().isEmpty());
        assertEquals(Instant.parse("2019-01-24T02:30:06Z"), c.recordStartTime().orElseThrow());
        assertEquals(OptionalInt.of(0), c.fwdUnaswRsn());
        assertEquals(HangupCode.NORMAL_RELEASE, c.ulFailReason().orElseThrow());
        assertEquals(OptionalInt.of(0), c.sipStatusCode());
        assertEquals(OptionalInt.of(0), c.callOutUnaswRsn());
        assertTrue(c.recordFlag());
        assertEquals("****.com", c.recordDomain().orElseThrow());
        assertEquals("****", c.recordBucketName().orElseThrow());
        assertEquals("****.wav", c.recordObjectName().orElseThrow());
        assertEquals(OptionalInt.of(0), c.ttsPlayTimes());
        assertEquals(OptionalInt.of(0), c.ttsTransDuration());
        assertEquals("****", c.mptyId().orElseThrow());
        assertEquals("003", c.serviceType().orElseThrow());
        assertEquals("callenabler246.huaweicaas.com", c.hostName().orElseThrow());
        assertTrue(c.userData().isEmpty());
        assertTrue(c.recordFileDownloadUrl().isEmpty());
        assertTrue(c.isAnswered());
        assertEquals(Duration.ofSeconds(16), c.talkTime());
        assertTrue(c.recordingReference().isEmpty(), "the sample's masked domain is no host name");

        String raw = c.rawJson();
        assertTrue(raw.startsWith("{\"direction\": 1, \"spId\": \"****\""), raw);
        assertTrue(raw.endsWith("\"hostName\": \"callenabler246.huaweicaas.com\"}"), raw);
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(text.substring(text.indexOf("[") + 1, text.lastIndexOf("]")), raw,
                "the record's raw JSON is its exact text in the push");
    }
}
