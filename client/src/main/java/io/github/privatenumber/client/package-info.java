/**
 * The SDK's client: {@link io.github.privatenumber.client.PrivateNumberClient} implements the platform's ports
 * ({@link io.github.privatenumber.core.binding.BindingGateway},
 * {@link io.github.privatenumber.core.recording.RecordingGateway},
 * {@link io.github.privatenumber.core.call.CallControlGateway}) over a one-method
 * {@link io.github.privatenumber.client.spi.HttpTransport}, with per-operation retries configured by
 * {@link io.github.privatenumber.client.RetryOptions}.
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are returned as
 * {@link java.util.Optional}. A {@code null} argument to a client operation or builder setter is rejected with an
 * {@link io.github.privatenumber.core.InvalidValueException} naming it.
 */
package io.github.privatenumber.client;
