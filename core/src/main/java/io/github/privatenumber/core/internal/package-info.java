/**
 * Helpers shared by the packages of {@code core}. <strong>Not public API</strong>: other modules must not
 * use this package, and it may change without notice.
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are
 * returned as {@link java.util.Optional}. A {@code null} where a value is required is rejected with
 * {@link io.github.privatenumber.core.InvalidValueException} naming the parameter (a {@code null} field name
 * as {@code field}), never with a {@code NullPointerException}.
 */
package io.github.privatenumber.core.internal;
