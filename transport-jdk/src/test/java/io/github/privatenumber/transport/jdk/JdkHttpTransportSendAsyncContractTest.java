package io.github.privatenumber.transport.jdk;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.TransportOptions;

/** The transport contract for {@link JdkHttpTransport} on {@code sendAsync} (its mode on three CPUs or more). */
class JdkHttpTransportSendAsyncContractTest extends JdkHttpTransportContractTest {

    @Override
    protected HttpTransport createTransport(TransportOptions options) {
        return JdkHttpTransport.create(options, false);
    }
}
