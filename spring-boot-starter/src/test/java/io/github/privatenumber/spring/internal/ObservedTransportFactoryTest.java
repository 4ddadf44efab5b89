package io.github.privatenumber.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.privatenumber.spring.PrivateNumberActivity.Outcome;
import java.nio.charset.StandardCharsets;
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
