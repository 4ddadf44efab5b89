/**
 * The transport SPI: {@link io.github.privatenumber.client.spi.HttpTransport} (one abstract method,
 * {@code execute}), the {@link io.github.privatenumber.client.spi.TransportRequest} and
 * {@link io.github.privatenumber.client.spi.TransportResponse} it exchanges, and the
 * {@link io.github.privatenumber.client.spi.HttpTransportFactory} found through {@link java.util.ServiceLoader}
 * (HttpClient 5 before the JDK) with its {@link io.github.privatenumber.client.spi.TransportOptions}.
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are returned as
 * {@link java.util.Optional}.
 */
package io.github.privatenumber.client.spi;
