package io.github.privatenumber.transport.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.ClientAgainstSimulatorContract;
import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.transport.jdk.JdkHttpTransportFactory;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The whole client on the Apache HttpClient 5 transport against the simulator (the shared contract), plus
 * discovery with both transports on the class path (this module's tests also see {@code privatenumber-transport-jdk}).
 */
class HttpClient5ClientAgainstSimulatorTest extends ClientAgainstSimulatorContract {

    @Override
    protected HttpTransportFactory transportFactory() {
        return new HttpClient5TransportFactory();
    }

    @Test
    void withBothTransportsOnTheClassPathTheClientPicksHttpClient5() {
        var names = ServiceLoader.load(HttpTransportFactory.class).stream().map(p -> p.get().name()).sorted().toList();
        assertEquals(List.of("httpclient", "jdk"), names, "both transports are registered");
        assertTrue(new JdkHttpTransportFactory().priority() < new HttpClient5TransportFactory().priority());
        try (PrivateNumberClient discovered = PrivateNumberClient.builder().endpoint(simulator().baseUrl())
                .credentials(simulator().credentials()).build()) {
            assertTrue(discovered.toString().contains("transport=httpclient"), discovered.toString());
            BindResult ax = discovered.bindAx(AxBindRequest.builder().origNum(A).build());
            assertEquals(1, discovered.query(ax.subscriptionId()).size());
        }
    }
}
