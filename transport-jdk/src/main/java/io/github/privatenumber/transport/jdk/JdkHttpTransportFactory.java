package io.github.privatenumber.transport.jdk;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.client.spi.TransportOptions;

/**
 * Makes {@link JdkHttpTransport}s: name {@code jdk}, priority {@value HttpTransportFactory#PRIORITY_JDK} (below Apache
 * HttpClient 5). Registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/io.github.privatenumber.client.spi.HttpTransportFactory}. Stateless and thread-safe.
 */
public final class JdkHttpTransportFactory implements HttpTransportFactory {

    /** The name used by configuration. */
    public static final String NAME = "jdk";

    /** Public for {@link java.util.ServiceLoader}. */
    public JdkHttpTransportFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY_JDK;
    }

    /**
     * @param options connection settings
     * @return a new transport, owned by the caller
     * @throws io.github.privatenumber.core.InvalidValueException naming {@code trustStore} if no TLS context can be
     *     built from the trust store
     */
    @Override
    public HttpTransport create(TransportOptions options) {
        return JdkHttpTransport.create(options);
    }
}
