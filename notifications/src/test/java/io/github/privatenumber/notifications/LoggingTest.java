package io.github.privatenumber.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.notifications.testing.PushTestClient;
import org.junit.jupiter.api.Test;

/** One line per push, with kind, counts and status, and never a number or the secret in clear. */
class LoggingTest {

    private static final String A = "+8613812345678";
    private static final String B = "+8613987654321";

    @Test
    void oneLinePerPushWithoutNumbers() {
        RecordingSink sink = new RecordingSink();
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        PushTestClient platform = Fixtures.platform();
        String cdrs = PushTestClient.cdrBody(PushTestClient.cdr("log-1").callerNum(A).calleeNum(B).bindNum(B).fwdDstNum(A),
                PushTestClient.cdr("log-2").callerNum(B).field("fwdAnswerTime", "not a time"));
        String event = PushTestClient.event(CallEventType.DISCONNECT).sessionId("log-call").caller(A).called(B)
                .stateCode(0).stateDesc("call from " + A + " ended").userData(A).toJson();
        try (LogCapture log = new LogCapture()) {
            platform.deliver(receiver, cdrs);
            platform.deliver(receiver, cdrs);
            platform.deliver(receiver, event);
            platform.deliver(receiver, "{\"eventType\":\"answer\",\"statusInfo\":{\"caller\":\"" + A + "\"}}x");
            String text = log.text();
            String[] lines = text.lines().filter(l -> l.contains("NotificationReceiver")).toArray(String[]::new);
            assertEquals(4, lines.length, text);
            assertTrue(lines[0].contains("WARN") && lines[0].contains("push fee records=2 delivered=2 duplicates=0 status=200")
                    && lines[0].contains("unreadable=[feeLst[1].fwdAnswerTime]"), lines[0]);
            assertTrue(lines[1].contains("push fee records=2 delivered=0 duplicates=2 status=200"),
                    lines[1]);
            assertTrue(lines[2].contains("push event type=disconnect session=log-call records=1 delivered=1 duplicates=0"
                    + " status=200 app=test-app-key scheme=AKSK"), lines[2]);
            assertTrue(lines[3].contains("status=400"), lines[3]);
            for (String n : new String[] {A, B, A.substring(3), B.substring(3), "12345678", "87654321"}) {
                assertFalse(text.contains(n), "a number in clear: " + n + " in\n" + text);
            }
            assertFalse(text.contains(Fixtures.APP.appSecret()));
        }
    }

    @Test
    void aNumberInAnEventTypeOrSessionIdIsMaskedButThePlatformsSessionIdsAreNot() {
        NotificationReceiver receiver = Fixtures.receiver(new RecordingSink()).build();
        PushTestClient platform = Fixtures.platform();
        try (LogCapture log = new LogCapture()) {
            platform.deliver(receiver, PushTestClient.eventBody(A, java.util.Map.of("sessionId", "13987654321@x")));
            platform.deliver(receiver, PushTestClient.event(CallEventType.ANSWER).sessionId(Fixtures.SESSION).toJson());
            String text = log.text();
            assertFalse(text.contains(A.substring(3)), text);
            assertFalse(text.contains("13987654321"), text);
            assertTrue(text.contains("session=" + Fixtures.SESSION), text);
        }
    }

    @Test
    void twoDifferentRecordsUnderOneIcidInOnePushAreWarnedAbout() {
        RecordingSink sink = new RecordingSink();
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        String body = PushTestClient.cdrBody(PushTestClient.cdr("twice").direction(1), PushTestClient.cdr("twice")
                .direction(0), PushTestClient.cdr("twice").direction(1));
        try (LogCapture log = new LogCapture()) {
            ReceiverResponse answer = Fixtures.platform().deliver(receiver, body);
            assertEquals(200, answer.status(), answer.body());
            String text = log.text();
            assertTrue(text.contains("record 1 repeats the icid of record 0 of the same push with different content"),
                    text);
            assertFalse(text.contains("record 2 repeats"), "an identical repeat is a plain duplicate: " + text);
        }
        assertEquals(1, sink.cdrs.size());
    }
}
