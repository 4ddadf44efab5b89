package io.github.privatenumber.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.core.notification.HangupCode;
import io.github.privatenumber.notifications.testing.PushTestClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Call-status pushes: every documented type, unknown types, lenient values. */
class CallEventParsingTest {

    private final RecordingSink sink = new RecordingSink();
    private final NotificationReceiver receiver = Fixtures.receiver(sink).build();
    private final PushTestClient platform = Fixtures.platform();

    private CallEvent deliverOne(String body) {
        ReceiverResponse answer = platform.deliver(receiver, body);
        assertEquals(200, answer.status(), answer.body());
        assertEquals(1, sink.events.size());
        return sink.events.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"callin", "callout", "alerting", "answer", "disconnect"})
    void everyDocumentedType(String type) {
        String body = PushTestClient.event(type)
                .sessionId("sess-" + type)
                .timestamp(Instant.parse("2024-05-01T08:00:07Z"))
                .caller("+8613800000001")
                .called("+8617000000001")
                .subscriptionId("sub-1")
                .userData("订单-42 😀")
                .toJson();

        CallEvent e = deliverOne(body);

        assertEquals(CallEventType.of(type), e.type());
        assertTrue(e.type().isKnown());
        assertEquals("sess-" + type, e.sessionId().orElseThrow().value());
        assertEquals(Instant.parse("2024-05-01T08:00:07Z"), e.timestamp().orElseThrow());
        assertEquals("+8613800000001", e.caller().orElseThrow().raw());
        assertEquals("+8617000000001", e.called().orElseThrow().raw());
        assertEquals("sub-1", e.subscriptionId().orElseThrow());
        assertEquals("订单-42 😀", e.userData().orElseThrow(), "UTF-8 user data arrives intact");
        assertTrue(e.stateCode().isEmpty());
        assertEquals(body, e.rawJson());
    }

    @Test
    void unknownTypeIsKeptWithItsRawJson() {
        String body = "{\"eventType\":\"xNumberStatus\",\"statusInfo\":{\"numX\":\"+8617000000001\",\"status\":\"frozen\","
                + "\"sessionId\":\"s-9\",\"timestamp\":\"2024-05-01 08:00:07\"},\"extra\":[1,2,{\"a\":null}]}";

        CallEvent e = deliverOne(body);

        assertEquals("xNumberStatus", e.type().name());
        assertTrue(!e.type().isKnown());
        assertEquals("s-9", e.sessionId().orElseThrow().value());
        assertEquals(body, e.rawJson(), "unknown fields stay available in the raw JSON");
    }

    @Test
    void unknownTypeWithoutStatusInfoIsKept() {
        String body = "{\"eventType\":\"somethingNew\",\"payload\":{\"k\":\"v\"}}";
        CallEvent e = deliverOne(body);
        assertEquals("somethingNew", e.type().name());
        assertTrue(e.sessionId().isEmpty());
        assertEquals(body, e.rawJson());
    }

    @Test
    void unknownFieldsOfAKnownTypeAreKept() {
        String body = "{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"s-1\",\"newField\":{\"nested\":true}},"
                + "\"version\":2}";
        CallEvent e = deliverOne(body);
        assertEquals(CallEventType.ANSWER, e.type());
        assertTrue(e.rawJson().contains("\"newField\":{\"nested\":true}"));
    }

    @Test
    void numbersSentAsTextAndEmptyValuesAsAbsent() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("sessionId", "s-2");
        info.put("timestamp", "2024-05-01 08:00:07");
        info.put("caller", "");
        info.put("called", null);
        info.put("subscriptionId", "");
        info.put("userData", "");
        info.put("stateCode", "8102");
        info.put("stateDesc", "");
        CallEvent e = deliverOne(PushTestClient.eventBody("disconnect", info));

        assertEquals(HangupCode.CALLEE_BUSY, e.stateCode().orElseThrow());
        assertTrue(e.caller().isEmpty());
        assertTrue(e.called().isEmpty());
        assertTrue(e.subscriptionId().isEmpty());
        assertTrue(e.userData().isEmpty());
        assertTrue(e.stateDesc().isEmpty());
    }

    @Test
    void stateCodeAsIntAndAsStringZeroReadTheSame() {
        CallEvent asInt = deliverOne("{\"eventType\":\"disconnect\",\"statusInfo\":{\"sessionId\":\"a\",\"stateCode\":0}}");
        sink.events.clear();
        CallEvent asText = deliverOne("{\"eventType\":\"disconnect\",\"statusInfo\":{\"sessionId\":\"b\",\"stateCode\":\"0\"}}");
        assertEquals(asInt.stateCode(), asText.stateCode());
        assertEquals(HangupCode.NORMAL_RELEASE, asText.stateCode().orElseThrow());
    }

    @Test
    void unknownHangupCodeIsKeptAsANumber() {
        CallEvent e = deliverOne("{\"eventType\":\"disconnect\",\"statusInfo\":{\"sessionId\":\"a\",\"stateCode\":9999}}");
        assertEquals(9999, e.stateCode().orElseThrow().code());
        assertTrue(!e.stateCode().orElseThrow().isKnown());
    }

    @Test
    void timestampAsUnixTimeIsReadToo() {
        // the docs call the timestamp a UNIX timestamp, though the platform sends UTC text
        CallEvent seconds = deliverOne("{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"a\",\"timestamp\":1548297022}}");
        assertEquals(Instant.parse("2019-01-24T02:30:22Z"), seconds.timestamp().orElseThrow());
        sink.events.clear();
        CallEvent millis = deliverOne("{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"b\",\"timestamp\":\"1548297022000\"}}");
        assertEquals(Instant.parse("2019-01-24T02:30:22Z"), millis.timestamp().orElseThrow());
    }

    @Test
    void digitsThatAreNoPlausibleUnixTimeAreUnreadableNotADate() {
        // 14 digits read as milliseconds would be the year 2609; 0 would be 1970; neither may reach a bill
        for (String value : new String[] {"\"20190124023022\"", "20190124023022", "0", "\"0\"", "-5", "4102444800"}) {
            sink.events.clear();
            CallEvent e = deliverOne("{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"p" + value.length()
                    + value.hashCode() + "\",\"timestamp\":" + value + "}}");
            assertTrue(e.timestamp().isEmpty(), value + " -> " + e.timestamp());
        }
    }

    @Test
    void nearMissesOfThePlatformFormatAreReadAsUtc() {
        String[][] cases = {
            {"2019-01-24 02:30:22.500", "2019-01-24T02:30:22.500Z"},
            {"2019-01-24T02:30:22", "2019-01-24T02:30:22Z"},
            {"2019-01-24T02:30:22.123456789", "2019-01-24T02:30:22.123456789Z"},
            {"2019-01-24T02:30:22Z", "2019-01-24T02:30:22Z"}};
        for (String[] c : cases) {
            sink.events.clear();
            CallEvent e = deliverOne("{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"n" + c[0].length()
                    + "\",\"timestamp\":\"" + c[0] + "\"}}");
            assertEquals(Instant.parse(c[1]), e.timestamp().orElseThrow(), c[0]);
        }
        for (String bad : new String[] {"2019-01-24 02:30:22.", "2019-01-24 02:30:22.5x", "2019-01-24X02:30:22",
            "2019-02-30 02:30:22"}) {
            sink.events.clear();
            CallEvent e = deliverOne("{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"b" + bad.hashCode()
                    + "\",\"timestamp\":\"" + bad + "\"}}");
            assertTrue(e.timestamp().isEmpty(), bad);
        }
    }

    @Test
    void unreadableValuesAreAbsentAndKeptRaw() {
        String body = "{\"eventType\":\"disconnect\",\"statusInfo\":{\"sessionId\":\"has space\",\"timestamp\":\"yesterday\","
                + "\"stateCode\":\"busy\",\"caller\":{\"n\":1}}}";
        CallEvent e = deliverOne(body);
        assertTrue(e.sessionId().isEmpty());
        assertTrue(e.timestamp().isEmpty());
        assertTrue(e.stateCode().isEmpty());
        assertTrue(e.caller().isEmpty());
        assertEquals(body, e.rawJson());
    }
}
