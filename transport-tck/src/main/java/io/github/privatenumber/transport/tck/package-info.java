/**
 * The transport compatibility kit: {@link io.github.privatenumber.transport.tck.HttpTransportContractTest}, one
 * abstract JUnit 5 suite that every {@link io.github.privatenumber.client.spi.HttpTransport} extends in its own
 * test sources. The suite runs over real loopback sockets (a JDK {@code HttpServer}, an {@code HttpsServer} with a
 * self-signed certificate made by the JDK's {@code keytool}, and raw {@code ServerSocket}s for broken peers), so it
 * checks what actually reaches the wire, not what the transport believes it sent.
 *
 * <p>Null contract: parameters and return values are non-null unless documented.
 */
package io.github.privatenumber.transport.tck;
