package io.github.privatenumber.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.spring.PrivateNumberConfigurationException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SelectedTransportFactoryTest {

    /** What an httpclient5 older than the transport's looks like when the transport is made. */
    private static final HttpTransportFactory TOO_OLD_HTTPCLIENT = factory("httpclient", 200, true);
    private static final HttpTransportFactory JDK = factory("jdk", 100, false);

    @Test
    void autoFallsBackWhenThePreferredLibraryCannotRun() {
        SelectedTransportFactory f = new SelectedTransportFactory(List.of(TOO_OLD_HTTPCLIENT, JDK), false);
        assertThat(f.name()).isEqualTo("httpclient");
        HttpTransport t = f.create(TransportOptions.defaults());
        assertThat(t.toString()).isEqualTo("jdk transport");
        assertThat(f.name()).isEqualTo("jdk");
        assertThat(f.priority()).isEqualTo(100);
    }

    @Test
    void aForcedTransportThatCannotRunFailsWithTheVersionsToSet() {
        SelectedTransportFactory f = new SelectedTransportFactory(List.of(TOO_OLD_HTTPCLIENT), true);
        assertThatThrownBy(() -> f.create(TransportOptions.defaults()))
                .isInstanceOfSatisfying(PrivateNumberConfigurationException.class, e -> {
                    assertThat(e.property()).isEqualTo("privatenumber.transport");
                    assertThat(e.getMessage()).contains("the httpclient transport cannot run on the library version")
                            .contains("NoSuchMethodError: HttpAsyncClientBuilder.disableContentCompression()")
                            .containsPattern("built with httpclient5 5\\.\\d+\\.\\d+ and httpcore5 5\\.\\d+\\.\\d+");
                    assertThat(e.action()).contains("httpclient5.version", "privatenumber.transport=jdk");
                });
    }

    @Test
    void aWorkingFirstChoiceIsUsed() {
        SelectedTransportFactory f = new SelectedTransportFactory(List.of(JDK, TOO_OLD_HTTPCLIENT), false);
        assertThat(f.create(TransportOptions.defaults()).toString()).isEqualTo("jdk transport");
    }

    private static HttpTransportFactory factory(String name, int priority, boolean linkageError) {
        return new HttpTransportFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public HttpTransport create(TransportOptions options) {
                if (linkageError) {
                    throw new NoSuchMethodError("HttpAsyncClientBuilder.disableContentCompression()");
                }
                return new HttpTransport() {
                    @Override
                    public CompletableFuture<io.github.privatenumber.client.spi.TransportResponse> execute(
                            io.github.privatenumber.client.spi.TransportRequest request) {
                        return new CompletableFuture<>();
                    }

                    @Override
                    public String toString() {
                        return name + " transport";
                    }
                };
            }
        };
    }
}
