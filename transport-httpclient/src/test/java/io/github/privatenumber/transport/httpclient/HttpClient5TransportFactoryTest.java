package io.github.privatenumber.transport.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.client.spi.TransportOptions;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class HttpClient5TransportFactoryTest {

    @Test
    void serviceLoaderFindsTheFactory() {
        List<HttpTransportFactory> found = ServiceLoader.load(HttpTransportFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();

        HttpTransportFactory factory = found.stream()
                .filter(each -> each.name().equals("httpclient"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("not registered: " + found));
        assertInstanceOf(HttpClient5TransportFactory.class, factory);
        assertEquals(HttpTransportFactory.PRIORITY_HTTPCLIENT5, factory.priority());
        assertEquals(200, factory.priority());
    }

    @Test
    void highestPriorityOnThisClassPathIsHttpClient5() {
        HttpTransportFactory best = ServiceLoader.load(HttpTransportFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .max(Comparator.comparingInt(HttpTransportFactory::priority))
                .orElseThrow();

        assertEquals("httpclient", best.name());
    }

    @Test
    void factoryMakesAnHttpClient5Transport() {
        try (HttpTransport transport = new HttpClient5TransportFactory().create(TransportOptions.defaults())) {
            assertInstanceOf(HttpClient5Transport.class, transport);
        }
    }
}
