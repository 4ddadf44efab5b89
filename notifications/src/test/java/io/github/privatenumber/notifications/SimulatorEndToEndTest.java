package io.github.privatenumber.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.core.notification.HangupCode;
import io.github.privatenumber.notifications.testing.PushTestClient;
import io.github.privatenumber.simulator.CallRequest;
import io.github.privatenumber.simulator.CallResult;
import io.github.privatenumber.simulator.CallRoute;
import io.github.privatenumber.simulator.Push;
import io.github.privatenumber.simulator.PushAttempt;
import io.github.privatenumber.simulator.Simulator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * End to end over real sockets: the simulator (the independent stand-in for the platform) places calls and pushes
 * signed call events and CDRs, re-pushing what is refused; the JDK endpoint receives, verifies, de-duplicates and
 * hands each record to the sink exactly once.
 */
class SimulatorEndToEndTest {

    private static final String A = "+8613800000001";
    private static final String B = "+8613900000001";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A re-push minute becomes 60 ms. */
    private static final double REPUSH_SCALE = 0.001;

    /** Binds AX and YB through the simulator's signed REST API; returns {subscriptionId, X, Y}. */
    private static String[] bindAxyb(Simulator sim) throws Exception {
        PushTestClient api = PushTestClient.of(sim.credentials()); // same signing as any platform client
        URI bind = URI.create(sim.baseUrl() + "/rest/omp/xyrelationnumber/v1.0?app_key=" + sim.credentials().appKey());
        PushTestClient.Response ax = api.post(bind, "{\"origNum\":\"" + A + "\",\"areaCode\":\"0755\"}");
        assertEquals(200, ax.status(), ax.body());
        JsonNode axJson = JSON.readTree(ax.body());
        String subscriptionId = axJson.get("subscriptionId").asText();
        PushTestClient.Response yb = api.post(bind, "{\"origNum\":\"" + B + "\",\"subscriptionId\":\"" + subscriptionId + "\"}");
        assertEquals(200, yb.status(), yb.body());
        return new String[] {subscriptionId, axJson.get("relationNumber").asText(), JSON.readTree(yb.body()).get("relationNumber").asText()};
    }

    /** A sink that fails the first delivery of the records {@code failOnce} selects. */
    private static class FailOnceSink extends RecordingSink {
        private final Function<Object, String> failOnce;
        private final Set<String> failed = ConcurrentHashMap.newKeySet();

        FailOnceSink(Function<Object, String> failOnce) {
            this.failOnce = failOnce;
        }

        private void maybeFail(Object record) {
            String key = failOnce.apply(record);
            if (key != null && failed.add(key)) {
                throw new IllegalStateException("temporarily unavailable: " + key);
            }
        }

        @Override
        public void onCallEvent(CallEvent event) {
            maybeFail(event);
            super.onCallEvent(event);
        }

        @Override
        public void onCallDetailRecord(CallDetailRecord record) {
            maybeFail(record);
            super.onCallDetailRecord(record);
        }
    }

    private static List<Integer> statuses(Push push) {
        return push.attempts().stream().map(PushAttempt::httpStatus).toList();
    }

    @Test
    void aCallsEventsAndCdrArriveVerifiedExactlyOnceAcrossARepush() throws Exception {
        FailOnceSink sink = new FailOnceSink(r -> {
            if (r instanceof CallEvent e && e.type().equals(CallEventType.ANSWER)) {
                return "answer";
            }
            return r instanceof CallDetailRecord ? "cdr" : null;
        });
        try (Simulator sim = Simulator.builder().repushTimeScale(REPUSH_SCALE).build().start();
             NotificationEndpoint endpoint = NotificationEndpoint.start(
                     NotificationReceiver.builder().credentials(sim.credentials()).sink(sink).build(),
                     new InetSocketAddress("127.0.0.1", 0), "/privatenumber/events", "/privatenumber/cdr")) {
            sim.setPushUrls(endpoint.eventUrl(), endpoint.cdrUrl());
            String[] axyb = bindAxyb(sim);

            CallResult call = sim.placeCall(CallRequest.of(A, axyb[2]).ringSeconds(3).talkSeconds(30));
            assertEquals(CallRoute.A_TO_B, call.route());
            assertTrue(sim.awaitPushesSettled(Duration.ofSeconds(20)), "every push delivered: " + sim.pushes());

            // the platform's view: every push ended with 200; the refused ones after exactly one re-push
            List<Push> pushes = sim.pushes();
            assertEquals(6, pushes.size(), pushes.toString());
            for (Push p : pushes) {
                assertEquals("DELIVERED", p.state(), p.toString());
                boolean refusedOnce = p.kind().equals("fee") || p.body().contains("\"answer\"");
                assertEquals(refusedOnce ? List.of(500, 200) : List.of(200), statuses(p), p.toString());
            }

            // the application's view: each record exactly once
            Map<String, List<CallEvent>> byType = sink.events.stream().collect(Collectors.groupingBy(e -> e.type().name()));
            assertEquals(Set.of("callin", "callout", "alerting", "answer", "disconnect"), byType.keySet());
            byType.values().forEach(list -> assertEquals(1, list.size(), list.toString()));
            for (CallEvent e : sink.events) {
                assertEquals(call.sessionId(), e.sessionId().orElseThrow().value());
                assertEquals(axyb[0], e.subscriptionId().orElseThrow());
                assertTrue(e.timestamp().isPresent());
                assertTrue(e.type().isKnown());
            }
            assertEquals(A, byType.get("callin").get(0).caller().orElseThrow().raw());
            assertEquals(axyb[2], byType.get("callin").get(0).called().orElseThrow().raw());
            assertEquals(HangupCode.NORMAL_RELEASE, byType.get("disconnect").get(0).stateCode().orElseThrow());

            assertEquals(1, sink.cdrs.size());
            CallDetailRecord cdr = sink.cdrs.get(0);
            assertEquals(call.icid(), cdr.icid());
            assertEquals(call.sessionId(), cdr.sessionId().orElseThrow().value());
            assertEquals(CallDetailRecord.DirectionKind.CALLED_Y_A_TO_B, cdr.directionKind());
            assertEquals(axyb[0], cdr.subscriptionId().orElseThrow());
            assertEquals(A, cdr.callerNum().orElseThrow().raw());
            assertEquals(axyb[2], cdr.calleeNum().orElseThrow().raw());
            assertEquals(axyb[1], cdr.fwdDisplayNum().orElseThrow().raw());
            assertEquals(B, cdr.fwdDstNum().orElseThrow().raw());
            assertTrue(cdr.isAnswered());
            assertEquals(Duration.ofSeconds(30), cdr.talkTime());
            assertEquals(sim.credentials().appKey(), cdr.appKey().orElseThrow());
            assertEquals(byType.get("disconnect").get(0).timestamp(), cdr.callEndTime());
            assertEquals(6, sink.calls.get(), "5 events and 1 CDR, each handed over once after its refused attempt");
        }
    }

