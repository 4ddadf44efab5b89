package io.github.privatenumber.transport.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.ClientAgainstSimulatorContract;
import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.RetryOptions;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.TransportException;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.result.ResultCode;
import io.github.privatenumber.simulator.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The whole client on the JDK transport against the simulator (the shared contract), plus what is particular to
 * this transport: its timeout message, the JDK's GET re-send meeting the simulator's replay guard, and discovery
 * when it is the only transport on the class path.
 */
class JdkClientAgainstSimulatorTest extends ClientAgainstSimulatorContract {

    @Override
    protected HttpTransportFactory transportFactory() {
        return new JdkHttpTransportFactory();
    }

    /**
     * On a machine with one or two CPUs this transport runs each request in flight on one of its own sender threads,
     * at most maxConnections of them (see JdkHttpTransport): 24 keeps that bound clearly inside the contract's
     * thread-growth check while 200 calls still overlap.
     */
    @Override
    protected PrivateNumberClient.Builder builder() {
        return super.builder().maxConnections(24);
    }

    @Test
    void aResponseTimeoutSaysHowLongItWaited() {
        BindResult ax = client().bindAx(AxBindRequest.builder().origNum(A).build());
        simulator().faults().add(Fault.latency(BINDING_PATH, Duration.ofSeconds(2)).onMethod("GET"));
        try (PrivateNumberClient impatient = builder().responseTimeout(Duration.ofMillis(400))
                .retry(RetryOptions.none()).build()) {
            TransportException e = assertThrows(TransportException.class, () -> impatient.query(ax.subscriptionId()));
            assertTrue(e.getMessage().contains("timed out after 400 ms"), e.getMessage());
        }
    }

    /**
     * With retries off, a GET whose answer is lost meets the JDK's own re-send: the copy carries the same nonce and
     * the simulator refuses it as a replay ({@code 1010010}); the client's one fresh-signed retry of that code is
     * what turns {@link #aQueryWhoseAnswerIsLostSucceedsAfterARetry()} into a success.
     */
    @Test
    void theJdkReSendOfALostGetIsRefusedAsAReplay() {
        BindResult ax = client().bindAx(AxBindRequest.builder().origNum(A).build());
        simulator().faults().add(Fault.answerLost(BINDING_PATH).onMethod("GET"));
        try (PrivateNumberClient once = builder().retry(RetryOptions.none()).build()) {
            PlatformException e = assertThrows(PlatformException.class, () -> once.query(ax.subscriptionId()));
            assertEquals(ResultCode.INVALID_DIGEST, e.resultCode());
        }
    }

    @Test
    void theJdkTransportIsFoundThroughServiceLoaderWhenItIsTheOnlyOne() {
        try (PrivateNumberClient discovered = PrivateNumberClient.builder().endpoint(simulator().baseUrl())
                .credentials(simulator().credentials()).build()) {
            assertTrue(discovered.toString().contains("transport=jdk"), discovered.toString());
            BindResult ax = discovered.bindAx(AxBindRequest.builder().origNum(A).build());
            assertEquals(1, discovered.query(ax.subscriptionId()).size());
        }
    }
}
