package io.github.privatenumber.transport.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.Relation;
import io.github.privatenumber.core.binding.YbBindRequest;
import io.github.privatenumber.simulator.Simulator;
import io.github.privatenumber.simulator.junit.SimulatorExtension;
import io.github.privatenumber.transport.jdk.JdkHttpTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs the root README's client snippets against the simulator, so the README cannot drift from the API. */
@ExtendWith(SimulatorExtension.class)
class ReadmeClientExamplesTest {

    @Test
    void serviceLoaderSnippet(Simulator simulator) {
        AppCredentials credentials = simulator.credentials();
        try (PrivateNumberClient client = PrivateNumberClient.builder()
                .credentials(AppCredentials.of(credentials.appKey(), credentials.appSecret()))
                .endpoint(simulator.baseUrl().toString())
                .build()) {
            BindResult ax = client.bindAx(AxBindRequest.builder().origNum("+8613800000001").areaCode("0755").build());
            BindResult yb = client.bindYb(YbBindRequest.builder().origNum("+8613900000002").subscriptionId(ax.subscriptionId()).build());
            List<Relation> relations = client.query(ax.subscriptionId());
            assertEquals(yb.relationNumber(), relations.get(0).numY().orElseThrow());
            client.unbind(ax.subscriptionId());
        }
    }

    @Test
    void explicitTransportSnippetWithEachTransport(Simulator simulator) throws Exception {
        TransportOptions options = TransportOptions.builder()
                .connectTimeout(Duration.ofSeconds(3))
                .maxConnections(32)
                .build();
        for (int i = 0; i < 2; i++) {
            try (HttpTransport transport = i == 0 ? new HttpClient5Transport(options) : JdkHttpTransport.create(options);
                 PrivateNumberClient client = PrivateNumberClient.builder()
                         .credentials(simulator.credentials()).transport(transport)
                         .endpoint(simulator.baseUrl().toString())
                         .responseTimeout(Duration.ofSeconds(5)).overallTimeout(Duration.ofSeconds(20))
                         .build()) {
                BindResult ax = client.bindAx(AxBindRequest.builder().origNum("+861380000001" + i).areaCode("010").build());
                CompletableFuture<List<Relation>> relations = client.queryByXAsync(ax.relationNumber());
                assertTrue(relations.get(10, TimeUnit.SECONDS).stream().anyMatch(r -> r.numX().equals(ax.relationNumber())));
            }
        }
    }
}
