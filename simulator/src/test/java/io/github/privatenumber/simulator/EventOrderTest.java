package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A call's events reach the receiver in order, even with failures and re-pushes in between. */
@Timeout(60)
class EventOrderTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.builder().repushTimeScale(0.001).build();

    private static final List<String> ORDER = List.of("callin", "callout", "alerting", "answer", "disconnect");

    @Test
    void eachCallsEventsArriveInOrder() {
        Simulator sim = SIM.simulator();
        Api api = new Api(sim);
        try (PushReceiver receiver = new PushReceiver(sim.credentials()).answering(n -> n % 7 == 0 ? 500 : 200)) {
            sim.setPushUrls(receiver.eventUrl(), null);
            String[] ax = api.ax(Api.ax("+8613800000001"));
            String y = api.yb(ax[0], "+8613900000001");
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sessions.add(sim.placeCall(CallRequest.of("+8613800000001", y)).sessionId());
            }
            assertTrue(sim.awaitPushesSettled(Duration.ofSeconds(30)));

            // first arrival of each event type, per call, in arrival order
            Map<String, List<String>> arrived = new LinkedHashMap<>();
            for (PushReceiver.Received r : receiver.all()) {
                String session = r.json().get("statusInfo").get("sessionId").textValue();
                String type = r.json().get("eventType").textValue();
                List<String> seen = arrived.computeIfAbsent(session, k -> new ArrayList<>());
                if (!seen.contains(type)) {
                    seen.add(type);
                }
            }
            assertEquals(20, arrived.size());
            for (String session : sessions) {
                List<String> seen = arrived.get(session);
                List<String> expected = new ArrayList<>(ORDER);
                expected.retainAll(seen); // a failed callin is not re-pushed, so it may be missing
                assertEquals(expected, seen, "order of " + session);
                assertTrue(seen.containsAll(ORDER.subList(1, 5)), "re-pushed until delivered: " + seen);
            }
        }
    }
}
