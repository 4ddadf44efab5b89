package io.github.privatenumber.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.core.notification.HangupCode;
import io.github.privatenumber.notifications.testing.PushTestClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The README's snippets, run as written (with stand-ins for the application's services). */
class ReadmeExamplesTest {

    private final List<String> saved = new CopyOnWriteArrayList<>();
    private final List<String> ended = new CopyOnWriteArrayList<>();
    private final List<String> kept = new CopyOnWriteArrayList<>();

    private final class Billing {
        void save(String icid, Duration talk, boolean answered) {
            saved.add(icid + " " + talk + " " + answered);
        }
    }

    private final class Orders {
        void callEnded(Optional<SessionId> session, Optional<HangupCode> code) {
            ended.add(session.orElseThrow().value() + " " + code.orElseThrow().code());
        }
    }

    private final class Audit {
        void keep(String type, String raw) {
            kept.add(type);
        }
    }

    @Test
    void quickStartAndTestClient() {
        String appKey = Fixtures.APP.appKey();
        String appSecret = Fixtures.APP.appSecret();
        Billing billing = new Billing();
        Orders orders = new Orders();
        Audit audit = new Audit();
        AppCredentials credentials = Fixtures.APP;

        NotificationReceiver receiver = NotificationReceiver.builder()
                .credentials(AppCredentials.of(appKey, appSecret))
                .sink(NotificationHandlers.builder()
                        .onCdr(cdr -> billing.save(cdr.icid(), cdr.talkTime(), cdr.isAnswered()))
                        .on(CallEventType.DISCONNECT, e -> orders.callEnded(e.sessionId(), e.stateCode()))
                        .onUnknownEvent(e -> audit.keep(e.type().name(), e.rawJson()))
                        .build())
                .build();

        try (NotificationEndpoint endpoint = NotificationEndpoint.start(receiver,
                new InetSocketAddress("127.0.0.1", 0), "/privatenumber/events")) {
            PushTestClient platform = PushTestClient.of(credentials);
            String cdrs = PushTestClient.cdrBody(
                    PushTestClient.cdr("icid-1").direction(1).callerNum("+8613800000001")
                            .answered(Instant.parse("2024-05-01T08:00:00Z"), Duration.ofSeconds(3), Duration.ofSeconds(42)));
            assertEquals(200, platform.post(endpoint.cdrUrl(), cdrs).status());
            assertEquals(200, platform.deliver(receiver, cdrs).status());
            String event = PushTestClient.event(CallEventType.DISCONNECT).sessionId("s-1").stateCode(8102).toJson();
            ReceiverResponse answer = platform.deliver(receiver, event);
            assertEquals(200, answer.status());
            Map<String, String> headers = platform.headers();
            assertEquals(200, PushTestClient.deliver(receiver, "POST",
                    "{\"eventType\":\"xStatus\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), headers).status());
        }
        assertEquals(List.of("icid-1 PT42S true"), saved);
        assertEquals(List.of("s-1 8102"), ended);
        assertEquals(List.of("xStatus"), kept);
    }
}
