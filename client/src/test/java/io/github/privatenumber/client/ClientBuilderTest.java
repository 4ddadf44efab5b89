package io.github.privatenumber.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.client.spi.ProxySettings;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.binding.SubscriptionId;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClientBuilderTest {

    private static final AppCredentials CREDENTIALS = AppCredentials.of("key", "secret-0001");

    @Test
    void credentialsAreRequired() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> PrivateNumberClient.builder().transport(new FakeTransport()).build());
        assertEquals("credentials", e.field());
        assertEquals("credentials", assertThrows(InvalidValueException.class,
                () -> PrivateNumberClient.builder().credentials((AppCredentials) null)).field());
        assertEquals("appSecret", assertThrows(InvalidValueException.class,
                () -> PrivateNumberClient.builder().credentials("key", "")).field());
    }

    @Test
    void everyOptionIsValidatedAndNamed() {
        PrivateNumberClient.Builder b = PrivateNumberClient.builder();
        assertEquals("endpoint", assertThrows(InvalidValueException.class,
                () -> b.endpoint("http://rtcpns.cn-north-1.myhuaweicloud.com")).field());
        assertEquals("responseTimeout", assertThrows(InvalidValueException.class,
                () -> b.responseTimeout(Duration.ZERO)).field());
        assertEquals("responseTimeout", assertThrows(InvalidValueException.class,
                () -> b.responseTimeout(null)).field());
        assertEquals("overallTimeout", assertThrows(InvalidValueException.class,
                () -> b.overallTimeout(Duration.ofHours(2))).field());
        assertEquals("connectTimeout", assertThrows(InvalidValueException.class,
                () -> b.connectTimeout(Duration.ofMillis(-1))).field());
        assertEquals("connectTimeout", assertThrows(InvalidValueException.class,
                () -> b.connectTimeout(null)).field());
        assertEquals("maxConnections", assertThrows(InvalidValueException.class, () -> b.maxConnections(0)).field());
        assertEquals("proxy", assertThrows(InvalidValueException.class, () -> b.proxy(null)).field());
        assertEquals("proxy.port", assertThrows(InvalidValueException.class, () -> ProxySettings.of("p", 0)).field());
        assertEquals("retry", assertThrows(InvalidValueException.class, () -> b.retry(null)).field());
        assertEquals("transport", assertThrows(InvalidValueException.class, () -> b.transport(null)).field());
        assertEquals("transportFactory", assertThrows(InvalidValueException.class, () -> b.transportFactory(null)).field());
        assertEquals("clock", assertThrows(InvalidValueException.class, () -> b.clock(null)).field());
        assertEquals("nonceSource", assertThrows(InvalidValueException.class, () -> b.nonceSource(null)).field());
        assertEquals("trustStore", assertThrows(InvalidValueException.class, () -> b.trustStore(null)).field());
    }

    @Test
    void retryOptionsAreValidated() {
        RetryOptions.Builder r = RetryOptions.builder();
        assertEquals("retry.maxAttempts", assertThrows(InvalidValueException.class, () -> r.maxAttempts(0)).field());
        assertEquals("retry.maxAttempts", assertThrows(InvalidValueException.class, () -> r.maxAttempts(11)).field());
        assertEquals("retry.initialBackoff", assertThrows(InvalidValueException.class,
                () -> r.initialBackoff(Duration.ZERO)).field());
        assertEquals("retry.multiplier", assertThrows(InvalidValueException.class, () -> r.multiplier(0.5)).field());
        assertEquals("retry.multiplier", assertThrows(InvalidValueException.class, () -> r.multiplier(Double.NaN)).field());
        assertEquals("retry.jitter", assertThrows(InvalidValueException.class, () -> r.jitter(1.0)).field());
        assertEquals("retry.jitter", assertThrows(InvalidValueException.class, () -> r.jitter(-0.1)).field());
        assertEquals("retry.maxBackoff", assertThrows(InvalidValueException.class,
                () -> r.maxBackoff(Duration.ofMinutes(6))).field());
        assertEquals("retry.retryableResultCodes", assertThrows(InvalidValueException.class,
                () -> r.retryableResultCodes(java.util.List.of(io.github.privatenumber.core.result.ResultCode.SUCCESS))).field());
        assertEquals("retry.maxBackoff", assertThrows(InvalidValueException.class,
                () -> RetryOptions.builder().initialBackoff(Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(1)).build())
                .field());
        assertEquals(Duration.ofSeconds(30),
                RetryOptions.builder().initialBackoff(Duration.ofSeconds(30)).build().maxBackoff());
        RetryOptions d = RetryOptions.defaults();
        assertEquals(3, d.maxAttempts());
        assertEquals(Duration.ofMillis(200), d.initialBackoff());
        assertEquals(2.0, d.multiplier());
        assertEquals(0.5, d.jitter());
        assertEquals(RetryOptions.DEFAULT_RETRYABLE_RESULT_CODES, d.retryableResultCodes());
        assertEquals(d, d.toBuilder().build());
        assertEquals(1, RetryOptions.none().maxAttempts());
    }

    @Test
    void overallTimeoutMustCoverOneResponseTimeout() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> PrivateNumberClient.builder()
                .credentials(CREDENTIALS).transport(new FakeTransport())
                .responseTimeout(Duration.ofSeconds(10)).overallTimeout(Duration.ofSeconds(5)).build());
        assertEquals("overallTimeout", e.field());
    }

    @Test
    void connectionOptionsAreRejectedWithAGivenTransport() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> PrivateNumberClient.builder()
                .credentials(CREDENTIALS).transport(new FakeTransport()).connectTimeout(Duration.ofSeconds(1)).build());
        assertEquals("connectTimeout", e.field());
        e = assertThrows(InvalidValueException.class, () -> PrivateNumberClient.builder()
                .credentials(CREDENTIALS).transport(new FakeTransport()).proxy(ProxySettings.of("proxy", 3128)).build());
        assertEquals("proxy", e.field());
        e = assertThrows(InvalidValueException.class, () -> PrivateNumberClient.builder().credentials(CREDENTIALS)
                .transport(new FakeTransport()).transportFactory(new RecordingFactory("x", 1)).build());
        assertEquals("transport", e.field());
    }

    @Test
    void trustStoreMustBeLoadedAndHoldACertificate() throws Exception {
        KeyStore unloaded = KeyStore.getInstance("PKCS12");
        assertEquals("trustStore", assertThrows(InvalidValueException.class,
                () -> PrivateNumberClient.builder().trustStore(unloaded)).field());
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> PrivateNumberClient.builder().trustStore(empty));
        assertTrue(e.getMessage().contains("no certificate"), e.getMessage());
    }

    @Test
    void noTransportOnTheClassPathNamesTheArtifactsToAdd() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> PrivateNumberClient.builder().credentials(CREDENTIALS).build());
        assertEquals("transport", e.field());
        assertTrue(e.getMessage().contains("io.github.privatenumber:privatenumber-transport-httpclient"), e.getMessage());
        assertTrue(e.getMessage().contains("io.github.privatenumber:privatenumber-transport-jdk"), e.getMessage());
    }

    @Test
    void aGivenTransportIsNeverClosedByTheClient() {
        FakeTransport t = new FakeTransport();
        PrivateNumberClient client = PrivateNumberClient.builder().credentials(CREDENTIALS).transport(t).build();
        client.close();
        client.close();
        assertFalse(t.closed);
        assertThrows(IllegalStateException.class, () -> client.query(SubscriptionId.of("s")));
        assertThrows(IllegalStateException.class, () -> client.queryAsync(SubscriptionId.of("s")));
    }

    @Test
    void aTransportMadeByAFactoryIsClosedWithTheClient() {
        RecordingFactory factory = new RecordingFactory("fake", 1);
        PrivateNumberClient client = PrivateNumberClient.builder().credentials(CREDENTIALS).transportFactory(factory)
                .connectTimeout(Duration.ofSeconds(2)).maxConnections(7).proxy(new ProxySettings("proxy", 3128, "u", "p"))
                .endpoint(URI.create("http://127.0.0.1:18080/")).build();
        TransportOptions options = factory.options.get();
        assertEquals(Duration.ofSeconds(2), options.connectTimeout());
        assertEquals(7, options.maxConnections());
        assertEquals("proxy", options.proxy().orElseThrow().host());
        assertEquals(URI.create("http://127.0.0.1:18080"), client.endpoint());
        assertFalse(factory.made.get().closed);
        client.close();
        assertTrue(factory.made.get().closed);
    }

    @Test
    void toStringNeverShowsTheSecret() {
        try (PrivateNumberClient client = PrivateNumberClient.builder().credentials("key", "very-secret-value")
                .transport(new FakeTransport()).build()) {
            String s = client.toString();
            assertFalse(s.contains("very-secret-value"), s);
            assertTrue(s.contains("key"), s);
            assertEquals(PrivateNumberClient.DEFAULT_ENDPOINT, client.endpoint());
        }
    }

    @Test
    void anAppKeyThatCannotBeSignedIsRejectedAtBuild() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> PrivateNumberClient.builder()
                .credentials("ke\"y", "secret").transport(new FakeTransport()).build());
        assertEquals("appKey", e.field());
    }

    @Test
    void theClientIsTheThreePorts() {
        try (PrivateNumberClient client = PrivateNumberClient.builder().credentials(CREDENTIALS)
                .transport(new FakeTransport()).build()) {
            io.github.privatenumber.core.binding.BindingGateway bindings = client;
            io.github.privatenumber.core.recording.RecordingGateway recordings = client;
            io.github.privatenumber.core.call.CallControlGateway calls = client;
            assertSame(bindings, recordings);
            assertSame(recordings, calls);
        }
    }

    static final class RecordingFactory implements HttpTransportFactory {
        private final String name;
        private final int priority;
        final AtomicReference<TransportOptions> options = new AtomicReference<>();
        final AtomicReference<FakeTransport> made = new AtomicReference<>();

        RecordingFactory(String name, int priority) {
            this.name = name;
            this.priority = priority;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public HttpTransport create(TransportOptions options) {
            this.options.set(options);
            FakeTransport t = new FakeTransport();
            made.set(t);
            return t;
        }
    }
}
