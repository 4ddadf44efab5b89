package io.github.privatenumber.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.client.spi.TransportResponse;
import io.github.privatenumber.spring.PrivateNumberActivity;
import io.github.privatenumber.spring.PrivateNumberActivity.Outcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class ObservedTransportFactoryTest {

    @Test
    void classifiesAnswers() {
        assertThat(classify(200, "{\"resultcode\":\"0\",\"resultdesc\":\"Success\"}")).isEqualTo(Outcome.SUCCESS);
        assertThat(classify(301, "")).isEqualTo(Outcome.SUCCESS);
        assertThat(classify(200, "{\"resultcode\":\"1016001\"}")).isEqualTo(Outcome.REFUSED);
        assertThat(classify(403, "{\"resultcode\":\"1016001\",\"resultdesc\":\"no binding\"}")).isEqualTo(Outcome.REFUSED);
        assertThat(classify(403, "{\"resultcode\":\"1011003\"}")).isEqualTo(Outcome.REFUSED);
        assertThat(classify(403, "{\"resultcode\" : \"1010003\"}")).isEqualTo(Outcome.AUTHENTICATION_FAILED);
        assertThat(classify(403, "{\"resultcode\":\"1010040\"}")).isEqualTo(Outcome.AUTHENTICATION_FAILED);
        assertThat(classify(401, "{\"resultcode\":\"1010010\"}")).isEqualTo(Outcome.AUTHENTICATION_FAILED);
        assertThat(classify(401, "")).isEqualTo(Outcome.AUTHENTICATION_FAILED);
        assertThat(classify(400, "{\"resultcode\":\"1023008\"}")).isEqualTo(Outcome.AUTHENTICATION_FAILED);
        assertThat(classify(400, "not json")).isEqualTo(Outcome.REFUSED);
        assertThat(classify(500, "{\"resultcode\":\"1010001\"}")).isEqualTo(Outcome.SERVER_ERROR);
        assertThat(classify(503, "")).isEqualTo(Outcome.SERVER_ERROR);
    }

    @Test
    void theWrapperPassesASynchronousCallersThreadOnAndRecordsTheAnswer() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        HttpTransport real = new HttpTransport() {
            @Override
            public CompletableFuture<TransportResponse> execute(TransportRequest request) {
                seen.add("plain");
                return CompletableFuture.completedFuture(new TransportResponse(200, Map.of(),
                        "{\"resultcode\":\"0\"}".getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public CompletableFuture<TransportResponse> execute(TransportRequest request, Executor waitingCaller) {
                seen.add(waitingCaller);
                return execute(request);
            }
        };
        HttpTransportFactory factory = new HttpTransportFactory() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public int priority() {
                return 1;
            }

            @Override
            public HttpTransport create(TransportOptions options) {
                return real;
            }
        };
        PrivateNumberActivity activity = new PrivateNumberActivity();
        HttpTransport observed = new ObservedTransportFactory(factory, activity).create(TransportOptions.builder().build());
        TransportRequest request = new TransportRequest("GET", URI.create("http://127.0.0.1:1/x"), Map.of(), new byte[0],
                Duration.ofSeconds(1));
        Executor caller = Runnable::run;

        assertThat(observed.execute(request, caller).get().statusCode()).isEqualTo(200);
        assertThat(seen).containsExactly(caller, "plain");
        assertThat(activity.snapshot().totalAttempts()).isEqualTo(1);
        assertThat(observed.execute(request).get().statusCode()).isEqualTo(200);
        assertThat(seen).containsExactly(caller, "plain", "plain");
    }

    @Test
    void propertyNamesFromClientOptions() {
        assertThat(ClientSettings.toProperty("endpoint")).isEqualTo("privatenumber.endpoint");
        assertThat(ClientSettings.toProperty("retry.maxAttempts")).isEqualTo("privatenumber.retry.max-attempts");
        assertThat(ClientSettings.toProperty("trustStore")).isEqualTo("privatenumber.truststore.location");
        assertThat(ClientSettings.toProperty("credentials")).isEqualTo("privatenumber.app-key");
    }

    private static Outcome classify(int status, String body) {
        return ObservedTransportFactory.classify(status, body.getBytes(StandardCharsets.UTF_8));
    }
}
