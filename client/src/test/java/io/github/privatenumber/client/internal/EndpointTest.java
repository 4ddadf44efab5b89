package io.github.privatenumber.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void httpsIsNormalised() {
        assertEquals("https://rtcpns.cn-north-1.myhuaweicloud.com",
                Endpoint.of("https://rtcpns.cn-north-1.myhuaweicloud.com/").toString());
        assertEquals("https://gw.example.com:8443/pn", Endpoint.of("HTTPS://gw.example.com:8443/pn//").toString());
        assertEquals("https://gw.example.com/pn/rest/x?a=1",
                Endpoint.of("https://gw.example.com/pn/").resolve("/rest/x", "a=1").toString());
        assertEquals("https://gw.example.com/rest/x", Endpoint.of("https://gw.example.com").resolve("/rest/x", "").toString());
        assertTrue(Endpoint.of("https://gw.example.com").isHttps());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:18080", "http://localhost:8080/", "http://[::1]:9000", "http://127.1.2.3",
        "http://sim.localhost:8080"})
    void plainHttpIsAcceptedForLoopbackOnly(String url) {
        assertFalse(Endpoint.of(url).isHttps());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://rtcpns.cn-north-1.myhuaweicloud.com", "http://10.0.0.1:8080", "http://127.0.0.1.nip.io",
        "http://localhost.example.com", "http://[::2]:80", "http://0.0.0.0:8080"})
    void plainHttpIsRejectedElsewhere(String url) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Endpoint.of(url));
        assertEquals("endpoint", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com", "https://example.com/?a=1", "https://example.com/#top",
        "https://user:pw@example.com", "/relative/path", "example.com", "https://", "mailto:a@b.c", "https://a b.com",
        "https://under_score.example.com"})
    void malformedEndpointsAreRejected(String url) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Endpoint.of(url));
        assertEquals("endpoint", e.field());
        assertFalse(e.getMessage().contains("pw"), e.getMessage());
    }

    @Test
    void nullIsRejected() {
        assertThrows(InvalidValueException.class, () -> Endpoint.of((String) null));
        assertThrows(InvalidValueException.class, () -> Endpoint.of((java.net.URI) null));
    }
}
