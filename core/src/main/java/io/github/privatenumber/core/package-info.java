/**
 * The SDK's root package: the exception tree rooted at {@link io.github.privatenumber.core.PrivateNumberException},
 * {@link io.github.privatenumber.core.AppCredentials}, {@link io.github.privatenumber.core.PlatformTime}
 * (the platform's UTC timestamps) and {@link io.github.privatenumber.core.Masking} for anything personal
 * that could reach a log. {@code core} depends on nothing but the JDK.
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are
 * returned as {@link java.util.Optional}. A {@code null} where a value is required is rejected with
 * {@link io.github.privatenumber.core.InvalidValueException} naming the parameter (a {@code null} field name
 * as {@code field}), never with a {@code NullPointerException}.
 */
package io.github.privatenumber.core;
