package io.github.privatenumber.client.spi;

/**
 * Makes {@link HttpTransport}s; found through {@link java.util.ServiceLoader} when the client is not handed a
 * transport. The factory with the highest {@link #priority()} wins: Apache HttpClient 5 ({@value #PRIORITY_HTTPCLIENT5})
 * before the JDK's {@code java.net.http} ({@value #PRIORITY_JDK}). Implementations are stateless and thread-safe
 * and have a public no-argument constructor.
 */
public interface HttpTransportFactory {

    /** Priority of the Apache HttpClient 5 transport. */
    int PRIORITY_HTTPCLIENT5 = 200;

    /** Priority of the JDK transport. */
    int PRIORITY_JDK = 100;

    /**
     * @return a short name, e.g. {@code httpclient} or {@code jdk}, as used by configuration
     */
    String name();

    /**
     * @return the rank when several transports are on the class path; higher wins
     */
    int priority();

    /**
     * @param options connection settings
     * @return a new transport, owned (and to be closed) by the caller
     */
    HttpTransport create(TransportOptions options);
}
