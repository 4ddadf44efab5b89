package io.github.privatenumber.transport.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.spi.ProxySettings;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.TransportException;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the contract suite does not cover: construction and the transport's own description. */
class HttpClient5TransportTest {

    @Test
    void anUnusableTrustStoreIsRejectedAtConstruction() throws Exception {
        KeyStore notLoaded = KeyStore.getInstance("PKCS12");
        TransportOptions options = TransportOptions.builder().trustStore(notLoaded).build();

        InvalidValueException rejected = assertThrows(InvalidValueException.class,
                () -> new HttpClient5Transport(options));

        assertEquals("trustStore", rejected.field());
    }

    @Test
    void anEmptyTrustStoreIsRejectedAtConstruction() throws Exception {
        KeyStore empty = KeyStore.getInstance(KeyStore.getDefaultType());
        empty.load(null, null);
        TransportOptions options = TransportOptions.builder().trustStore(empty).build();

        InvalidValueException rejected = assertThrows(InvalidValueException.class,
                () -> new HttpClient5Transport(options));

        assertEquals("trustStore: holds no certificate, so it would trust nothing", rejected.getMessage());
    }

    @Test
    void aProxyWithoutCredentialsIsAccepted() {
        TransportOptions options = TransportOptions.builder().proxy(ProxySettings.of("127.0.0.1", 3128)).build();

        try (HttpClient5Transport transport = new HttpClient5Transport(options)) {
            assertEquals("HttpClient5Transport[open]", transport.toString());
        }
    }

    @Test
    void aClosedTransportFailsRequestsAsNotSentWithoutTheQuery() throws Exception {
        HttpClient5Transport transport = new HttpClient5Transport(TransportOptions.defaults());
        transport.close();

        ExecutionException failed = assertThrows(ExecutionException.class, () -> transport.execute(
                new TransportRequest("DELETE", URI.create("http://127.0.0.1:9/rest/omp/xyrelationnumber/v1.0"
                        + "?subscriptionId=s&app_key=k"), Map.of(), new byte[0], Duration.ofSeconds(1)))
                .get(5, TimeUnit.SECONDS));

        TransportException cause = (TransportException) failed.getCause();
        assertEquals(false, cause.requestMayHaveBeenSent());
        assertEquals("DELETE http://127.0.0.1:9/rest/omp/xyrelationnumber/v1.0 refused: the transport is closed",
                cause.getMessage());
        assertTrue(transport.toString().contains("closed"));
    }
}