    @Test
    void aBatchOfCdrsWithAFailureMidBatchIsDeliveredOnceEach() throws Exception {
        List<String> order = new ArrayList<>();
        FailOnceSink sink = new FailOnceSink(r -> r instanceof CallDetailRecord c && order.size() == 1 ? c.icid() : null) {
            @Override
            public void onCallDetailRecord(CallDetailRecord record) {
                synchronized (order) {
                    super.onCallDetailRecord(record);
                    order.add(record.icid());
                }
            }
        };
        try (Simulator sim = Simulator.builder().repushTimeScale(REPUSH_SCALE).build().start();
             NotificationEndpoint endpoint = NotificationEndpoint.start(
                     NotificationReceiver.builder().credentials(sim.credentials()).sink(sink).build(),
                     new InetSocketAddress("127.0.0.1", 0), "/pn")) {
            sim.setPushUrls(null, endpoint.cdrUrl());
            String[] axyb = bindAxyb(sim);
            List<CallResult> calls = sim.placeCalls(List.of(
                    CallRequest.of(A, axyb[2]).talkSeconds(5),
                    CallRequest.of(A, axyb[2]).talkSeconds(6),
                    CallRequest.of(B, axyb[1]).notAnswered(8102)));
            assertTrue(sim.awaitPushesSettled(Duration.ofSeconds(20)), sim.pushes().toString());

            List<Push> pushes = sim.pushes();
            assertEquals(1, pushes.size(), "calls ending together share one fee push: " + pushes);
            assertEquals(List.of(500, 200), statuses(pushes.get(0)));
            assertEquals(calls.stream().map(CallResult::icid).toList(), order, "each CDR once, in push order");
            assertEquals(3, sink.cdrs.size());
            CallDetailRecord busy = sink.cdrs.get(2);
            assertTrue(!busy.isAnswered());
            assertEquals(Duration.ZERO, busy.talkTime());
            assertEquals(CallDetailRecord.DirectionKind.CALLED_X_B_TO_A, busy.directionKind());
        }
    }

    @Test
    void legacyWssePushesAreVerifiedWhenEnabled() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (Simulator sim = Simulator.builder().pushSigning(Simulator.PushSigning.WSSE).repushTimeScale(REPUSH_SCALE)
                .build().start();
             NotificationEndpoint endpoint = NotificationEndpoint.start(
                     NotificationReceiver.builder().credentials(sim.credentials()).wsseEnabled(true).sink(sink).build(),
                     new InetSocketAddress("127.0.0.1", 0), "/pn")) {
            sim.setPushUrls(endpoint.eventUrl(), endpoint.cdrUrl());
            String[] axyb = bindAxyb(sim);
            CallResult call = sim.placeCall(CallRequest.of(A, axyb[2]));
            assertTrue(sim.awaitPushesSettled(Duration.ofSeconds(20)));
            assertEquals(5, sink.events.size());
            assertEquals(List.of(call.icid()), sink.icids());
            sim.pushes().forEach(p -> assertEquals(List.of(200), statuses(p)));
        }
    }

    @Test
    void pushesSignedWithAnotherAppsKeyAreRefused() throws Exception {
        RecordingSink sink = new RecordingSink();
        AppCredentials notTheSimulators = AppCredentials.of(Simulator.DEFAULT_APP_KEY, "a-different-secret");
        try (Simulator sim = Simulator.builder().repushTimeScale(REPUSH_SCALE).build().start();
             NotificationEndpoint endpoint = NotificationEndpoint.start(
                     NotificationReceiver.builder().credentials(notTheSimulators).sink(sink).build(),
                     new InetSocketAddress("127.0.0.1", 0), "/pn")) {
            sim.setPushUrls(endpoint.eventUrl(), endpoint.cdrUrl());
            String[] axyb = bindAxyb(sim);
            sim.placeCall(CallRequest.of(A, axyb[2]));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sim.pushes().size() < 6 || sim.pushes().stream().anyMatch(p -> p.attempts().isEmpty())) {
                assertTrue(System.nanoTime() < deadline, sim.pushes().toString());
                Thread.sleep(20);
            }
            for (Push p : sim.pushes()) {
                assertEquals(401, p.attempts().get(0).httpStatus(), p.toString());
            }
            assertEquals(0, sink.calls.get(), "nothing unverified reaches the sink");
        }
    }
}
