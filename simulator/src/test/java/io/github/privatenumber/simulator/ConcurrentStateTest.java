package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** State snapshots taken while calls are placed concurrently. */
@Timeout(120)
class ConcurrentStateTest {

    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    @Test
    void stateIsConsistentWhileCallsArePlaced() throws Exception {
        Simulator sim = SIM.simulator();
        Api api = new Api(sim);
        String[] ax = api.ax(Api.ax("+8613800000001"));
        String y = api.yb(ax[0], "+8613900000001");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicBoolean placing = new AtomicBoolean(true);
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                callers.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        sim.placeCall(CallRequest.of("+8613800000001", y));
                        sim.placeCall(CallRequest.of("+8613700000001", "+8617002100004")); // not forwarded
                    }
                    return null;
                }));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            readers.add(pool.submit(() -> {
                int n = 0;
                while (placing.get() && n < 100_000) {
                    Api.Resp r = api.send("GET", "/simulator/state", null, Map.of());
                    assertEquals(200, r.status(), r.toString());
                    n++;
                }
                return n;
            }));
            readers.add(pool.submit(() -> {
                int n = 0;
                while (placing.get() && n < 1_000_000) {
                    for (SimulatorState.Call c : sim.state().calls()) {
                        assertNotNull(c.result(), "a call without its result");
                    }
                    n++;
                }
                return n;
            }));
            for (Future<?> f : callers) {
                f.get(100, TimeUnit.SECONDS);
            }
            placing.set(false);
            for (Future<Integer> f : readers) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            placing.set(false);
            pool.shutdownNow();
        }
        assertEquals(1200, sim.state().calls().size());
        assertEquals(200, api.send("GET", "/simulator/state", null, Map.of()).status());
    }
}
