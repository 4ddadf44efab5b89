/**
 * Call recordings: the {@link io.github.privatenumber.core.recording.RecordingGateway} port, the
 * {@link io.github.privatenumber.core.recording.RecordingReference} a call detail record names and the
 * {@link io.github.privatenumber.core.recording.RecordingUrl} the platform answers with. Every value type
 * is immutable and thread-safe.
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are
 * returned as {@link java.util.Optional}. Invalid input, {@code null} included, is rejected with
 * {@link io.github.privatenumber.core.InvalidValueException} naming the field.
 */
package io.github.privatenumber.core.recording;
