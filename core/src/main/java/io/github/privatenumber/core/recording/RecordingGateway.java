package io.github.privatenumber.core.recording;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.TransportException;

/**
 * The platform's recording API (SPEC §7). A port: the {@code client} module implements it over HTTP.
 * Implementations must be thread-safe.
 */
public interface RecordingGateway {

    /**
     * Asks the platform where a recording can be downloaded. The platform answers HTTP 301; its
     * {@code Location} is returned exactly as sent and is <b>never followed</b>, so no audio is
     * downloaded here and the platform's auth headers never reach the storage host.
     *
     * <p><b>Safe to retry</b> on transient failures (connection failures, timeouts, HTTP 5xx,
     * {@code 1010001}, {@code 1023001}, {@code 1023002}): it changes nothing. The URL is valid for
     * three days.
     *
     * @param reference the recording, from a call detail record
     * @return the download URL
     * @throws InvalidValueException if {@code reference} is {@code null}
     * @throws PlatformException if the platform refused, e.g. {@code 1012007} when the recording does
     *     not exist or is older than seven days
     * @throws TransportException if no usable answer arrived after the retries
     */
    RecordingUrl downloadUrl(RecordingReference reference);
}
