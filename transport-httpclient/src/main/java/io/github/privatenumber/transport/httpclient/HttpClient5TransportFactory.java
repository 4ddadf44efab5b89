package io.github.privatenumber.transport.httpclient;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.client.spi.TransportOptions;

/**
 * Makes {@link HttpClient5Transport}s; registered for {@link java.util.ServiceLoader} under
 * {@code META-INF/services/io.github.privatenumber.client.spi.HttpTransportFactory}. Named {@value #NAME}, ranked
 * {@value HttpTransportFactory#PRIORITY_HTTPCLIENT5}, so it wins over the JDK transport when both are present.
 * Stateless and thread-safe.
 */
public final class HttpClient5TransportFactory implements HttpTransportFactory {

    /** The name configuration uses for this transport. */
    public static final String NAME = "httpclient";

    /** For {@link java.util.ServiceLoader}. */
    public HttpClient5TransportFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY_HTTPCLIENT5;
    }

    /**
     * @throws IllegalStateException if the trust store cannot be used
     */
    @Override
    public HttpTransport create(TransportOptions options) {
        return new HttpClient5Transport(options);
    }
}
