package io.github.privatenumber.transport.httpclient;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.transport.tck.HttpTransportContractTest;

class HttpClient5TransportContractTest extends HttpTransportContractTest {

    @Override
    protected HttpTransport createTransport(TransportOptions options) {
        return new HttpClient5Transport(options);
    }
}
