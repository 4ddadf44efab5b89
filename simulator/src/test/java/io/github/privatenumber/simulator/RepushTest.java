package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Re-push on the documented schedule (1, 4, 9, 106, 203, 300 minutes) scaled down. */
class RepushTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.builder().repushTimeScale(0.001).build();

    private static final String UNBOUND = "+8617002100004";

    @Test
    void failedCdrPushIsRepushedOnScheduleUntil200() throws Exception {
        Simulator sim = SIM.simulator();
        try (PushReceiver receiver = new PushReceiver(sim.credentials()).answering(n -> n <= 3 ? 500 : 200)) {
            sim.setPushUrls(null, receiver.feeUrl());
            sim.placeCall(CallRequest.of("+8613700000001", UNBOUND));
            receiver.fee(); // the fourth attempt, answered 200
            assertTrue(sim.awaitPushesSettled(Duration.ofSeconds(10)));

            List<PushReceiver.Received> all = receiver.all();
            assertEquals(4, all.size());
            for (int i = 1; i < 4; i++) {
                assertEquals(all.get(0).rawBody(), all.get(i).rawBody(), "the same push, byte for byte");
                assertTrue(!all.get(0).signature().nonce().equals(all.get(i).signature().nonce()), "signed afresh");
            }
            long[] minutes = {1, 4, 9};
            for (int i = 1; i < 4; i++) {
                long gapMs = (all.get(i).nanos() - all.get(i - 1).nanos()) / 1_000_000;
                long expected = minutes[i - 1] * 60;
                assertTrue(gapMs >= expected - 5, "gap " + i + " was " + gapMs + " ms, expected about " + expected);
                assertTrue(gapMs < expected + 2000, "gap " + i + " was " + gapMs + " ms, expected about " + expected);
            }
            Push push = sim.pushes().get(0);
            assertEquals("fee", push.kind());
            assertEquals("DELIVERED", push.state());
            assertEquals(List.of(500, 500, 500, 200), push.attempts().stream().map(PushAttempt::httpStatus).toList());
        }
    }

    @Test
    void givesUpAfterSixRepushesAndNeverRepushesCallin() throws Exception {
        try (PushReceiver receiver = new PushReceiver(Simulator.builder().build().credentials()).answering(n -> 503);
             Simulator sim = Simulator.builder().repushTimeScale(0.0001).eventUrl(receiver.eventUrl()).build().start()) {
            sim.placeCall(CallRequest.of("+8613700000001", UNBOUND));
            assertTrue(sim.awaitPushesSettled(Duration.ofSeconds(20)));
            List<Push> pushes = sim.pushes();
            assertEquals(2, pushes.size());
            Push callin = pushes.stream().filter(p -> p.body().contains("\"callin\"")).findFirst().orElseThrow();
            Push disconnect = pushes.stream().filter(p -> p.body().contains("\"disconnect\"")).findFirst().orElseThrow();
            assertEquals("NOT_REPUSHED", callin.state());
            assertEquals(1, callin.attempts().size());
            assertEquals("GAVE_UP", disconnect.state());
            assertEquals(7, disconnect.attempts().size(), "the first attempt and six re-pushes");
            assertTrue(disconnect.attempts().stream().allMatch(a -> a.httpStatus() == 503));
            assertEquals(8, receiver.all().size());
        }
    }

    @Test
    void unreachableReceiverIsAFailedAttempt() {
        PushReceiver gone = new PushReceiver(SIM.credentials());
        gone.close();
        try (Simulator sim = Simulator.builder().repushTimeScale(0.00001).eventUrl(gone.eventUrl()).build().start()) {
            sim.placeCall(CallRequest.of("+8613700000001", UNBOUND));
            assertTrue(sim.awaitPushesSettled(Duration.ofSeconds(10)));
            for (Push p : sim.pushes()) {
                assertTrue(p.state().equals("NOT_REPUSHED") || p.state().equals("GAVE_UP"), p.state());
                for (PushAttempt a : p.attempts()) {
                    assertEquals(-1, a.httpStatus());
                    assertTrue(a.error() != null && !a.error().isEmpty());
                }
            }
            assertEquals(2, sim.pushes().size());
        }
    }
}
