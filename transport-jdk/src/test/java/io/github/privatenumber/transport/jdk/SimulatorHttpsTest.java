package io.github.privatenumber.transport.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.RetryOptions;
import io.github.privatenumber.core.OutcomeUnknownException;
import io.github.privatenumber.core.TransportException;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.simulator.Simulator;
import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.net.URI;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client over TLS: the simulator's self-signed certificate is trusted only through the trust store option. */
class SimulatorHttpsTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.builder().https(true).build();

    @Test
    void aCustomTrustStoreReachesTheSimulatorOverTls() {
        Simulator sim = SIM.simulator();
        URI base = sim.baseUrl();
        assertEquals("https", base.getScheme());
        KeyStore trust = sim.trustStore().orElseThrow();
        try (PrivateNumberClient client = PrivateNumberClient.builder().endpoint(base).credentials(sim.credentials())
                .transportFactory(new JdkHttpTransportFactory()).trustStore(trust).build()) {
            BindResult ax = client.bindAx(AxBindRequest.builder().origNum("+8613800000001").build());
            assertEquals(1, client.query(ax.subscriptionId()).size());
        }
    }

    @Test
    void withoutItTheHandshakeFailsBeforeAnythingIsSent() {
        Simulator sim = SIM.simulator();
        try (PrivateNumberClient client = PrivateNumberClient.builder().endpoint(sim.baseUrl())
                .credentials(sim.credentials()).transportFactory(new JdkHttpTransportFactory())
                .retry(RetryOptions.none()).build()) {
            TransportException e = assertThrows(TransportException.class,
                    () -> client.bindAx(AxBindRequest.builder().origNum("+8613800000001").build()));
            assertFalse(e instanceof OutcomeUnknownException, "a failed handshake sent nothing: " + e);
            assertFalse(e.requestMayHaveBeenSent());
            assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
        }
        assertTrue(sim.state().bindings().isEmpty());
    }
}
