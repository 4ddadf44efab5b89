/**
 * The {@link io.github.privatenumber.client.spi.HttpTransport} on Apache HttpClient 5's asynchronous client:
 * {@link io.github.privatenumber.transport.httpclient.HttpClient5Transport} and the
 * {@link io.github.privatenumber.transport.httpclient.HttpClient5TransportFactory} that
 * {@link java.util.ServiceLoader} finds (name {@code httpclient}, priority 200).
 *
 * <p>Null contract: parameters and return values are non-null unless documented.
 */
package io.github.privatenumber.transport.httpclient;
