/**
 * Phone numbers: {@link io.github.privatenumber.core.number.PhoneNumber} (validated and normalised to
 * {@code +86…} before anything is sent), {@link io.github.privatenumber.core.number.ReportedNumber}
 * (a number as the platform reported it, kept even when odd or masked) and
 * {@link io.github.privatenumber.core.number.AreaCode}. Every type here is immutable and thread-safe,
 * and none shows a number in clear in {@code toString} or in an exception message.
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are
 * returned as {@link java.util.Optional}. Invalid input, {@code null} included, is rejected with
 * {@link io.github.privatenumber.core.InvalidValueException} naming the field.
 */
package io.github.privatenumber.core.number;
