/**
 * Calls in progress: the {@link io.github.privatenumber.core.call.CallControlGateway} port and the
 * {@link io.github.privatenumber.core.call.SessionId} that names a call. Every value type is immutable and
 * thread-safe.
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are
 * returned as {@link java.util.Optional}. Invalid input, {@code null} included, is rejected with
 * {@link io.github.privatenumber.core.InvalidValueException} naming the field.
 */
package io.github.privatenumber.core.call;
