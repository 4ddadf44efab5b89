package io.github.privatenumber.core.notification;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static io.github.privatenumber.core.InvalidValues.assertNotRevealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.number.ReportedNumber;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CallEventTest {

    private static final SessionId SESSION = SessionId.of("1200_1827_4294967295_20190124023003@callenabler246.huaweicaas.com");
    private static final Instant T = Instant.parse("2019-01-24T02:30:03Z");

    @Test
    void eventTypeIsOpen() {
        assertTrue(CallEventType.DISCONNECT.isKnown());
        assertEquals(CallEventType.CALLIN, CallEventType.of("callin"));
        for (CallEventType t : new CallEventType[] {CallEventType.CALLIN, CallEventType.CALLOUT, CallEventType.ALERTING,
            CallEventType.ANSWER, CallEventType.DISCONNECT}) {
            assertTrue(t.isKnown());
        }
        CallEventType unknown = CallEventType.of("xNumberStatus");
        assertFalse(unknown.isKnown());
        assertEquals("xNumberStatus", unknown.name());
        assertEquals("xNumberStatus", unknown.toString());
        assertFalse(CallEventType.of("Disconnect").isKnown());
        assertEquals(64, CallEventType.of("e".repeat(64)).name().length());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "call in", "\u547c\u5165", "x\n"})
    void eventTypeRejectsUnreadableNames(String name) {
        assertInvalid("eventType", () -> CallEventType.of(name));
    }

    @Test
    void eventTypeIsAtMost64Characters() {
        assertInvalid("eventType", () -> CallEventType.of("e".repeat(65)));
    }

    @Test
    void disconnectEventWithEveryField() {
        CallEvent e = CallEvent.builder()
                .type(CallEventType.DISCONNECT)
                .sessionId(SESSION)
                .timestamp(T)
                .caller(ReportedNumber.of("+8613800000001"))
                .called(ReportedNumber.of("+86138****0022"))
                .subscriptionId("sub-0001")
                .userData("\u8ba2\u5355 42")
                .stateCode(HangupCode.CALLEE_BUSY)
                .stateDesc("callee busy")
                .rawJson("{\"eventType\":\"disconnect\"}")
                .build();
        assertEquals(CallEventType.DISCONNECT, e.type());
        assertEquals(Optional.of(SESSION), e.sessionId());
        assertEquals(Optional.of(T), e.timestamp());
        assertEquals(Optional.of(ReportedNumber.of("+8613800000001")), e.caller());
        assertEquals(Optional.of(ReportedNumber.of("+86138****0022")), e.called());
        assertEquals(Optional.of("sub-0001"), e.subscriptionId());
        assertEquals(Optional.of("\u8ba2\u5355 42"), e.userData());
        assertEquals(Optional.of(HangupCode.CALLEE_BUSY), e.stateCode());
        assertEquals(Optional.of("callee busy"), e.stateDesc());
        assertEquals("{\"eventType\":\"disconnect\"}", e.rawJson());
    }

    @Test
    void onlyTheTypeIsRequired() {
        CallEvent e = CallEvent.builder().type(CallEventType.of("xNumberStatus")).subscriptionId("").userData("").stateDesc("")
                .rawJson(null).build();
        assertEquals(Optional.empty(), e.sessionId());
        assertEquals(Optional.empty(), e.timestamp());
        assertEquals(Optional.empty(), e.caller());
        assertEquals(Optional.empty(), e.subscriptionId());
        assertEquals(Optional.empty(), e.userData());
        assertEquals(Optional.empty(), e.stateCode());
        assertEquals(Optional.empty(), e.stateDesc());
        assertEquals("", e.rawJson());
        assertInvalid("eventType", () -> CallEvent.builder().build());
        assertInvalid("eventType", () -> CallEvent.builder().type(null));
    }

    @Test
    void theKeysTimestampIsExactlyInstantToString() {
        java.util.Random rnd = new java.util.Random(7);
        long lo = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long hi = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 50_000; i++) {
            long sec = lo + (long) (rnd.nextDouble() * (hi - lo));
            int nano = i % 5 == 0 ? rnd.nextInt(1_000_000_000) : 0;
            Instant t = Instant.ofEpochSecond(sec, nano);
            assertEquals(t.toString(), CallEvent.iso(t));
        }
        for (String edge : new String[] {"1000-01-01T00:00:00Z", "0999-12-31T23:59:59Z", "9999-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z", "2024-02-29T12:00:00Z", "2019-01-24T02:30:22Z", "+10000-01-01T00:00:00Z",
            "2000-02-29T23:59:59Z", "2100-03-01T00:00:00Z", "1600-02-29T00:00:00Z"}) {
            assertEquals(edge, CallEvent.iso(Instant.parse(edge)));
        }
    }

    @Test
    void deduplicationKeyIsSessionTypeAndTimestamp() {
        CallEvent answer = CallEvent.builder().type(CallEventType.ANSWER).sessionId(SESSION).timestamp(T).rawJson("{1}").build();
        assertEquals(SESSION.value() + "|answer|2019-01-24T02:30:03Z", answer.deduplicationKey());
        CallEvent repushed = CallEvent.builder().type(CallEventType.ANSWER).sessionId(SESSION).timestamp(T).rawJson("{2}").build();
        assertEquals(answer.deduplicationKey(), repushed.deduplicationKey());
        CallEvent disconnect = CallEvent.builder().type(CallEventType.DISCONNECT).sessionId(SESSION).timestamp(T).build();
        assertNotEquals(answer.deduplicationKey(), disconnect.deduplicationKey());
        CallEvent noTime = CallEvent.builder().type(CallEventType.ANSWER).sessionId(SESSION).build();
        assertEquals(SESSION.value() + "|answer|", noTime.deduplicationKey());
    }

    @Test
    void eventsWithoutSessionAreOnlyMergedWhenIdentical() {
        CallEvent a = CallEvent.builder().type(CallEventType.of("xNumberStatus")).rawJson("{\"x\":1}").build();
        CallEvent b = CallEvent.builder().type(CallEventType.of("xNumberStatus")).rawJson("{\"x\":2}").build();
        CallEvent aAgain = CallEvent.builder().type(CallEventType.of("xNumberStatus")).rawJson("{\"x\":1}").build();
        assertNotEquals(a.deduplicationKey(), b.deduplicationKey());
        assertEquals(a.deduplicationKey(), aAgain.deduplicationKey());
        assertEquals(a, aAgain);
        assertEquals(a.hashCode(), aAgain.hashCode());
    }

    @Test
    void toStringMasksNumbersAndHidesUserDataAndRawJson() {
        String s = CallEvent.builder()
                .type(CallEventType.DISCONNECT)
                .sessionId(SESSION)
                .caller(ReportedNumber.of("+8613800000001"))
                .called(ReportedNumber.of("13900000002"))
                .userData("Wang Wu")
                .stateCode(HangupCode.CALLEE_BUSY)
                .stateDesc("user 13700000003 busy")
                .rawJson("{\"caller\":\"+8613800000001\",\"secretField\":true}")
                .build()
                .toString();
        assertNotRevealed("13800000001", s);
        assertNotRevealed("13900000002", s);
        assertNotRevealed("13700000003", s);
        assertFalse(s.contains("Wang"), s);
        assertFalse(s.contains("secretField"), s);
        assertTrue(s.contains("disconnect"), s);
        assertTrue(s.contains("8102"), s);
        assertTrue(s.contains(SESSION.value()), s);
    }
}
