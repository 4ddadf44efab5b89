package io.github.privatenumber.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.notifications.testing.PushTestClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class NotificationHandlersTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private static CallEvent event(String type) {
        return CallEvent.builder().type(CallEventType.of(type)).build();
    }

    @Test
    void theMostSpecificHandlerRunsAlone() {
        NotificationHandlers h = NotificationHandlers.builder()
                .on(CallEventType.DISCONNECT, e -> calls.add("disconnect"))
                .on(CallEventType.of("xStatus"), e -> calls.add("xStatus"))
                .onUnknownEvent(e -> calls.add("unknown:" + e.type()))
                .onCallEvent(e -> calls.add("any:" + e.type()))
                .onCdr(c -> calls.add("cdr:" + c.icid()))
                .build();
        h.onCallEvent(event("disconnect"));
        h.onCallEvent(event("answer"));
        h.onCallEvent(event("xStatus"));
        h.onCallEvent(event("brandNew"));
        h.onCallDetailRecord(CallDetailRecord.builder().icid("i-1").build());
        assertEquals(List.of("disconnect", "any:answer", "xStatus", "unknown:brandNew", "cdr:i-1"), calls);
    }

    @Test
    void unknownEventsFallBackToOnCallEvent() {
        NotificationHandlers h = NotificationHandlers.builder().onCallEvent(e -> calls.add("any:" + e.type())).build();
        h.onCallEvent(event("brandNew"));
        assertEquals(List.of("any:brandNew"), calls);
    }

    @Test
    void recordsWithoutAHandlerAreAcceptedAndDropped() {
        NotificationHandlers h = NotificationHandlers.builder().build();
        h.onCallEvent(event("answer"));
        try (LogCapture log = new LogCapture()) {
            h.onCallDetailRecord(CallDetailRecord.builder().icid("i-1").build());
            h.onCallDetailRecord(CallDetailRecord.builder().icid("i-2").build());
            String text = log.text();
            assertTrue(text.contains("no onCdr handler"), text);
            assertEquals(text.indexOf("no onCdr handler"), text.lastIndexOf("no onCdr handler"), "warned once");
        }
    }

    @Test
    void aHandlerFailureRejectsTheRecord() {
        NotificationHandlers h = NotificationHandlers.builder().onCdr(c -> {
            throw new IllegalStateException("down");
        }).build();
        assertThrows(IllegalStateException.class, () -> h.onCallDetailRecord(CallDetailRecord.builder().icid("x").build()));
    }

    @Test
    void eachHandlerOnce() {
        assertThrows(InvalidValueException.class, () -> NotificationHandlers.builder()
                .on(CallEventType.ANSWER, e -> { }).on(CallEventType.ANSWER, e -> { }));
        assertThrows(InvalidValueException.class, () -> NotificationHandlers.builder().onCdr(c -> { }).onCdr(c -> { }));
        assertThrows(InvalidValueException.class, () -> NotificationHandlers.builder().onCallEvent(c -> { }).onCallEvent(c -> { }));
        assertThrows(InvalidValueException.class,
                () -> NotificationHandlers.builder().onUnknownEvent(c -> { }).onUnknownEvent(c -> { }));
        assertThrows(NullPointerException.class, () -> NotificationHandlers.builder().onCdr(null));
    }

    @Test
    void asTheReceiversSink() {
        List<Duration> talk = new CopyOnWriteArrayList<>();
        NotificationReceiver receiver = NotificationReceiver.builder().credentials(Fixtures.APP)
                .sink(NotificationHandlers.builder()
                        .onCdr(c -> talk.add(c.talkTime()))
                        .on(CallEventType.DISCONNECT, e -> calls.add("bye " + e.stateCode().orElseThrow().code()))
                        .build())
                .build();
        PushTestClient platform = Fixtures.platform();
        assertEquals(200, platform.deliver(receiver, Fixtures.text("huawei-sample-fee.json")).status());
        assertEquals(200, platform.deliver(receiver, Fixtures.text("huawei-sample-disconnect.json")).status());
        assertEquals(List.of(Duration.ofSeconds(16)), talk);
        assertEquals(List.of("bye 0"), calls);
    }
}
