/**
 * Helpers shared by the packages of {@code core}. <strong>Not public API</strong>: other modules must not
 * use this package, and it may change without notice.
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are
 * returned as {@link java.util.Optional}.
 */
package io.github.privatenumber.core.internal;
