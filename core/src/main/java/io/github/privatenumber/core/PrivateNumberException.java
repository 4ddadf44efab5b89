package io.github.privatenumber.core;

/**
 * Root of the SDK's exception tree. Every exception the SDK throws on purpose is one of these, and all
 * are unchecked:
 * <ul>
 *   <li>{@link PlatformException}: the platform answered and said no (a result code other than {@code "0"});</li>
 *   <li>{@link TransportException}: no usable answer arrived (connect failure, timeout, reset), with
 *       {@link OutcomeUnknownException} for a non-idempotent request that may or may not have taken effect;</li>
 *   <li>{@link SignatureVerificationException}: an inbound push failed verification;</li>
 *   <li>{@link InvalidValueException}: a value was rejected before anything was sent.</li>
 * </ul>
 * Messages never contain an app secret, a digest or a phone number in clear.
 */
public class PrivateNumberException extends RuntimeException {

    /**
     * @param message what went wrong, already free of secrets and unmasked phone numbers
     */
    public PrivateNumberException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, already free of secrets and unmasked phone numbers
     * @param cause the underlying failure, may be {@code null}
     */
    public PrivateNumberException(String message, Throwable cause) {
        super(message, cause);
    }
}
