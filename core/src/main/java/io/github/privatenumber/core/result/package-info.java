/**
 * The platform's result codes as an open value type,
 * {@link io.github.privatenumber.core.result.ResultCode}: known codes have constants, unknown ones are
 * kept as they came. Immutable and thread-safe.
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are
 * returned as {@link java.util.Optional}.
 */
package io.github.privatenumber.core.result;
