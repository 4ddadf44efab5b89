package io.github.privatenumber.core;

/**
 * No usable answer came back from the platform: the connection failed, timed out or was reset, or the
 * answer could not be read. Whether the request took effect is unknown unless the subclass says otherwise;
 * see {@link OutcomeUnknownException} and the retry notes on each port.
 */
public class TransportException extends PrivateNumberException {

    private final boolean requestSent;

    /**
     * @param message what failed, free of secrets and phone numbers in clear
     * @param cause the I/O failure, may be {@code null}
     * @param requestSent {@code false} only when the request surely never left this process (for example
     *     the connection was refused); {@code true} when it may have reached the platform
     */
    public TransportException(String message, Throwable cause, boolean requestSent) {
        super(message, cause);
        this.requestSent = requestSent;
    }

    /**
     * @return {@code false} only when the request is known never to have left this process, which makes
     *     even a non-idempotent retry safe; {@code true} when it may have reached the platform
     */
    public boolean requestMayHaveBeenSent() {
        return requestSent;
    }
}
