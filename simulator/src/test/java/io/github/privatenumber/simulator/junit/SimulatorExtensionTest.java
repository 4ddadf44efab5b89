package io.github.privatenumber.simulator.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.simulator.CallRequest;
import io.github.privatenumber.simulator.Simulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorExtensionTest {

    static URI firstBaseUrl;

    @Test
    @Order(1)
    void injectsAStartedSimulator(Simulator sim) throws Exception {
        firstBaseUrl = sim.baseUrl();
        assertEquals("127.0.0.1", sim.baseUrl().getHost());
        assertEquals(Simulator.DEFAULT_APP_KEY, sim.credentials().appKey());
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/simulator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        sim.placeCall(CallRequest.of("+8613700000001", "+8617002100004"));
        assertEquals(1, sim.state().calls().size());
    }

    @Test
    @Order(2)
    void sameSimulatorForTheClassResetBetweenTests(Simulator sim) {
        assertEquals(firstBaseUrl, sim.baseUrl(), "started once per class");
        assertTrue(sim.state().calls().isEmpty(), "reset between tests");
    }

    @Nested
    class Inner {
        @Test
        void nestedClassesShareIt(Simulator sim) {
            assertEquals(firstBaseUrl, sim.baseUrl());
        }
    }
}
