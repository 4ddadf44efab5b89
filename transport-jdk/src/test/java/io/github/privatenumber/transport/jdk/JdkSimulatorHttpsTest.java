package io.github.privatenumber.transport.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.RetryOptions;
import io.github.privatenumber.core.OutcomeUnknownException;
import io.github.privatenumber.core.TransportException;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.simulator.Simulator;
import io.github.privatenumber.simulator.junit.SimulatorExtension;
import io.github.privatenumber.transport.tck.SelfSignedCertificate;
import java.net.InetAddress;
import java.net.URI;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client on the JDK transport over TLS to the simulator: its self-signed certificate is trusted only through the
 * trust store option, and host names are still verified with a custom trust store.
 */
class JdkSimulatorHttpsTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.builder().https(true).build();

    private static PrivateNumberClient.Builder builder(Simulator sim, URI endpoint) {
        return PrivateNumberClient.builder().endpoint(endpoint).credentials(sim.credentials())
                .transportFactory(new JdkHttpTransportFactory()).retry(RetryOptions.none());
    }

    @Test
    void aCustomTrustStoreReachesTheSimulatorOverTls() {
        Simulator sim = SIM.simulator();
        URI base = sim.baseUrl();
        assertEquals("https", base.getScheme());
        KeyStore trust = sim.trustStore().orElseThrow();
        try (PrivateNumberClient client = builder(sim, base).trustStore(trust).build()) {
            BindResult ax = client.bindAx(AxBindRequest.builder().origNum("+8613800000001").build());
            assertEquals(1, client.query(ax.subscriptionId()).size());
        }
    }

    @Test
    void withoutItTheHandshakeFailsBeforeAnythingIsSent() {
        Simulator sim = SIM.simulator();
        try (PrivateNumberClient client = builder(sim, sim.baseUrl()).build()) {
            TransportException e = assertThrows(TransportException.class,
                    () -> client.bindAx(AxBindRequest.builder().origNum("+8613800000001").build()));
            assertFalse(e instanceof OutcomeUnknownException, "a failed handshake sent nothing: " + e);
            assertFalse(e.requestMayHaveBeenSent());
            assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
        }
        assertTrue(sim.state().bindings().isEmpty());
    }

    /**
     * A simulator presenting a trusted certificate that names {@code localhost} only: reached as {@code localhost} it
     * works, reached as {@code 127.0.0.1} (same socket, a name the certificate lacks) it is refused.
     */
    @Test
    void hostNamesAreStillVerifiedWithACustomTrustStore() throws Exception {
        assumeTrue(InetAddress.getByName("localhost").isLoopbackAddress(), "localhost is not a loopback name here");
        SelfSignedCertificate localhostOnly = SelfSignedCertificate.forLocalhost();
        try (Simulator sim = Simulator.builder().serverSslContext(localhostOnly.serverContext()).build().start()) {
            int port = sim.baseUrl().getPort();
            try (PrivateNumberClient byIp = builder(sim, URI.create("https://127.0.0.1:" + port))
                    .trustStore(localhostOnly.trustStore()).build()) {
                TransportException e = assertThrows(TransportException.class,
                        () -> byIp.bindAx(AxBindRequest.builder().origNum("+8613800000001").build()));
                assertFalse(e.requestMayHaveBeenSent(), e.toString());
            }
            assertTrue(sim.state().bindings().isEmpty());
            try (PrivateNumberClient byName = builder(sim, URI.create("https://localhost:" + port))
                    .trustStore(localhostOnly.trustStore()).build()) {
                byName.bindAx(AxBindRequest.builder().origNum("+8613800000001").build());
            }
            assertEquals(1, sim.state().bindings().size());
        }
    }
}
