/**
 * The {@link io.github.privatenumber.client.spi.HttpTransport} on the JDK's own {@code java.net.http.HttpClient}:
 * {@link io.github.privatenumber.transport.jdk.JdkHttpTransport}, found by the client through
 * {@link io.github.privatenumber.transport.jdk.JdkHttpTransportFactory}. No dependency beyond the client.
 *
 * <p>Null contract: parameters and return values are non-null unless documented.
 */
package io.github.privatenumber.transport.jdk;
