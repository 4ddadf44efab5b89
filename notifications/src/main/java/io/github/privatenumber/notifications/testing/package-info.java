/**
 * Helpers for applications' own tests of their push handling: {@link
 * io.github.privatenumber.notifications.testing.PushTestClient} builds push bodies, signs each request afresh like
 * the platform and posts it to a URL or hands it to a receiver directly.
 *
 * <p>Null contract: parameters and return values are non-null unless documented.
 */
package io.github.privatenumber.notifications.testing;
