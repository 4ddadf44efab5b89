/**
 * The platform's result codes as an open value type,
 * {@link io.github.privatenumber.core.result.ResultCode}: known codes have constants, unknown ones are
 * kept as they came. Immutable and thread-safe.
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are
 * returned as {@link java.util.Optional}. A {@code null} where a value is required is rejected with
 * {@link io.github.privatenumber.core.InvalidValueException} naming the parameter (a {@code null} field name
 * as {@code field}), never with a {@code NullPointerException}.
 */
package io.github.privatenumber.core.result;
