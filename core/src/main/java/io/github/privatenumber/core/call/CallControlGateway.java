package io.github.privatenumber.core.call;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.TransportException;

/**
 * Control of calls in progress (SPEC §8). A port: the {@code client} module implements it over HTTP.
 * Implementations must be thread-safe.
 */
public interface CallControlGateway {

    /**
     * Ends a call in progress. Unbinding never does that; this does.
     *
     * <p><b>Safe to retry</b> on transient failures (connection failures, timeouts, HTTP 5xx,
     * {@code 1010001}, {@code 1023001}, {@code 1023002}): stopping a call twice is harmless, but when the
     * first attempt took effect the second is answered with an error, because the call has ended.
     *
     * @param sessionId the call, from a call event or CDR
     * @throws InvalidValueException if {@code sessionId} is {@code null}
     * @throws PlatformException if the platform refused, in particular when the call has already ended
     * @throws TransportException if no usable answer arrived after the retries
     */
    void stopCall(SessionId sessionId);
}
