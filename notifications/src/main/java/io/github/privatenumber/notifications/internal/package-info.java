/**
 * Not public API: the notifications module's parser, body reader and helpers. Other modules must not use this
 * package; it changes without notice.
 *
 * <p>Null contract: parameters and return values are non-null unless documented.
 */
package io.github.privatenumber.notifications.internal;
